import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, getJson, sleep, type RunningDemo } from './harness/demo';
import { grafanaContract } from './harness/openapi-contract';
import type { ConflictDetail, ConflictList, ConflictRate, DivergenceEntities, DivergenceOverview, FailoverList, IncidentList, LagSeries, SimTruth, SloDetail } from '@/lib/api/types';

/**
 * The Grafana JSON data source API against a live demo: every request body sent and every
 * answer is validated against the plugin's OpenAPI contract, and every figure is compared with
 * the REST route that shows the same thing.
 */
const SCENARIO = `
seed: 5
regions: [r1, r2, r3]
replication: { delay: 60ms, jitter: 5ms }
workload: { writes_per_second: 80, conflict_ratio: 0.1, entities: 400 }
gtm: { check_interval: 500ms, ttl: 2s }
collectors: { probes: { interval: 250ms, timeout: 1s }, divergence: { interval: 2s } }
slos:
  - { name: lag-fast, objective: 99, window: 1h, sli: { kind: replication_lag, threshold: 300ms } }
  - { name: available, objective: 99.9, window: 1h, sli: { kind: availability } }
faults:
  - { at: 3s, kind: region_outage, region: r1, duration: 6s }
  - { at: 12s, kind: corrupt, region: r2, dataset: users, count: 3 }
# One client asking what many Grafana panels and editors would: past any one client's fair rate.
server: { rate_limit: 100000 }
`;

const { assertMatches, covered } = grafanaContract();

// ---- the demo ---------------------------------------------------------------------------

let demo: RunningDemo;
let truth: SimTruth;
/** A closed range in the past (history there no longer moves), and one reaching now. */
let past: { from: number; to: number };

before(async () => {
  demo = await startDemo(SCENARIO);
  const deadline = Date.now() + 60_000;
  for (;;) {
    await sleep(500);
    truth = await getJson<SimTruth>(`${demo.url}/api/sim/truth`);
    const overview = await getJson<DivergenceOverview>(`${demo.url}/api/divergence`);
    const recovered = truth.failovers[0]?.recovered_at != null;
    const corruptedAt = truth.faults[1].started_at;
    const divergent = corruptedAt !== null && overview.checks.some((check) => check.region_a === 'r1' && check.region_b === 'r2' && check.divergent_entities === 3 && check.checked_at > corruptedAt);
    // At least 30 s of history, so the series below have more samples than the points asked.
    const longEnough = Date.now() > truth.started_at + 30_000;
    if ((recovered && divergent && longEnough) || Date.now() > deadline) break;
  }
  // Conflicts are collected within a second of detection: a range ending 5 s ago has them all.
  past = { from: truth.started_at + 1000, to: Date.now() - 5000 };
});

after(async () => {
  await demo?.stop();
});

const iso = (ms: number) => new Date(ms).toISOString();
const flip = (points: [number, number][]) => points.map(([at, value]) => [value, at]);

interface Answer<T> {
  status: number;
  body: T;
}

/** POSTs a body valid by the contract (or, with `valid: false`, one the contract also rejects). */
async function post<T = unknown>(path: string, body: unknown, valid = true): Promise<Answer<T>> {
  assertMatches(path, 'request', body, valid);
  const response = await fetch(`${demo.url}/api/grafana${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  const json = (await response.json()) as T;
  if (response.status === 200) assertMatches(path, 'response', json);
  else assertError(json, response.status);
  return { status: response.status, body: json };
}

function assertError(body: unknown, status: number): asserts body is { error: { code: string; message: string } } {
  assert.ok(status >= 400 && status < 500, `status ${status}: ${JSON.stringify(body)}`);
  const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
  assert.ok(typeof error?.code === 'string' && typeof error.message === 'string', JSON.stringify(body));
}

interface Series {
  target: string;
  datapoints: [number, number][];
}
interface Table {
  type: 'table';
  columns: { text: string; type: string }[];
  rows: (string | number | null)[][];
}

const query = async <T = Series | Table>(targets: unknown[], options: Record<string, unknown> = {}, range = past): Promise<T[]> => {
  const answer = await post<T[]>('/query', {
    panelId: 1,
    range: { from: iso(range.from), to: iso(range.to), raw: { from: 'now-5m', to: 'now' } },
    interval: '1s',
    intervalMs: 100,
    maxDataPoints: 40,
    targets,
    ...options,
  });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
};
const live = () => ({ from: Date.now() - 300_000, to: Date.now() });
const column = (table: Table, name: string) => table.rows.map((row) => row[table.columns.findIndex((candidate) => candidate.text === name)]);

// ---- tests ------------------------------------------------------------------------------

test('GET /api/grafana and /api/grafana/ answer 200 (Save & test)', async () => {
  for (const path of ['/api/grafana', '/api/grafana/']) {
    const response = await fetch(`${demo.url}${path}`, { redirect: 'manual' });
    assert.equal(response.status, 200, path);
    assert.deepEqual(((await response.json()) as { status: string; regions: string[] }).regions, ['r1', 'r2', 'r3']);
  }
  const doubled = await fetch(`${demo.url}/api/grafana//tag-keys`, { method: 'POST', body: '{}', redirect: 'manual' });
  assert.equal(doubled.status, 200, 'a data source URL ending in / still reaches the endpoints');
});

