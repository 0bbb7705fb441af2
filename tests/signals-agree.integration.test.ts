import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, getJson, sleep, type RunningDemo } from './harness/demo';
import { lagStatus } from '@/lib/domain/lag-status';
import type { ConflictMatrix, DivergenceOverview, Health, LagMatrix, RegionHealth, SloList } from '@/lib/api/types';

/**
 * One process, two readers: every figure `/metrics` exports must equal what the API says.
 * Heartbeats every 2 s keep the figures still long enough to read both between two changes.
 */
const SCENARIO = `
seed: 5
regions: [r1, r2, r3]
replication: { delay: 60ms, jitter: 10ms }
workload: { writes_per_second: 150, conflict_ratio: 0.05, entities: 1500 }
collectors:
  heartbeat: { interval: 2s }
  divergence: { interval: 3s }
faults:
  - { at: 2s, kind: corrupt, region: r2, dataset: users, count: 4 }
slos:
  - { name: lag, objective: 99, window: 1h, sli: { kind: replication_lag, threshold: 500ms } }
  - { name: resolution, objective: 99, window: 1h, sli: { kind: conflict_resolution, threshold: 30s } }
  - { name: available, objective: 99.9, window: 1h, sli: { kind: availability } }
  - { name: clean, objective: 90, window: 1h, sli: { kind: divergence } }
`;

let demo: RunningDemo;

before(async () => {
  demo = await startDemo(SCENARIO);
  // Wait for a divergence check after the corruption, so every signal has values.
  for (let attempt = 0; attempt < 60; attempt++) {
    const overview = await getJson<DivergenceOverview>(`${demo.url}/api/divergence`);
    if (overview.checks.length === 3 && overview.checks.some((check) => check.divergent_entities > 0)) break;
    await sleep(500);
  }
});

after(async () => {
  await demo?.stop();
});

/** `name{labels} value` lines of one metric, as label text → value. */
function samples(text: string, name: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const end = line.lastIndexOf(' ');
    found.set(line.slice(name.length, end), Number(line.slice(end + 1)));
  }
  return found;
}

const labels = (entries: Record<string, string>) =>
  `{${Object.entries(entries)
    .map(([key, value]) => `${key}="${value}"`)
    .join(',')}}`;
const scrape = async () => (await fetch(`${demo.url}/metrics`)).text();

/**
 * Reads /metrics, the API, then /metrics again until the two scrapes agree on `fromMetrics`
 * (nothing moved meanwhile); returns that pair. A figure that moves all the time fails here.
 */
async function between<T, V>(path: string, fromMetrics: (text: string) => V): Promise<{ metrics: V; api: T }> {
  let last = '';
  for (let attempt = 0; attempt < 40; attempt++) {
    const before = fromMetrics(await scrape());
    const api = await getJson<T>(`${demo.url}${path}`);
    const after = fromMetrics(await scrape());
    if (JSON.stringify(before) === JSON.stringify(after)) return { metrics: before, api };
    last = `${JSON.stringify(before)} then ${JSON.stringify(after)}`;
    await sleep(150);
  }
  throw new Error(`/metrics never held still around ${path}: ${last}`);
}

test('lag, error bound and status: /metrics equals /api/lag/matrix for every pair', async () => {
  const fromMetrics = (text: string) => ({
    lag: Object.fromEntries(samples(text, 'regionwatch_replication_lag_seconds')),
    bound: Object.fromEntries(samples(text, 'regionwatch_replication_lag_error_bound_seconds')),
  });
  const { metrics, api } = await between<LagMatrix, ReturnType<typeof fromMetrics>>('/api/lag/matrix', fromMetrics);
  assert.equal(api.cells.length, 6);
  for (const cell of api.cells) {
    const key = labels({ source_region: cell.source_region, target_region: cell.target_region });
    assert.equal(cell.lag_seconds, metrics.lag[key], `${key} lag`);
    // The bound includes the clock-offset error in both places (it used to in the API only).
    assert.equal(cell.error_bound_seconds, metrics.bound[key], `${key} error bound`);
    assert.equal(cell.status, lagStatus(metrics.lag[key] ?? null, api.threshold_seconds), `${key} status`);
  }
});

test('conflicts per pair: regionwatch_conflicts_total equals the API matrix, and posted events count in both', async () => {
  const perPair = (text: string) => {
    const totals: Record<string, number> = {};
    for (const [key, value] of samples(text, 'regionwatch_conflicts_total')) {
      const [, source, target] = /source_region="([^"]+)",target_region="([^"]+)"/.exec(key)!;
      totals[`${source}->${target}`] = (totals[`${source}->${target}`] ?? 0) + value;
    }
    return totals;
  };
  const compare = async () => {
    const { metrics, api } = await between<ConflictMatrix, Record<string, number>>('/api/conflicts/matrix?window=30d', perPair);
    for (const cell of api.cells) assert.equal(cell.count, metrics[`${cell.source_region}->${cell.target_region}`] ?? 0, `${cell.source_region}->${cell.target_region}`);
    return metrics;
  };
  const before = await compare();
  const now = Date.now();
  const events = [0, 1, 2].map((index) => ({
    id: `agree-${now}-${index}`,
    detected_at: now - 120_000,
    resolved_at: now,
    source_region: 'r3',
    target_region: 'r1',
    entity_type: 'posted',
    entity_key: `k${index}`,
    resolution: 'lww',
  }));
  const response = await fetch(`${demo.url}/api/conflicts`, { method: 'POST', body: JSON.stringify(events), headers: { 'content-type': 'application/json' } });
  assert.equal(response.status, 202);
  const after = await compare();
  assert.ok((after['r3->r1'] ?? 0) >= (before['r3->r1'] ?? 0) + 3, 'the posted events are counted');
  const text = await scrape();
  assert.equal(samples(text, 'regionwatch_conflict_resolution_seconds_count').get(labels({ entity_type: 'posted', resolution: 'lww' })), 3);
});

