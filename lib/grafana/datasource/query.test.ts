import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sloDetail, sloSummary } from '@/lib/server/slo';
import { NOW, buildRuntime, config } from '@/lib/server/test-runtime';
import { goodSeries, totalSeries } from '@/lib/slo/status';
import type { Table, TimeSeries } from './frames';
import { queryContext, QueryRequest, runQuery } from './query';
import { asyncFailure, flip, iso } from './test-fixtures';

/** lag-eu with a minute of recorded counts over two hours (a bad stretch in the middle), refreshed at NOW. */
function withSloHistory() {
  const built = buildRuntime();
  const samples = Array.from({ length: 120 }, (_, index) => {
    const at = NOW - (120 - index) * 60_000;
    const total = index * 10;
    const bad = Math.max(0, Math.min(index, 80) - 60);
    return [
      { series: goodSeries('lag-eu'), at, value: total - bad },
      { series: totalSeries('lag-eu'), at, value: total },
    ];
  });
  built.history.record(samples.flat());
  built.history.maintain(NOW); // a 30-day window reads the 1-minute tier
  built.slo.refresh(NOW);
  return built;
}

const run = (runtime: ReturnType<typeof buildRuntime>['runtime'], payload: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  runQuery(runtime, { range: { from: iso(NOW - 3_600_000), to: iso(NOW) }, maxDataPoints: 40, targets: [{ target: 'slo', payload }], ...extra }, NOW);

test('slo: budget remaining and burn rates are /api/slo/{name}’s series with points = the budget, within the range', async () => {
  const { runtime } = withSloHistory();
  const slo = config.slos[0];
  const detail = await sloDetail(runtime, slo, 40, NOW);
  const inRange = (points: [number, number][]) => points.filter(([at]) => at >= NOW - 3_600_000 && at <= NOW);
  const [budget] = (await run(runtime, { slo: 'lag-eu' })) as TimeSeries[];
  assert.equal(budget.target, 'lag-eu budget remaining');
  assert.deepEqual(budget.datapoints, flip(inRange(detail.burn_down)));
  assert.ok(budget.datapoints.length > 5 && budget.datapoints.length <= 40, `${budget.datapoints.length} points of ${detail.burn_down.length}: ${JSON.stringify(detail.burn_down.slice(0, 3))}`);

  const rates = (await run(runtime, { slo: 'lag-eu', value: 'burn_rate', window: '(5m|1h)' })) as TimeSeries[];
  assert.deepEqual(
    rates.map((series) => series.target),
    ['lag-eu burn rate 5m', 'lag-eu burn rate 1h'],
  );
  assert.ok(detail.burn_rate_series['1h'].length > 0);
  for (const series of rates) {
    const window = series.target.split(' ').at(-1)!;
    const expected = inRange(detail.burn_rate_series[window]);
    assert.ok(series.datapoints.length <= 40, `${series.datapoints.length} points`);
    // Thinned by LTTB only past the budget: every point shown is one /api/slo/{name} has.
    for (const point of series.datapoints)
      assert.ok(
        expected.some(([at, value]) => at === point[1] && value === point[0]),
        JSON.stringify(point),
      );
  }
  const live = (await run(runtime, { slo: 'lag-eu' }, { range: { from: iso(NOW - 3_600_000), to: iso(NOW - 2_000) } })) as TimeSeries[];
  assert.deepEqual(live[0].datapoints.at(-1), [detail.burn_down.at(-1)![1], NOW], 'a range ending moments ago still ends with the burn-down’s point at now');
  const both = (await run(runtime, { slo: ['lag-eu'], value: ['budget_remaining', 'burn_rate'], window: '1h' })) as TimeSeries[];
  assert.deepEqual(
    both.map((series) => series.target),
    ['lag-eu budget remaining', 'lag-eu burn rate 1h'],
  );
  assert.equal((await asyncFailure(() => run(runtime, { slo: 'lag-eu', window: '7h' }))).message.split(' (')[0], 'targets[0].payload.window: no selected SLO has the burn window "7h"');
  assert.deepEqual(await asyncFailure(() => run(runtime, { slo: 'nope' })), { status: 404, code: 'not_found', message: 'targets[0].payload.slo: unknown SLO "nope" (known: lag-eu, consistency)' });
});

test('slo as a table: one row per SLO with the summary’s budget, burn rates and firing alerts', async () => {
  const { runtime } = withSloHistory();
  const [table] = (await run(runtime, { format: 'table', window: '{5m,1h}' })) as Table[];
  assert.deepEqual(
    table.columns.map((column) => column.text),
    ['slo', 'objective', 'window_seconds', 'sli', 'error_budget_remaining', 'time_to_exhaustion_seconds', 'firing', 'burn_rate_5m', 'burn_rate_1h'],
  );
  const summary = sloSummary(runtime, config.slos[0]);
  assert.deepEqual(table.rows[0].slice(0, 6), ['lag-eu', 99, summary.window_seconds, 'replication_lag', summary.error_budget_remaining, summary.time_to_exhaustion_seconds]);
  assert.deepEqual(table.rows[0].slice(7), [summary.burn_rates['5m'], summary.burn_rates['1h']]);
  assert.deepEqual(
    table.rows.map((row) => row[0]),
    ['lag-eu', 'consistency'],
  );
  const filtered = (await run(runtime, { format: 'table' }, { filters: [{ key: 'target_region', operator: '!=', value: 'eu-west' }] })) as Table[];
  assert.deepEqual(
    filtered[0].rows.map((row) => row[0]),
    ['consistency'],
    'a region filter drops SLOs about other regions, keeps deployment-wide ones',
  );
});

test('a request’s range, maxDataPoints and intervalMs set the point budget; bad requests are 400s naming the field', async () => {
  const { runtime } = buildRuntime();
  const context = (body: Record<string, unknown>) => queryContext(runtime, QueryRequest.parse({ targets: [], ...body }), NOW);
  const range = { from: iso(NOW - 600_000), to: iso(NOW) };
  assert.deepEqual([context({}).from, context({}).to, context({}).points], [NOW - 3_600_000, NOW, 600]);
  assert.equal(context({ range, maxDataPoints: 1234.7 }).points, 1234);
  assert.equal(context({ range, maxDataPoints: 100_000 }).points, 5000);
  assert.equal(context({ range, maxDataPoints: 1000, intervalMs: 1000 }).points, 600);
  assert.equal(context({ range, maxDataPoints: 1000, intervalMs: 3_600_000 }).points, 1, 'never fewer than one');

  const message = async (body: unknown) => (await asyncFailure(() => runQuery(runtime, body, NOW))).message;
  assert.equal(await message({ range: { from: iso(NOW), to: iso(NOW - 1) }, targets: [] }), 'range.from: must be before range.to');
  assert.equal(await message({ range: { from: 'yesterday', to: iso(NOW) }, targets: [] }), 'range.from: must be an ISO 8601 date-time (2024-05-01T12:00:00Z)');
  assert.match(await message({}), /^targets: /);
  assert.match(await message({ targets: [{ payload: {} }] }), /^targets\[0\]\.target: /);
  assert.match(await message({ targets: [], maxDataPoints: 0 }), /^maxDataPoints: /);
  assert.match(await message({ targets: [{ target: 'lag', payload: 7 }] }), /^targets\[0\]\.payload: /);
  assert.equal(await message({ targets: [{ target: 'lag' }, { target: 'latency' }] }), 'targets[1].target: unknown metric "latency" (lag, conflicts, divergence, failovers, slo, annotations)');
  assert.equal(
    await message({ targets: [{ target: 'lag' }], filters: [{ key: 'region', operator: '=', value: 'x' }] }),
    'filters[0].key: unknown filter key "region" (source_region, target_region, entity_type, dataset)',
  );
  assert.match(await message({ targets: [{ target: 'lag', payload: '{"source": ' }] }), /^targets\[0\]\.payload: must be an object/);

  assert.deepEqual(await runQuery(runtime, { targets: [{ target: 'lag', hide: true }] }, NOW), [], 'hidden targets are skipped');
  assert.equal(((await runQuery(runtime, { targets: [{ target: 'lag', payload: '{"pair": "us-east->eu-west"}' }] }, NOW)) as TimeSeries[]).length, 1, 'a payload as a JSON string');
  assert.equal(((await runQuery(runtime, { targets: [{ target: 'lag', payload: { pair: 'us-east->eu-west', dataset: 'left over from another metric' } }] }, NOW)) as TimeSeries[]).length, 1);
});