test('/metrics lists the metrics and their selectors; /metric-payload-options fills every selector from the deployment', async () => {
  const metrics = (await post<{ value: string; payloads: { name: string; type: string; options?: unknown[] }[] }[]>('/metrics', { metric: 'lag', payload: {} })).body;
  assert.deepEqual(
    metrics.map((metric) => metric.value),
    ['lag', 'conflicts', 'divergence', 'failovers', 'slo', 'annotations'],
  );
  assert.deepEqual((await post('/metrics', {})).body, metrics);
  const optionsOf = async (metric: string, name: string, payload: Record<string, unknown> = {}) =>
    (await post<{ value: string }[]>('/metric-payload-options', { metric, payload, name })).body.map((option) => option.value);
  for (const metric of metrics)
    for (const payload of metric.payloads.filter((candidate) => candidate.type !== 'input'))
      assert.ok((await optionsOf(metric.value, payload.name)).length > 0, `${metric.value}.${payload.name} has options`);

  assert.deepEqual(await optionsOf('lag', 'source'), ['r1', 'r2', 'r3']);
  assert.deepEqual(await optionsOf('lag', 'pair'), ['r1->r2', 'r1->r3', 'r2->r1', 'r2->r3', 'r3->r1', 'r3->r2']);
  assert.deepEqual(await optionsOf('divergence', 'pair'), ['r1->r2', 'r1->r3', 'r2->r3']);
  assert.deepEqual(await optionsOf('conflicts', 'resolution'), ['lww', 'crdt', 'merge', 'manual']);
  const seen = (await getJson<ConflictList>(`${demo.url}/api/conflicts?limit=500`)).items.map((item) => item.entity_type);
  assert.ok(seen.length > 0, 'the demo produced conflicts');
  for (const type of seen) assert.ok((await optionsOf('conflicts', 'entity_type')).includes(type), type);
  assert.deepEqual(await optionsOf('divergence', 'dataset'), ['users']);
  assert.deepEqual(await optionsOf('slo', 'slo'), ['lag-fast', 'available']);
  const slo = await getJson<SloDetail>(`${demo.url}/api/slo/lag-fast`);
  assert.deepEqual(await optionsOf('slo', 'window', { slo: 'lag-fast' }), Object.keys(slo.burn_rates));
});

