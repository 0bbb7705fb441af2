import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningCollector } from './harness/demo';
import type { RunningTsdb } from './harness/tsdb';
import { eventually, launchChromium, SCREENSHOTS } from './harness/browser';
import { DELAY_S, get, REGIONS, type RunningDashboard, type ScaleOut, startScaleOut, until } from './harness/scale-out';
import { lagStatus } from '@/lib/domain/lag-status';
import type { ConflictMatrix, ConflictRate, Health, LagMatrix, LagSeries, SloDetail, SloSummary } from '@/lib/api/types';

/**
 * Scale-out on real servers: one `collect --region` agent per region, scraped by a real
 * Prometheus and a real VictoriaMetrics, and a `regionwatch dashboard` (no collectors) on each
 * that reads current values and history back through PromQL (tests/harness/scale-out.ts).
 */

/** How far a per-region agent's estimate strays from the delay on a busy two-core machine. */
const LOOSE_S = 0.15;
let deployment: ScaleOut;
let agents: RunningCollector[];
let prometheus: RunningTsdb;
let victoria: RunningTsdb;
let onPrometheus: RunningDashboard;
let onVictoria: RunningDashboard;

before(async () => {
  deployment = await startScaleOut();
  ({ agents, prometheus, victoria, onPrometheus, onVictoria } = deployment);
});

after(() => deployment?.stop());

const fullMatrix = async (dashboard: RunningDashboard) => {
  const { status, body } = await get<LagMatrix>(`${dashboard.url}/api/lag/matrix`);
  return status === 200 && body.cells.every((cell) => cell.lag_seconds !== null) ? body : undefined;
};

/** The lag each agent exports right now, by `source->target`. */
async function agentLags(): Promise<Map<string, number>> {
  const lags = new Map<string, number>();
  for (const agent of agents) {
    const text = await (await fetch(agent.metricsUrl, { signal: AbortSignal.timeout(5000) })).text();
    for (const match of text.matchAll(/^regionwatch_replication_lag_seconds\{source_region="(\w+)",target_region="(\w+)"\} (\S+)$/gm)) {
      assert.ok(!lags.has(`${match[1]}->${match[2]}`), `${match[1]}->${match[2]} is exported by one agent only`);
      lags.set(`${match[1]}->${match[2]}`, Number(match[3]));
    }
  }
  return lags;
}

