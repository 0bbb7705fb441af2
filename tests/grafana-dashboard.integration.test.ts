import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { z } from 'zod';
import { dashboardPanels, dashboardQueries, type DashboardQuery } from '@/lib/grafana/dashboard';
import { CLI, startDemo, sleep, type RunningDemo } from './harness/demo';
import { requireBinary } from './harness/binaries';
import { freePorts } from './harness/free-port';

// The dashboard `regionwatch grafana` prints, run for real: a Prometheus scrapes the demo every
// second through an outage (failovers), conflicts, a corrupted dataset and three SLOs, then every
// expression of the dashboard goes to its query API the way Grafana would send it.
const SCRAPE_MS = Number(process.env.GRAFANA_DASHBOARD_SCRAPE_MS ?? 50_000);
const SCENARIO = `
seed: 21
regions: [r1, r2, r3]
replication: { delay: 80ms, jitter: 20ms }
workload: { writes_per_second: 40, conflict_ratio: 0.1 }
gtm: { check_interval: 500ms, ttl: 1s }
collectors: { probes: { interval: 250ms, timeout: 1s }, divergence: { interval: 3s } }
slos:
  - { name: lag-fast, objective: 99, window: 1h, sli: { kind: replication_lag, threshold: 200ms } }
  - { name: avail, objective: 99, window: 10m, sli: { kind: availability } }
  - { name: failover-fast, objective: 90, window: 1h, sli: { kind: failover_time, threshold: 30s } }
faults:
  - { at: 8s, kind: corrupt, region: r2, dataset: users, count: 5 }
  - { at: 16s, kind: region_outage, region: r1, duration: 8s }
  - { at: 30s, kind: replication_stall, from: r2, to: r3, duration: 5s }
`;

/** What Grafana puts in for its variables, with every region variable at "All" (its allValue). */
const GRAFANA_VARIABLES: [RegExp, string][] = [
  [/\$__rate_interval/g, '1m'],
  [/\$__range/g, '5m'],
  [/\$__interval/g, '15s'],
  [/\$(source|target|region|dataset)\b/g, '.*'],
];
const substitute = (expr: string, values = GRAFANA_VARIABLES) => values.reduce((text, [pattern, value]) => text.replace(pattern, value), expr);

let demo: RunningDemo;
let prometheus: ChildProcess | undefined;
let promUrl = '';
let firstScrapeAt = 0;
let dashboard: Dashboard;
const dir = mkdtempSync(join(tmpdir(), 'rw-grafana-'));