test('lag series equal /api/lag/series for the same range and points, within maxDataPoints and intervalMs', async () => {
  for (const [source, target] of [
    ['r2', 'r3'],
    ['r3', 'r2'],
  ]) {
    const [series] = (await query([{ refId: 'A', target: 'lag', payload: { source, target } }], { maxDataPoints: 8 })) as Series[];
    const rest = await getJson<LagSeries>(`${demo.url}/api/lag/series?source=${source}&target=${target}&from=${past.from}&to=${past.to}&points=8`);
    const recorded = await getJson<LagSeries>(`${demo.url}/api/lag/series?source=${source}&target=${target}&from=${past.from}&to=${past.to}&points=5000`);
    assert.ok(recorded.points.length > 8, `${recorded.points.length} samples in the range: more than the 8 points asked, so LTTB thins them`);
    assert.equal(series.target, `lag ${source}->${target}`);
    assert.equal(series.datapoints.length, 8);
    assert.deepEqual(series.datapoints, flip(rest.points), `${source}->${target}: the same function, the same values`);
  }
  const coarse = (await query([{ target: 'lag', payload: { pair: 'r2->r3' } }], { intervalMs: 2000 })) as Series[];
  const steps = Math.floor((past.to - past.from) / 2000);
  assert.ok(coarse[0].datapoints.length <= Math.min(40, steps), `${coarse[0].datapoints.length} points for ${steps} steps of intervalMs`);
  const rest = await getJson<LagSeries>(`${demo.url}/api/lag/series?source=r2&target=r3&from=${past.from}&to=${past.to}&points=${Math.min(40, steps)}`);
  assert.deepEqual(coarse[0].datapoints, flip(rest.points));
});

test('multi-value variables: arrays, (a|b) and {a,b} give the same series, one per value', async () => {
  const forms = [['r1', 'r3'], '(r1|r3)', '{r1,r3}'];
  const answers = await Promise.all(forms.map((source) => query([{ target: 'lag', payload: { source } }])));
  assert.deepEqual(
    (answers[0] as Series[]).map((series) => series.target),
    ['lag r1->r2', 'lag r1->r3', 'lag r3->r1', 'lag r3->r2'],
  );
  assert.deepEqual(answers[1], answers[0]);
  assert.deepEqual(answers[2], answers[0]);
  const types = [...new Set((await getJson<ConflictList>(`${demo.url}/api/conflicts?limit=500`)).items.map((item) => item.entity_type))].slice(0, 2);
  const byList = await query([{ target: 'conflicts', payload: { entity_type: types } }]);
  assert.deepEqual(await query([{ target: 'conflicts', payload: { entity_type: `(${types.join('|')})` } }]), byList);
  assert.equal(byList.length, types.length);
});

test('conflict rates equal /api/conflicts/rate; the table lists the same conflicts as /api/conflicts, with both versions', async () => {
  // The point budget is min(maxDataPoints, range / intervalMs); the rate's buckets run from the
  // one holding `from` to the one holding `to`, so the rate is asked for one point fewer.
  const budget = Math.min(8, Math.floor((past.to - past.from) / 1500));
  const [rate] = (await query([{ target: 'conflicts', payload: { pair: 'r2->r3' } }], { maxDataPoints: 8, intervalMs: 1500 })) as Series[];
  const rest = await getJson<ConflictRate>(`${demo.url}/api/conflicts/rate?source=r2&target=r3&from=${past.from}&to=${past.to}&points=${budget - 1}`);
  assert.deepEqual(rate.datapoints, flip(rest.points));
  assert.ok(rate.datapoints.length <= 8 && rate.datapoints.length > 2, `${rate.datapoints.length} points`);
  assert.ok(
    rate.datapoints.some(([perMinute]) => perMinute > 0),
    'r2->r3 had conflicts',
  );
  for (let index = 1; index < rate.datapoints.length; index++) assert.ok(rate.datapoints[index][1] - rate.datapoints[index - 1][1] >= 1500, 'steps of at least intervalMs');

  const [table] = (await query([{ target: 'conflicts', payload: { format: 'table', limit: '25' } }])) as Table[];
  assert.deepEqual(
    table.columns.map((item) => item.text),
    ['time', 'id', 'source_region', 'target_region', 'entity_type', 'entity_key', 'resolution', 'winner', 'pending', 'resolved_at', 'local_version', 'remote_version', 'merged', 'differing_fields'],
  );
  const list = await getJson<ConflictList>(`${demo.url}/api/conflicts?from=${past.from}&to=${past.to}&limit=25`);
  assert.ok(list.items.length > 0);
  assert.deepEqual(
    column(table, 'id'),
    list.items.map((item) => item.id),
  );
  const detail = await getJson<ConflictDetail>(`${demo.url}/api/conflicts/${list.items[0].id}`);
  assert.deepEqual(JSON.parse(column(table, 'local_version')[0] as string), detail.local_version);
  assert.deepEqual(JSON.parse(column(table, 'remote_version')[0] as string), detail.remote_version);
});

