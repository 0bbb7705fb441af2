import { test } from 'node:test';
import assert from 'node:assert/strict';
import { divergenceEntities, findCheck } from '@/lib/server/divergence';
import { failoverList } from '@/lib/server/failovers';
import { FAILOVER, NOW, buildRuntime } from '@/lib/server/test-runtime';
import { IncidentStore } from '@/lib/store/incidents';
import type { Table, TimeSeries } from './frames';
import { runQuery } from './query';
import { iso } from './test-fixtures';

const STATS = { rowsA: 100, rowsB: 101, bucketsCompared: 16, roundTrips: 4, bytes: 2048, durationMs: 1500, candidates: 1 };
const entity = (key: string) => ({ key, kind: 'differs' as const, a: { hash: 'aa', row: { email: `${key}@a` } }, b: { hash: 'bb', row: { email: `${key}@b` } } });

/** A runtime with two checks of `users`: eu-west|us-east found 2 divergent keys and 1 in flight, ap-south|us-east is clean. */
function withChecks() {
  const built = buildRuntime();
  built.divergence.recordCheck({
    dataset: 'users',
    regionA: 'eu-west',
    regionB: 'us-east',
    checkedAt: NOW - 10_000,
    entities: [entity('1'), entity('2')],
    unsettled: [{ ...entity('3'), firstSeenAt: NOW - 11_000, waitingOn: ['us-east->eu-west'] }],
    stats: STATS,
  });
  built.divergence.recordCheck({ dataset: 'users', regionA: 'ap-south', regionB: 'us-east', checkedAt: NOW - 5_000, entities: [], unsettled: [], stats: STATS });
  return built;
}