before(async () => {
  const binary = requireBinary('prometheus', 'prometheus');
  demo = await startDemo(SCENARIO);
  const generated = spawnSync(process.execPath, [CLI, 'grafana', '--config', join(demo.dataDir, 'regionwatch.yaml')], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.equal(generated.status, 0, generated.stderr);
  dashboard = JSON.parse(generated.stdout) as Dashboard;
  writeFileSync(join(dir, 'prometheus.yml'), `global: { scrape_interval: 1s }\nscrape_configs:\n  - job_name: regionwatch\n    static_configs: [ { targets: ['${new URL(demo.url).host}'] } ]\n`);
  const [port] = await freePorts(1);
  promUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn(binary, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
  const started = Date.now();
  while (firstScrapeAt === 0 && Date.now() - started < 60_000) {
    await sleep(500);
    const up = await instant('up{job="regionwatch"} == 1').catch(() => null);
    if ((up?.data?.result.length ?? 0) > 0) firstScrapeAt = Date.now();
  }
  assert.ok(firstScrapeAt > 0, 'Prometheus never scraped the demo');
  await sleep(SCRAPE_MS);
});

after(async () => {
  if (prometheus && prometheus.exitCode === null) {
    prometheus.kill('SIGTERM');
    await Promise.race([new Promise((resolve) => prometheus!.once('exit', resolve)), sleep(5000)]);
  }
  await demo?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const Sample = z.object({
  metric: z.record(z.string(), z.string()),
  value: z.tuple([z.number(), z.string()]).optional(),
  values: z.array(z.tuple([z.number(), z.string()])).optional(),
});
const QueryResponse = z.object({ status: z.string(), error: z.string().optional(), data: z.object({ resultType: z.string(), result: z.array(Sample) }).optional() });
const LabelValuesResponse = z.object({ status: z.string(), error: z.string().optional(), data: z.array(z.string()).optional() });

async function prom<S extends z.ZodType>(schema: S, path: string, params: Record<string, string>): Promise<z.infer<S>> {
  const response = await fetch(`${promUrl}${path}?${new URLSearchParams(params)}`, { signal: AbortSignal.timeout(10_000) });
  return schema.parse(await response.json());
}

const instant = (query: string) => prom(QueryResponse, '/api/v1/query', { query });

interface Outcome {
  status: string;
  error?: string;
  /** Finite values (or label values) returned. */
  finite: number;
  /** Every value returned, NaN included. */
  samples: number;
}

/** Runs one dashboard query as Grafana would: label values for variables, a range for time series and annotations. */
async function run(query: DashboardQuery, variables = GRAFANA_VARIABLES): Promise<Outcome> {
  if (query.kind === 'variable') {
    const labelValues = /^label_values\((\w+), (\w+)\)$/.exec(query.expr);
    assert.ok(labelValues, `${query.where}: not a label_values query: ${query.expr}`);
    const response = await prom(LabelValuesResponse, `/api/v1/label/${labelValues[2]}/values`, { 'match[]': labelValues[1] });
    const count = response.data?.length ?? 0;
    return { status: response.status, error: response.error, finite: count, samples: count };
  }
  const expr = substitute(query.expr, variables);
  assert.doesNotMatch(expr, /\$/, `${query.where}: a Grafana variable left in ${expr}`);
  const now = Date.now() / 1000;
  const response =
    query.kind === 'instant'
      ? await prom(QueryResponse, '/api/v1/query', { query: expr, time: String(now) })
      : await prom(QueryResponse, '/api/v1/query_range', { query: expr, start: String(Math.max(firstScrapeAt / 1000, now - 60)), end: String(now), step: '5' });
  const values = (response.data?.result ?? []).flatMap((series) => (series.values ?? (series.value ? [series.value] : [])).map(([, value]) => Number(value)));
  return { status: response.status, error: response.error, finite: values.filter(Number.isFinite).length, samples: values.length };
}

test('every PromQL expression of the generated dashboard runs in a real Prometheus, and most return data', async (t) => {
  const queries = dashboardQueries(dashboard);
  const panels = dashboardPanels(dashboard);
  t.diagnostic(`${panels.length} panels (${(dashboard.panels ?? []).length - panels.length} rows), ${queries.length} queries`);
  assert.ok(queries.length >= 40, `${queries.length} queries`);
  const empty: string[] = [];
  for (const query of queries) {
    const { status, error, finite, samples } = await run(query);
    assert.equal(status, 'success', `${query.where}: ${query.expr}\n→ ${error}`);
    assert.equal(error, undefined);
    if (process.env.GRAFANA_DASHBOARD_VERBOSE) t.diagnostic(`${query.where} [${query.kind}] ${finite}/${samples} finite`);
    if (finite === 0) empty.push(`${query.where} [${query.kind}] ${samples === 0 ? 'no series' : `${samples} samples, all NaN`}: ${substitute(query.expr)}`);
  }
  const withData = queries.length - empty.length;
  t.diagnostic(`${withData}/${queries.length} returned data`);
  for (const line of empty) t.diagnostic(`empty: ${line}`);
  assert.ok(withData >= 0.8 * queries.length, `only ${withData} of ${queries.length} returned data:\n${empty.join('\n')}`);
});

test('the panels that matter most all show data: lag matrix, lag, conflicts, divergence, failovers, probes, SLO budgets', async () => {
  const required = [
    'Replication lag matrix',
    'Replication lag by pair',
    'Replication backlog',
    'Conflict rate by pair and resolution',
    'Divergent and unsettled entities',
    'Failovers in the time range',
    'Failover duration',
    'Region up',
    'Probe latency',
    'Collector up',
    'lag-fast: error budget remaining',
    'avail: error budget remaining',
    'failover-fast: error budget remaining',
    'avail: burn rate over time',
  ];
  const queries = dashboardQueries(dashboard);
  for (const title of required) {
    const own = queries.filter((query) => query.where === title);
    assert.ok(own.length > 0, `no panel "${title}"`);
    const results = await Promise.all(own.map((query) => run(query)));
    assert.ok(
      results.some((result) => result.finite > 0),
      `${title} shows no data: ${own.map((query) => substitute(query.expr)).join(' | ')}`,
    );
  }
});

test('the lag matrix has one cell per ordered pair, and the region variables narrow it', async () => {
  const matrix = dashboardQueries(dashboard).find((query) => query.where === 'Replication lag matrix')!;
  const all = await run(matrix);
  assert.equal(all.finite, 6, '3 regions, 6 ordered pairs');
  const narrowed = await instant(substitute(matrix.expr, [[/\$source\b/g, 'r2'], [/\$target\b/g, 'r1|r3'], ...GRAFANA_VARIABLES]));
  const pairs = (narrowed.data?.result ?? []).map((series) => `${series.metric.source_region}->${series.metric.target_region}`).sort();
  assert.deepEqual(pairs, ['r2->r1', 'r2->r3']);
});

test('the failover r1 caused is counted, its pair first seen at 0 so increase() sees it', async () => {
  const count = dashboardQueries(dashboard).find((query) => query.where === 'Failovers in the time range')!;
  const result = await instant(substitute(count.expr));
  const fromR1 = (result.data?.result ?? []).filter((series) => series.metric.from_region === 'r1');
  assert.equal(fromR1.length, 2, `every pair from r1 exists, failed over to or not: ${JSON.stringify(result.data)}`);
  const counted = Math.max(...fromR1.map((series) => Number(series.value?.[1])));
  assert.ok(counted >= 1, `no failover away from r1 counted: ${JSON.stringify(result.data)}`);
});