test('ad hoc filters restrict every target they apply to', async () => {
  const filters = [{ key: 'source_region', operator: '!=', value: 'r1' }];
  const lag = (await query([{ target: 'lag', payload: {} }], { filters })) as Series[];
  assert.deepEqual(
    lag.map((series) => series.target),
    ['lag r2->r1', 'lag r2->r3', 'lag r3->r1', 'lag r3->r2'],
  );
  const regex = (await query([{ target: 'lag', payload: {} }], { filters: [{ key: 'target_region', operator: '=~', value: 'r[12]' }] })) as Series[];
  assert.deepEqual(
    regex.map((series) => series.target),
    ['lag r1->r2', 'lag r2->r1', 'lag r3->r1', 'lag r3->r2'],
  );
  const [table] = (await query([{ target: 'conflicts', payload: { format: 'table', limit: 500 } }], { filters: [{ key: 'target_region', operator: '=', value: 'r2' }] })) as Table[];
  const rest = await getJson<ConflictList>(`${demo.url}/api/conflicts?target=r2&from=${past.from}&to=${past.to}&limit=500`);
  assert.ok(rest.items.length > 0);
  assert.deepEqual(
    column(table, 'id'),
    rest.items.map((item) => item.id),
  );
  const divergence = (await query([{ target: 'divergence', payload: { format: 'table' } }], { filters: [{ key: 'dataset', operator: '!=', value: 'users' }] }, live())) as Table[];
  assert.deepEqual(divergence[0].rows, []);
});

test('divergence: the last checks and their keys, as /api/divergence and /entities report them', async () => {
  // Read between two identical REST answers, so no check landed in between.
  for (let attempt = 0; ; attempt++) {
    const before = await getJson<DivergenceOverview>(`${demo.url}/api/divergence`);
    const [summary, keys] = (await query(
      [
        { target: 'divergence', payload: { format: 'table' } },
        { target: 'divergence', payload: { format: 'keys', dataset: 'users', pair: 'r2->r1', value: 'divergent' } },
      ],
      {},
      live(),
    )) as Table[];
    const entities = await getJson<DivergenceEntities>(`${demo.url}/api/divergence/users/entities?region_a=r1&region_b=r2`);
    const afterwards = await getJson<DivergenceOverview>(`${demo.url}/api/divergence`);
    const stamp = (overview: DivergenceOverview) => overview.checks.map((check) => check.checked_at).join();
    if (stamp(before) !== stamp(afterwards) && attempt < 5) continue;
    assert.deepEqual(
      summary.rows.map((row) => [row[0], row[2], row[3], row[6], row[7]]),
      afterwards.checks.map((check) => [check.checked_at, check.region_a, check.region_b, check.divergent_entities, check.unsettled_entities]),
    );
    assert.deepEqual(
      column(keys, 'key'),
      entities.entities.map((entity) => entity.key),
    );
    assert.equal(column(keys, 'key').length, 3, 'the three corrupted keys');
    for (const key of column(keys, 'key')) assert.ok(truth.corrupted[0].keys.includes(key as string), `${key} was corrupted`);
    break;
  }
  const series = (await query([{ target: 'divergence', payload: { pair: 'r1->r2', value: 'divergent' } }], {}, live())) as Series[];
  assert.deepEqual(
    series.map((item) => [item.target, item.datapoints[0][0]]),
    [['users r1<->r2 divergent', 3]],
  );
  assert.deepEqual(await query([{ target: 'divergence', payload: {} }], {}, { from: past.from - 3_600_000, to: past.from - 1_800_000 }), [], 'no history of divergence: nothing for a range long past');
});