const run = (runtime: ReturnType<typeof buildRuntime>['runtime'], target: string, payload: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  runQuery(runtime, { range: { from: iso(NOW - 3_600_000), to: iso(NOW) }, maxDataPoints: 100, targets: [{ target, payload }], ...extra }, NOW);

test('divergence: each check’s divergent and unsettled counts now, as one point at the end of a range that reaches the present', async () => {
  const { runtime } = withChecks();
  const series = (await run(runtime, 'divergence', {})) as TimeSeries[];
  assert.deepEqual(
    series.map((item) => [item.target, item.datapoints]),
    [
      ['users eu-west<->us-east divergent', [[2, NOW]]],
      ['users eu-west<->us-east unsettled', [[1, NOW]]],
      ['users ap-south<->us-east divergent', [[0, NOW]]],
      ['users ap-south<->us-east unsettled', [[0, NOW]]],
    ],
  );
  const one = async (payload: Record<string, unknown>, extra?: Record<string, unknown>) => ((await run(runtime, 'divergence', payload, extra)) as TimeSeries[]).map((item) => item.target);
  assert.deepEqual(await one({ pair: 'us-east->eu-west', value: 'divergent' }), ['users eu-west<->us-east divergent'], 'a pair in either order');
  assert.deepEqual(
    await one({ value: 'unsettled' }, { filters: [{ key: 'source_region', operator: '=', value: 'ap-south' }] }),
    ['users ap-south<->us-east unsettled'],
    'a region filter matches either region',
  );
  assert.deepEqual(await one({}, { filters: [{ key: 'dataset', operator: '!=', value: 'users' }] }), []);
  const past = await run(runtime, 'divergence', {}, { range: { from: iso(NOW - 7_200_000), to: iso(NOW - 3_600_000) } });
  assert.deepEqual(past, [], 'no history: a range that ended an hour ago gets nothing, not the present');
});

test('divergence tables: the last check per pair, and its keys exactly as /api/divergence/{dataset}/entities lists them', async () => {
  const { runtime } = withChecks();
  const [summary] = (await run(runtime, 'divergence', { format: 'table' })) as Table[];
  const columns = summary.columns.map((column) => column.text);
  assert.deepEqual(columns, ['time', 'dataset', 'region_a', 'region_b', 'verdict', 'current', 'divergent_entities', 'unsettled_entities', 'age_seconds', 'error']);
  assert.deepEqual(summary.rows[0], [NOW - 10_000, 'users', 'eu-west', 'us-east', 'divergent', 'true', 2, 1, 10, null]);

  const [keys] = (await run(runtime, 'divergence', { format: 'keys', pair: 'eu-west->us-east' })) as Table[];
  const keyColumns = keys.columns.map((column) => column.text);
  const cell = (row: unknown[], name: string) => row[keyColumns.indexOf(name)];
  const expected = divergenceEntities('users', 'eu-west', 'us-east', findCheck(runtime, 'users', 'eu-west', 'us-east', NOW));
  assert.deepEqual(
    keys.rows.map((row) => [cell(row, 'state'), cell(row, 'key'), cell(row, 'kind')]),
    [...expected.entities.map((item) => ['divergent', item.key, item.kind]), ...expected.unsettled.map((item) => ['unsettled', item.key, item.kind])],
  );
  assert.deepEqual(JSON.parse(cell(keys.rows[0], 'a_row') as string), { email: '1@a' });
  assert.deepEqual([cell(keys.rows[2], 'first_seen_at'), cell(keys.rows[2], 'waiting_on')], [NOW - 11_000, 'us-east->eu-west']);
  assert.equal(((await run(runtime, 'divergence', { format: 'keys', value: 'divergent', limit: 1 })) as Table[])[0].rows.length, 1);
});

test('failovers: seconds to reroute per failed region, or the events; annotations carry failovers and incidents as time, timeEnd, title, text, tags', async () => {
  const { runtime, failoverStore } = buildRuntime();
  failoverStore.save(FAILOVER);
  failoverStore.save({ ...FAILOVER, id: 2, region: 'us-east', detectedAt: NOW - 60_000, reroutedAt: null, toRegions: [], recoveredAt: NOW - 50_000 });
  new IncidentStore(runtime.conflicts.db).save({
    id: 0,
    kind: 'isolation',
    key: 'isolation:ap-south',
    title: 'ap-south is isolated',
    regions: ['ap-south'],
    openedAt: NOW - 30_000,
    closedAt: null,
    details: {},
    runbook: 'Check the links.',
  });

  const series = (await run(runtime, 'failovers', {})) as TimeSeries[];
  assert.deepEqual(
    series.map((item) => [item.target, item.datapoints]),
    [
      ['failover us-east seconds', []],
      ['failover eu-west seconds', [[2.5, NOW - 5_000]]],
    ],
  );
  assert.equal(failoverList(runtime).items.find((item) => item.id === 1)?.duration_seconds, 2.5, 'the same figure as /api/failovers');
  assert.deepEqual(
    ((await run(runtime, 'failovers', { region: 'ap-south' })) as TimeSeries[]).map((item) => [item.target, item.datapoints.length]),
    [['failover ap-south seconds', 0]],
  );
  const [events] = (await run(runtime, 'failovers', { format: 'table' })) as Table[];
  assert.deepEqual(events.rows[1], [NOW - 5_000, 1, 'eu-west', 'europe', 'us-east', NOW - 2_500, null, null, 2.5]);

  const [annotations] = (await run(runtime, 'annotations', {})) as Table[];
  assert.deepEqual(
    annotations.columns.map((column) => [column.text, column.type]),
    [
      ['time', 'time'],
      ['timeEnd', 'time'],
      ['title', 'string'],
      ['text', 'string'],
      ['tags', 'string'],
    ],
  );
  assert.deepEqual(
    annotations.rows.map((row) => [row[0], row[1], row[2], row[4]]),
    [
      [NOW - 60_000, NOW - 50_000, 'us-east failed over', 'failover,us-east'],
      [NOW - 30_000, null, 'ap-south is isolated', 'incident,isolation,ap-south'],
      [NOW - 5_000, null, 'eu-west failed over', 'failover,eu-west,us-east'],
    ],
  );
  assert.equal(annotations.rows[2][3], 'Clients of europe rerouted to us-east after 2.5 s; eu-west has not recovered yet.');
  const titles = async (payload: Record<string, unknown>, filters: unknown[] = []) => ((await run(runtime, 'annotations', payload, { filters })) as Table[])[0].rows.map((row) => row[2]);
  assert.deepEqual(await titles({ kind: 'incidents' }), ['ap-south is isolated']);
  assert.deepEqual(await titles({ kind: ['failovers'], region: 'eu-west' }), ['eu-west failed over']);
  assert.deepEqual(await titles({}, [{ key: 'target_region', operator: '=', value: 'us-east' }]), ['eu-west failed over'], 'a failover matches target_region through the regions it moved to');
});