test('SLO events equal the histograms they are read from, and burn rates and budgets equal /api/slo', async () => {
  const sum = (text: string, name: string, filter: (key: string) => boolean = () => true) => [...samples(text, name)].filter(([key]) => filter(key)).reduce((total, [, value]) => total + value, 0);
  const fromMetrics = (text: string) => ({
    lagTotal: sum(text, 'regionwatch_replication_lag_observed_seconds_count'),
    lagGood: sum(text, 'regionwatch_replication_lag_observed_seconds_bucket', (key) => key.includes('le="0.5"')),
    resolutionTotal: sum(text, 'regionwatch_conflict_resolution_seconds_count'),
    resolutionGood: sum(text, 'regionwatch_conflict_resolution_seconds_bucket', (key) => key.includes('le="30"')),
    checks: sum(text, 'regionwatch_divergence_checks_total'),
    diverged: sum(text, 'regionwatch_divergence_checks_diverged_total'),
    burn: Object.fromEntries(samples(text, 'regionwatch_slo_burn_rate')),
    budget: Object.fromEntries(samples(text, 'regionwatch_slo_error_budget_remaining_ratio')),
  });
  // SLO figures are computed once a second from the counts; retry until a read falls between two observations.
  let mismatch = '';
  for (let attempt = 0; attempt < 30; attempt++) {
    const { metrics, api } = await between<SloList, ReturnType<typeof fromMetrics>>('/api/slo', fromMetrics);
    const slo = (name: string) => api.items.find((item) => item.name === name)!;
    const problems: string[] = [];
    const expect = (what: string, actual: unknown, expected: unknown) => {
      if (actual !== expected) problems.push(`${what}: api ${JSON.stringify(actual)}, metrics ${JSON.stringify(expected)}`);
    };
    expect('lag events', JSON.stringify(slo('lag').events), JSON.stringify({ good: metrics.lagGood, total: metrics.lagTotal }));
    expect('resolution events (collected and posted)', JSON.stringify(slo('resolution').events), JSON.stringify({ good: metrics.resolutionGood, total: metrics.resolutionTotal }));
    expect('divergence events', JSON.stringify(slo('clean').events), JSON.stringify({ good: metrics.checks - metrics.diverged, total: metrics.checks }));
    for (const item of api.items) {
      expect(`${item.name} budget`, item.error_budget_remaining, metrics.budget[labels({ slo: item.name })]);
      for (const [window, rate] of Object.entries(item.burn_rates)) if (rate !== null) expect(`${item.name} burn ${window}`, rate, metrics.burn[labels({ slo: item.name, window })]);
    }
    if (problems.length === 0) {
      assert.ok(metrics.resolutionTotal >= 3 && metrics.checks > 0 && metrics.lagTotal > 0);
      return;
    }
    mismatch = problems.join('\n');
    await sleep(200);
  }
  assert.fail(mismatch);
});

test('divergence: divergent and unsettled gauges equal /api/divergence for every pair', async () => {
  const fromMetrics = (text: string) => ({
    divergent: Object.fromEntries(samples(text, 'regionwatch_divergent_entities')),
    unsettled: Object.fromEntries(samples(text, 'regionwatch_divergence_unsettled_entities')),
  });
  const { metrics, api } = await between<DivergenceOverview, ReturnType<typeof fromMetrics>>('/api/divergence', fromMetrics);
  assert.equal(api.checks.length, 3);
  for (const check of api.checks) {
    const key = labels({ region_a: check.region_a, region_b: check.region_b, dataset: check.dataset });
    assert.equal(check.divergent_entities, metrics.divergent[key], `${key} divergent`);
    assert.equal(check.unsettled_entities, metrics.unsettled[key], `${key} unsettled`);
  }
  assert.ok(
    api.checks.some((check) => check.divergent_entities === 4),
    'the corrupted rows are counted',
  );
});

test('region and collector health: regionwatch_region_up and collector_up equal the API', async () => {
  const regions = await between<RegionHealth, Record<string, number>>('/api/regions/health', (text) => Object.fromEntries(samples(text, 'regionwatch_region_up')));
  assert.equal(regions.api.regions.length, 3);
  for (const region of regions.api.regions) assert.equal(region.up === null ? undefined : Number(region.up), regions.metrics[labels({ region: region.region })], region.region);
  const collectors = await between<Health, Record<string, number>>('/api/health', (text) => Object.fromEntries(samples(text, 'regionwatch_collector_up')));
  assert.ok(collectors.api.collectors.length >= 12);
  for (const collector of collectors.api.collectors)
    assert.equal(Number(collector.up), collectors.metrics[labels({ collector: collector.name, region: collector.region })], `${collector.name} ${collector.region}`);
});