test('failovers and annotations: the region_outage shows as a failover event, series point and annotation, and incidents as annotations', async () => {
  const failovers = await getJson<FailoverList>(`${demo.url}/api/failovers?from=${past.from}&to=${past.to}`);
  const failover = failovers.items.find((item) => item.region === 'r1');
  assert.ok(failover && failover.duration_seconds !== null, JSON.stringify(failovers));
  const [events] = (await query([{ target: 'failovers', payload: { format: 'table' } }])) as Table[];
  assert.deepEqual(
    column(events, 'id'),
    failovers.items.map((item) => item.id),
  );
  assert.deepEqual(
    column(events, 'duration_seconds'),
    failovers.items.map((item) => item.duration_seconds),
  );
  const series = (await query([{ target: 'failovers', payload: { region: 'r1' } }])) as Series[];
  assert.deepEqual(series, [{ target: 'failover r1 seconds', datapoints: [[failover.duration_seconds, failover.detected_at]] }]);

  const [annotations] = (await query([{ target: 'annotations', payload: { kind: 'failovers' } }])) as Table[];
  assert.deepEqual(
    annotations.columns.map((item) => item.text),
    ['time', 'timeEnd', 'title', 'text', 'tags'],
  );
  assert.deepEqual(annotations.rows[0].slice(0, 3), [failover.detected_at, failover.recovered_at, 'r1 failed over']);
  assert.ok(truth.faults[0].started_at !== null && failover.detected_at >= truth.faults[0].started_at, 'after the outage began');
  assert.match(String(annotations.rows[0][4]), /^failover,r1,/);

  const incidents = await getJson<IncidentList>(`${demo.url}/api/incidents?from=${past.from}&to=${past.to}`);
  const [incidentRows] = (await query([{ target: 'annotations', payload: { kind: 'incidents' } }])) as Table[];
  assert.deepEqual(column(incidentRows, 'title').sort(), incidents.items.map((item) => item.title).sort());
  const [both] = (await query([{ target: 'annotations', payload: {} }])) as Table[];
  assert.equal(both.rows.length, annotations.rows.length + incidentRows.rows.length);
});

test('slo: budget remaining and burn rates are the series of /api/slo/{name}', async () => {
  const range = { from: truth.started_at, to: Date.now() };
  for (let attempt = 0; ; attempt++) {
    const before = await getJson<SloDetail>(`${demo.url}/api/slo/lag-fast?points=1000`);
    const window = Object.keys(before.burn_rate_series).find((name) => before.burn_rate_series[name].length > 2)!;
    const [budget, burn] = (await query(
      [{ target: 'slo', payload: { slo: 'lag-fast', value: ['budget_remaining', 'burn_rate'], window } }],
      { maxDataPoints: 1000, intervalMs: 1 },
      range,
    )) as Series[];
    const afterwards = await getJson<SloDetail>(`${demo.url}/api/slo/lag-fast?points=1000`);
    // The burn-down is scaled by the events so far: compare within one recording tick.
    if (JSON.stringify(before.events) !== JSON.stringify(afterwards.events) && attempt < 5) continue;
    assert.equal(budget.target, 'lag-fast budget remaining');
    // Each ends with a point at its own request's now; the recorded points before it are shared.
    const recorded = (points: [number, number][]) => points.slice(0, -1).filter(([at]) => at >= range.from);
    const shown = budget.datapoints.map(([value, at]): [number, number] => [at, value]);
    assert.deepEqual(recorded(shown), recorded(afterwards.burn_down));
    assert.ok(budget.datapoints.length > 5);
    assert.equal(burn.target, `lag-fast burn rate ${window}`);
    assert.deepEqual(burn.datapoints, flip(afterwards.burn_rate_series[window].filter(([at]) => at >= range.from)));
    break;
  }
  const [table] = (await query([{ target: 'slo', payload: { format: 'table' } }], {}, live())) as Table[];
  const summary = await getJson<SloDetail>(`${demo.url}/api/slo/available`);
  assert.deepEqual(column(table, 'slo'), ['lag-fast', 'available']);
  assert.equal(column(table, 'objective')[1], summary.objective);
});