/** Raw samples of a range selector at `at`, by `source->target`, straight from the backend. */
async function backendSamples(tsdb: RunningTsdb, selector: string, at: number): Promise<Map<string, number[]>> {
  const response = await fetch(`${tsdb.url}/api/v1/query?query=${encodeURIComponent(selector)}&time=${at / 1000}`, { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as { data: { result: { metric: Record<string, string>; values: [number, string][] }[] } };
  const samples = new Map<string, number[]>();
  for (const series of body.data.result) {
    const pair = `${series.metric.source_region}->${series.metric.target_region}`;
    samples.set(pair, [...(samples.get(pair) ?? []), ...series.values.map(([, value]) => Number(value))]);
  }
  return samples;
}

for (const [backend, dashboard] of [
  ['Prometheus', () => onPrometheus],
  ['VictoriaMetrics', () => onVictoria],
] as const) {
  test(`${backend}: the dashboard shows the agents' lag matrix, and its history`, async () => {
    const asked = Date.now();
    const matrix = await until('every cell has a lag', () => fullMatrix(dashboard()));
    assert.deepEqual(matrix.regions, REGIONS);
    const exported = await agentLags();
    assert.equal(exported.size, 6, 'the agents together export every ordered pair');
    // What the backend stored from the agents' scrapes over the last poll and scrape intervals.
    const stored = await backendSamples(backend === 'Prometheus' ? prometheus : victoria, 'regionwatch_replication_lag_seconds[20s]', Date.now());
    for (const cell of matrix.cells) {
      const pair = `${cell.source_region}->${cell.target_region}`;
      // Exactly a value an agent exported and the backend scraped, not an interpolation or a guess.
      const values = stored.get(pair) ?? [];
      assert.ok(
        values.some((value) => Math.abs(value - cell.lag_seconds!) < 1e-9),
        `${pair}: dashboard ${cell.lag_seconds} is not among the scraped ${values.join(', ')} (asked at ${asked})`,
      );
      // Per-region agents estimate looser than one collector; the values still sit at the delay.
      assert.ok(Math.abs(cell.lag_seconds! - DELAY_S) < LOOSE_S, `${pair}: ${cell.lag_seconds} s against a ${DELAY_S} s delay`);
      assert.ok(cell.error_bound_seconds !== null && cell.error_bound_seconds > 0, `${pair} carries its error bound`);
      assert.equal(cell.status, lagStatus(cell.lag_seconds, matrix.threshold_seconds), `${pair}: the status the one status rule gives`);
    }

    const health = await get<Health>(`${dashboard().url}/api/health`);
    const backendRow = health.body.collectors.find((collector) => collector.name === 'prometheus');
    assert.equal(backendRow?.up, true, JSON.stringify(health.body));
    for (const region of REGIONS) {
      assert.ok(
        health.body.collectors.some((collector) => collector.name === 'heartbeat' && collector.region === region && collector.up),
        `the agents' heartbeat collector in ${region} is shown up`,
      );
    }

    // History: the series the agents exported, through query_range, the step derived from the points.
    const { from, to, series } = await until('ten seconds of history', async () => {
      const to = Date.now() - 2000;
      const from = to - 30_000;
      const answer = await get<LagSeries>(`${dashboard().url}/api/lag/series?source=a&target=b&from=${from}&to=${to}&points=30`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body.points.length >= 10 ? { from, to, series: answer } : undefined;
    });
    assert.ok(series.body.points.length <= 30, `${series.body.points.length} points`);
    for (const [at, value] of series.body.points) {
      assert.ok(at >= from - 1000 && at <= to + 1000);
      assert.ok(Math.abs(value - DELAY_S) < LOOSE_S, `a->b at ${at}: ${value}`);
    }
    // The Grafana data source reads the same function: the same points for the same range.
    const grafana = await fetch(`${dashboard().url}/api/grafana/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ range: { from: new Date(from).toISOString(), to: new Date(to).toISOString() }, maxDataPoints: 30, targets: [{ target: 'lag', payload: { pair: 'a->b' } }] }),
      signal: AbortSignal.timeout(15_000),
    });
    const [frame] = (await grafana.json()) as { datapoints: [number, number][] }[];
    assert.deepEqual(
      frame.datapoints,
      series.body.points.map(([at, value]) => [value, at]),
    );
  });
}

test('each agent exports only its own region: no region-labelled series comes from two agents', async () => {
  // Series without a region (a collector's cycle time, the resolution histogram of the conflicts
  // each agent resolved itself) are per agent by nature; a series naming a region or pair is
  // one agent's measurement, or a backend summing the agents would count it twice.
  const regional = /\b(region|source_region|target_region|from_region|to_region|write_region)="/;
  const owners = new Map<string, number[]>();
  for (const [index, agent] of agents.entries()) {
    const text = await (await fetch(agent.metricsUrl, { signal: AbortSignal.timeout(5000) })).text();
    for (const line of text.split('\n')) {
      if (!line.startsWith('regionwatch_') || !regional.test(line)) continue;
      const series = line.slice(0, line.lastIndexOf(' '));
      owners.set(series, [...(owners.get(series) ?? []), index]);
    }
  }
  const shared = [...owners].filter(([, agentsOf]) => agentsOf.length > 1).map(([series]) => series);
  assert.deepEqual(shared, [], 'series a backend summing the agents would count more than once');
});

test('VictoriaMetrics: series that exist only in the backend (imported with past timestamps) are served', async () => {
  const end = Date.now() - 2 * 3_600_000;
  const lines = Array.from({ length: 60 }, (_, index) => `regionwatch_replication_lag_seconds{source_region="c",target_region="a",job="imported"} ${(index % 10) / 10} ${end - (59 - index) * 60_000}`);
  const imported = await fetch(`${victoria.url}/api/v1/import/prometheus`, { method: 'POST', body: `${lines.join('\n')}\n`, signal: AbortSignal.timeout(10_000) });
  assert.equal(imported.status, 204, await imported.text());
  const from = end - 3_600_000;
  const series = await until('the imported samples are served', async () => {
    const answer = await get<LagSeries>(`${onVictoria.url}/api/lag/series?source=c&target=a&from=${from}&to=${end}&points=60`);
    return answer.status === 200 && answer.body.points.length >= 50 ? answer.body : undefined;
  });
  // Minute samples on a minute step: the imported values come back as written.
  const values = new Set(series.points.map(([, value]) => Math.round(value * 10)));
  assert.deepEqual(
    [...values].sort((x, y) => x - y),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.ok(series.points.every(([at]) => at <= end + 1000 && at >= from - 1000));
});

test('SLO budget and burn rates: from the recording rules on Prometheus, from the raw counters on VictoriaMetrics', async () => {
  const slo = (dashboard: RunningDashboard) =>
    until(`${dashboard.url}: the lag SLO has events`, async () => {
      const answer = await get<SloSummary>(`${dashboard.url}/api/slo/lag`);
      return answer.status === 200 && answer.body.events.total > 0 && answer.body.burn_rates['1h'] !== null ? answer.body : undefined;
    });
  // Exactly what Prometheus recorded over the last poll intervals: the rules' figure, not a second computation.
  const recorded = async (name: string, labels: string) => {
    const response = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(`${name}{${labels}}[30s]`)}`, { signal: AbortSignal.timeout(10_000) });
    const body = (await response.json()) as { data: { result: { values: [number, string][] }[] } };
    return body.data.result.flatMap((series) => series.values.map(([, value]) => Number(value)));
  };
  const among = (values: number[], value: number | null) => value !== null && values.some((candidate) => Math.abs(candidate - value) < 1e-9);
  // The first polls may predate the rules' first evaluation; within a few polls the dashboard shows them.
  const fromRules = await until(
    'the dashboard shows the recorded budget and 2m burn rate',
    async () => {
      const summary = await slo(onPrometheus);
      const [budgets, burns] = await Promise.all([recorded('slo:regionwatch_error_budget_remaining:ratio', 'slo="lag"'), recorded('slo:regionwatch_burn_rate:ratio', 'slo="lag",window="2m"')]);
      return among(budgets, summary.error_budget_remaining) && among(burns, summary.burn_rates['2m']) ? summary : undefined;
    },
    45_000,
  );
  assert.equal(fromRules.alerts.length > 0, true);
  for (const alert of fromRules.alerts)
    assert.equal(alert.firing, alert.long_burn_rate !== null && alert.short_burn_rate !== null && alert.long_burn_rate > alert.factor && alert.short_burn_rate > alert.factor);

  // Without rules, the raw counters over each window and the same math. (VictoriaMetrics's
  // increase() counts a new series' first value, Prometheus's does not, so the two backends'
  // figures for a young series differ; each must agree with its own events.)
  const fromCounters = await slo(onVictoria);
  const { good, total } = fromCounters.events;
  assert.ok(total > 0 && good <= total, JSON.stringify(fromCounters.events));
  const burn = (total - good) / total / 0.01;
  assert.ok(Math.abs(fromCounters.burn_rates['1h']! - burn) < 1e-9, `1h burn ${fromCounters.burn_rates['1h']} against ${burn} from its events`);
  assert.ok(Math.abs(fromCounters.error_budget_remaining - (1 - burn)) < 1e-9, 'the budget is what the window burned');

  // The burn-down: the window's events from the backend, drawn by the same functions, ending at the budget shown.
  const detail = await get<SloDetail>(`${onVictoria.url}/api/slo/lag?points=200`);
  assert.equal(detail.status, 200, JSON.stringify(detail.body));
  assert.ok(detail.body.burn_down.length >= 2, `${detail.body.burn_down.length} burn-down points: the start and what the backend counted`);
  assert.equal(detail.body.burn_down[0][1], 1, 'the window starts with its whole budget');
  assert.ok(
    Math.abs(detail.body.burn_down.at(-1)![1] - detail.body.error_budget_remaining) < 0.02,
    `the burn-down ends at ${detail.body.burn_down.at(-1)![1]}, the budget is ${detail.body.error_budget_remaining}`,
  );
  assert.ok(detail.body.burn_rate_series['1h'].length > 0, 'burn-rate history');
});

test('conflicts: the matrix and the rate come from the counters the agents export, each conflict counted once', async () => {
  const matrix = await until('conflicts in the matrix', async () => {
    const answer = await get<ConflictMatrix>(`${onPrometheus.url}/api/conflicts/matrix?window=5m`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body.cells.some((cell) => cell.count > 0) ? answer.body : undefined;
  });
  // Each conflict is counted by the agent of the region that resolved it, and by no other.
  const exported = new Map<string, number>();
  for (const [index, agent] of agents.entries()) {
    const text = await (await fetch(agent.metricsUrl, { signal: AbortSignal.timeout(5000) })).text();
    for (const line of text.split('\n').filter((candidate) => /^regionwatch_conflicts(_total)?\{/.test(candidate))) {
      const [source, target] = ['source_region', 'target_region'].map((label) => new RegExp(`${label}="(\\w+)"`).exec(line)?.[1]);
      assert.equal(target, REGIONS[index], `the agent of ${REGIONS[index]} counts only conflicts resolved there: ${line}`);
      exported.set(`${source}->${target}`, (exported.get(`${source}->${target}`) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
    }
  }
  for (const cell of matrix.cells) {
    const pair = `${cell.source_region}->${cell.target_region}`;
    if (cell.count > 0) assert.ok((exported.get(pair) ?? 0) > 0, `${pair}: ${cell.count} conflicts shown, none exported`);
  }

  // The rate over the last minute adds up to the counters' growth Prometheus scraped in it.
  const to = Date.now() - 2000;
  const from = to - 60_000;
  const rate = await get<ConflictRate>(`${onPrometheus.url}/api/conflicts/rate?from=${from}&to=${to}&points=12`);
  assert.equal(rate.status, 200, JSON.stringify(rate.body));
  assert.equal(rate.body.step_seconds, 5);
  assert.equal(rate.body.points.length, 13, 'a point per bucket, empty buckets included');
  const counted = rate.body.points.reduce((sum, [, perMinute]) => sum + (perMinute * rate.body.step_seconds) / 60, 0);
  const raw = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent('sum(increase(regionwatch_conflicts_total[65s]))')}&time=${(rate.body.points.at(-1)![0] + 5000) / 1000}`);
  const growth = Number(((await raw.json()) as { data: { result: { value: [number, string] }[] } }).data.result[0]?.value[1] ?? 0);
  assert.ok(counted > 0, 'conflicts happened in the last minute');
  assert.ok(Math.abs(counted - growth) <= 0.3 * growth + 2, `the rate adds up to ${counted}, the counters grew by ${growth}`);
});

test('PromQL injection through a filter is a literal label value: it matches nothing, on both backends', async () => {
  const to = Date.now() - 2000;
  const from = to - 60_000;
  // Each would widen the selector or add a series of ones if it reached the query as PromQL.
  const hostile = ['order"} or vector(1) #', 'order",entity_type=~".*', '.*"}) + on() vector(1', 'order\\"} or up{', "order' or 1=1 --"];
  for (const dashboard of [onPrometheus, onVictoria]) {
    const baseline = await get<ConflictRate>(`${dashboard.url}/api/conflicts/rate?from=${from}&to=${to}&points=12`);
    assert.ok(
      baseline.body.points.some(([, perMinute]) => perMinute > 0),
      'conflicts exist to be leaked',
    );
    for (const entityType of hostile) {
      const answer = await get<ConflictRate>(`${dashboard.url}/api/conflicts/rate?from=${from}&to=${to}&points=12&entity_type=${encodeURIComponent(entityType)}`);
      assert.equal(answer.status, 200, `${entityType}: ${JSON.stringify(answer.body)}`);
      assert.ok(
        answer.body.points.every(([, perMinute]) => perMinute === 0),
        `${entityType} matched series: ${JSON.stringify(answer.body.points)}`,
      );
    }
  }
});

test('Prometheus stops, then returns: the API says so with 503 and a message, then recovers with nothing lost', async () => {
  await until('a full matrix', () => fullMatrix(onPrometheus));
  const browser = await launchChromium();
  try {
    await backendOutage(await browser.newPage({ viewport: { width: 1440, height: 900 } }));
  } finally {
    await browser.close();
  }
});

/** Stops Prometheus under an open overview page, checks what the API and the page say, and restarts it. */
async function backendOutage(page: Page): Promise<void> {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(onPrometheus.url, { waitUntil: 'domcontentloaded' });
  const cells = page.getByRole('grid').first().getByRole('gridcell');
  await eventually(
    async () => ((await cells.count()) === 6 ? true : undefined),
    30_000,
    () => 'the heatmap never showed six cells',
  );
  const stoppedAt = Date.now();
  await prometheus.stop();
  const down = await until('the matrix answers 503', async () => {
    const answer = await get<{ error: { code: string; message: string } }>(`${onPrometheus.url}/api/lag/matrix`);
    return answer.status === 503 ? answer.body : undefined;
  });
  assert.equal(down.error.code, 'backend_unavailable');
  assert.match(down.error.message, new RegExp(`^Prometheus at ${prometheus.url.replace(/[.:/]/g, '\\$&')}: `));
  const series = await get<{ error: { code: string; message: string } }>(`${onPrometheus.url}/api/lag/series?source=a&target=b`);
  assert.equal(series.status, 503);
  assert.equal(series.body.error.code, 'backend_unavailable');
  assert.equal((await get(`${onPrometheus.url}/api/slo/lag`)).status, 503, 'SLO figures are unknown, not stale');
  const health = await get<Health>(`${onPrometheus.url}/api/health`);
  assert.equal(health.status, 200);
  assert.equal(health.body.status, 'degraded');
  assert.equal(health.body.collectors.find((collector) => collector.name === 'prometheus')?.up, false);
  // The open page says so: it keeps the last good heatmap, marked stale, with the backend's message.
  const notice = page.locator('.stale-notice', { hasText: `Prometheus at ${prometheus.url}` }).first();
  await notice.waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-backend-down.png') });
  // A page opened now still renders, and names the failure instead of a number.
  const fresh = await fetch(`${onPrometheus.url}/`, { signal: AbortSignal.timeout(15_000) });
  assert.equal(fresh.status, 200);

  await prometheus.restart();
  await until('the matrix recovers', () => fullMatrix(onPrometheus));
  await notice.waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await cells.count(), 6, 'the heatmap is back');
  assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
  // What Prometheus stored before it stopped is still served after it returned.
  const to = Date.now();
  const history = await get<LagSeries>(`${onPrometheus.url}/api/lag/series?source=b&target=c&from=${stoppedAt - 60_000}&to=${to}&points=200`);
  assert.equal(history.status, 200);
  assert.ok(
    history.body.points.some(([at]) => at < stoppedAt),
    'samples from before the stop',
  );
  assert.ok(
    history.body.points.some(([at]) => at > stoppedAt + 2000),
    'samples from after the restart',
  );
}