test('/variable, /tag-keys and /tag-values', async () => {
  const values = async (payload: Record<string, unknown>) =>
    (await post<{ text: string; value: string; __text: string; __value: string }[]>('/variable', { payload, range: { from: iso(past.from), to: iso(past.to), raw: { from: 'now-1h', to: 'now' } } }))
      .body;
  const regions = await values({ target: 'regions' });
  assert.deepEqual(regions[0], { text: 'r1', value: 'r1', __text: 'r1', __value: 'r1' });
  assert.deepEqual(
    regions.map((item) => item.__value),
    ['r1', 'r2', 'r3'],
  );
  assert.deepEqual(
    (await values({ target: 'pairs', source_region: 'r1' })).map((item) => item.value),
    ['r1->r2', 'r1->r3'],
  );
  assert.deepEqual(
    (await values({ target: 'datasets' })).map((item) => item.value),
    ['users'],
  );
  assert.deepEqual(
    (await values({ target: 'slos' })).map((item) => item.value),
    ['lag-fast', 'available'],
  );
  const keys = (await post<{ text: string }[]>('/tag-keys', {})).body;
  assert.deepEqual(
    keys.map((key) => key.text),
    ['source_region', 'target_region', 'entity_type', 'dataset'],
  );
  assert.deepEqual((await post('/tag-values', { key: 'source_region' })).body, [{ text: 'r1' }, { text: 'r2' }, { text: 'r3' }]);
  assert.deepEqual((await post('/tag-values', { key: 'dataset' })).body, [{ text: 'users' }]);
});

test('mistakes are JSON 4xx errors whose message names the field', async () => {
  const range = { from: iso(past.from), to: iso(past.to) };
  const cases: [string, unknown, number, RegExp, boolean?][] = [
    ['/query', { range, targets: [{ target: 'lag', payload: { source: 'nope' } }] }, 404, /^targets\[0\]\.payload\.source: unknown region "nope"/],
    ['/query', { range, targets: [{ target: 'lag' }, { target: 'latency' }] }, 400, /^targets\[1\]\.target: unknown metric "latency"/],
    ['/query', { range: { from: range.to, to: range.from }, targets: [] }, 400, /^range\.from: must be before range\.to$/],
    ['/query', { range: { from: 'yesterday', to: range.to }, targets: [] }, 400, /^range\.from: /, false],
    ['/query', { range, targets: [{ target: 'lag' }], filters: [{ key: 'source_region', operator: '<', value: 'r1' }] }, 400, /^filters\[0\]\.operator: unsupported operator "<"/],
    ['/query', { range, targets: [{ target: 'divergence', payload: { dataset: 'orders' } }] }, 404, /^targets\[0\]\.payload\.dataset: unknown dataset "orders"/],
    ['/query', { range, targets: [{ target: 'slo', payload: { slo: 'fast' } }] }, 404, /^targets\[0\]\.payload\.slo: unknown SLO "fast"/],
    ['/variable', { payload: { target: 'hosts' } }, 400, /^payload\.target: unknown variable "hosts"/],
    ['/metric-payload-options', { metric: 'lag', payload: {}, name: 'dataset' }, 400, /^name: metric "lag" has no selector "dataset"/],
    ['/tag-values', {}, 400, /^key: required$/, false],
  ];
  for (const [path, body, status, message, valid] of cases) {
    const answer = await post<{ error: { message: string } }>(path, body, valid ?? true);
    assert.equal(answer.status, status, `${path} ${JSON.stringify(body)}: ${JSON.stringify(answer.body)}`);
    assert.match(answer.body.error.message, message);
  }
  const raw = async (path: string, init: RequestInit) => {
    const response = await fetch(`${demo.url}/api/grafana${path}`, init);
    const body = await response.json();
    assertError(body, response.status);
    return { status: response.status, message: body.error.message };
  };
  const badJson = await raw('/query', { method: 'POST', body: '{"targets": [' });
  assert.equal(badJson.status, 400);
  assert.match(badJson.message, /^\(body\): not valid JSON/);
  assert.equal((await raw('/search', { method: 'POST', body: '{}' })).status, 404);
  assert.equal((await raw('/query', { method: 'GET' })).status, 405);
  assert.equal((await raw('/query', { method: 'POST', body: `{"pad": "${'x'.repeat(1_100_000)}"}` })).status, 413);
});

test('every schema of the contract that has one was used', () => {
  assert.deepEqual([...covered].sort(), [
    'request /metric-payload-options',
    'request /metrics',
    'request /query',
    'request /tag-values',
    'request /variable',
    'response /metric-payload-options',
    'response /metrics',
    'response /query',
    'response /tag-keys',
    'response /variable',
  ]);
});
