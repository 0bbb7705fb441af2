import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conflictRate } from '@/lib/server/conflicts';
import { lagSeries } from '@/lib/server/lag';
import { NOW, buildRuntime } from '@/lib/server/test-runtime';
import { lagSeriesName } from '@/lib/store/history';
import { asyncFailure, conflictRecord, flip, iso } from './test-fixtures';
import type { Table, TimeSeries } from './frames';
import { runQuery } from './query';

const names = (results: unknown[]) => (results as TimeSeries[]).map((result) => result.target);

test('lag: one series per pair, equal to /api/lag/series for the same range and points, within maxDataPoints and intervalMs', async () => {
  const { runtime } = buildRuntime();
  // Recent samples: the history's finest tier is chosen by age against the real clock.
  const now = Date.now();
  const samples = Array.from({ length: 1000 }, (_, index) => index);
  runtime.history.record(
    samples.flatMap((index) =>
      ['us-east->eu-west', 'eu-west->us-east'].map((pair) => ({ series: lagSeriesName(...(pair.split('->') as [string, string])), at: now - (1000 - index) * 1000, value: (index % 37) / 10 })),
    ),
  );
  const [from, to] = [now - 900_000, now - 100_000];
  const lag = async (payload: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    (await runQuery(
      runtime,
      { range: { from: iso(from), to: iso(to), raw: { from: 'now-15m', to: 'now' } }, maxDataPoints: 50, intervalMs: 1000, targets: [{ refId: 'A', target: 'lag', payload }], ...extra },
      now,
    )) as TimeSeries[];

  const [series] = await lag({ pair: 'us-east->eu-west' });
  assert.equal(series.target, 'lag us-east->eu-west');
  assert.deepEqual(series.datapoints, flip((await lagSeries(runtime, { source: 'us-east', target: 'eu-west', from, to, points: 50 })).points));
  assert.equal(series.datapoints.length, 50);
  const coarse = (await lag({ pair: 'us-east->eu-west' }, { intervalMs: 60_000 }))[0];
  assert.equal(coarse.datapoints.length, Math.floor((to - from) / 60_000), 'no more points than intervalMs steps in the range');
  assert.deepEqual(coarse.datapoints, flip((await lagSeries(runtime, { source: 'us-east', target: 'eu-west', from, to, points: 13 })).points));

  const fanned = names(await lag({ source: '(us-east|eu-west)' }));
  assert.deepEqual(fanned, ['lag us-east->eu-west', 'lag us-east->ap-south', 'lag eu-west->us-east', 'lag eu-west->ap-south']);
  assert.deepEqual(await lag({ source: ['us-east', 'eu-west'] }), await lag({ source: '(us-east|eu-west)' }), 'arrays and regex groups select the same');
  assert.deepEqual(await lag({ source: '{us-east,eu-west}' }), await lag({ source: ['us-east', 'eu-west'] }));
  assert.deepEqual(names(await lag({ pair: ['us-east->eu-west', 'eu-west->us-east'] })), ['lag us-east->eu-west', 'lag eu-west->us-east']);
  assert.deepEqual(names(await lag({}, { filters: [{ key: 'source_region', operator: '!=', value: 'us-east' }] })), [
    'lag eu-west->us-east',
    'lag eu-west->ap-south',
    'lag ap-south->us-east',
    'lag ap-south->eu-west',
  ]);
  assert.deepEqual(names(await lag({ target: 'eu-west' }, { filters: [{ key: 'source_region', operator: '=~', value: 'ap-.*' }] })), ['lag ap-south->eu-west']);

  assert.deepEqual(await asyncFailure(() => lag({ source: 'nope' })), {
    status: 404,
    code: 'unknown_region',
    message: 'targets[0].payload.source: unknown region "nope" (known: us-east, eu-west, ap-south)',
  });
  assert.equal((await asyncFailure(() => lag({ pair: 'us-east->nope' }))).message, 'targets[0].payload.pair: unknown region "nope" (known: us-east, eu-west, ap-south)');
  assert.equal((await asyncFailure(() => lag({ pair: 'us-east' }))).message, 'targets[0].payload.pair: "us-east" is not a pair; write source->target');
  assert.equal((await asyncFailure(() => lag({ pair: 'us-east->eu-west', source: 'us-east' }))).message, 'targets[0].payload.pair: give either pair or source/target, not both');
  assert.equal((await asyncFailure(() => lag({ source: 'us-east', target: 'us-east' }))).message, 'targets[0].payload.target: must differ from source');
});

test('conflicts: the rate of /api/conflicts/rate per selection, fanned out over named values and filtered dimensions', async () => {
  const { runtime } = buildRuntime();
  runtime.ingestConflicts([
    conflictRecord(1, 'cart', 'lww'),
    conflictRecord(2, 'cart', 'crdt'),
    conflictRecord(3, 'user', 'lww', 'eu-west', 'us-east'),
    conflictRecord(4, 'order', 'manual', 'ap-south', 'eu-west'),
    conflictRecord(40, 'cart', 'merge'),
  ]);
  const [from, to] = [NOW - 60_000, NOW];
  const conflicts = (payload: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    runQuery(runtime, { range: { from: iso(from), to: iso(to) }, maxDataPoints: 30, intervalMs: 500, targets: [{ target: 'conflicts', payload }], ...extra }, NOW);

  const [all] = (await conflicts({})) as TimeSeries[];
  assert.equal(all.target, 'conflicts/min');
  const rate = await conflictRate(runtime, { from, to, points: 29 }, NOW);
  assert.deepEqual(all.datapoints, flip(rate.points));
  assert.ok(all.datapoints.length <= 30 && rate.step_seconds * 1000 >= 500, `${all.datapoints.length} points, step ${rate.step_seconds} s`);
  assert.equal(
    all.datapoints.reduce((sum, [perMinute]) => sum + (perMinute * rate.step_seconds) / 60, 0),
    5,
    'every conflict of the range counted once',
  );
  for (const maxDataPoints of [1, 2, 3, 7]) {
    const [series] = (await conflicts({}, { maxDataPoints })) as TimeSeries[];
    assert.ok(series.datapoints.length <= maxDataPoints, `${series.datapoints.length} points for maxDataPoints ${maxDataPoints}`);
  }

  assert.deepEqual(names(await conflicts({ entity_type: '{cart,user}' })), ['conflicts/min cart', 'conflicts/min user']);
  assert.deepEqual(names(await conflicts({ source: 'us-east', resolution: ['lww', 'crdt'] })), ['conflicts/min us-east->* lww', 'conflicts/min us-east->* crdt']);
  assert.deepEqual(names(await conflicts({ pair: 'ap-south->eu-west' })), ['conflicts/min ap-south->eu-west']);
  assert.deepEqual(
    names(await conflicts({}, { filters: [{ key: 'entity_type', operator: '!=', value: 'cart' }] })),
    ['conflicts/min order', 'conflicts/min user'],
    'a filter on an open dimension fans it out over the values left',
  );
  const count = (series: TimeSeries) => series.datapoints.reduce((sum, [perMinute]) => sum + (perMinute * rate.step_seconds) / 60, 0);
  assert.equal(count(((await conflicts({}, { filters: [{ key: 'source_region', operator: '=', value: 'us-east' }] })) as TimeSeries[])[0]), 3);

  assert.equal((await asyncFailure(() => conflicts({ resolution: 'coin_flip' }))).message, 'targets[0].payload.resolution: unknown resolution "coin_flip" (lww, crdt, merge, manual)');
  assert.equal((await asyncFailure(() => conflicts({ format: 'heatmap' }))).message, 'targets[0].payload.format: unknown format "heatmap" (time_series, table)');
  assert.match(
    (await asyncFailure(() => conflicts({ source: 'us-east', entity_type: Array.from({ length: 101 }, (_, index) => `t${index}`) }))).message,
    /^targets\[0\]\.payload: selects 101 series; at most 100/,
  );
});

test('conflicts as a table: newest first, both versions as JSON strings, restricted like the series', async () => {
  const { runtime } = buildRuntime();
  runtime.ingestConflicts([conflictRecord(1, 'cart', 'lww'), conflictRecord(2, 'cart', 'manual'), conflictRecord(3, 'user', 'lww', 'eu-west', 'us-east')]);
  const tableOf = async (payload: Record<string, unknown>, filters: unknown[] = []) =>
    ((await runQuery(runtime, { range: { from: iso(NOW - 60_000), to: iso(NOW) }, targets: [{ target: 'conflicts', payload: { format: 'table', ...payload } }], filters }, NOW)) as Table[])[0];
  const result = await tableOf({});
  assert.equal(result.type, 'table');
  const columns = result.columns.map((column) => column.text);
  assert.deepEqual(columns.slice(0, 7), ['time', 'id', 'source_region', 'target_region', 'entity_type', 'entity_key', 'resolution']);
  const cell = (row: unknown[], name: string) => row[columns.indexOf(name)];
  assert.deepEqual(
    result.rows.map((row) => cell(row, 'entity_key')),
    ['k1', 'k2', 'k3'],
  );
  assert.deepEqual(JSON.parse(cell(result.rows[0], 'local_version') as string), { qty: 1, note: 'a' });
  assert.deepEqual(JSON.parse(cell(result.rows[0], 'remote_version') as string), { qty: 2, note: 'a' });
  assert.equal(cell(result.rows[0], 'differing_fields'), 'qty');
  assert.deepEqual([cell(result.rows[1], 'pending'), cell(result.rows[1], 'winner'), cell(result.rows[1], 'resolved_at')], ['true', null, null]);
  assert.equal(result.columns[0].type, 'time');
  assert.deepEqual(
    (await tableOf({ limit: '1' })).rows.map((row) => cell(row, 'entity_key')),
    ['k1'],
  );
  assert.deepEqual(
    (await tableOf({}, [{ key: 'target_region', operator: '=', value: 'us-east' }])).rows.map((row) => cell(row, 'entity_key')),
    ['k3'],
  );
  assert.deepEqual(
    (await tableOf({ resolution: '(manual|crdt)' })).rows.map((row) => cell(row, 'entity_key')),
    ['k2'],
  );
  assert.equal((await asyncFailure(() => tableOf({ limit: 'all' }))).message, 'targets[0].payload.limit: must be an integer from 1 to 1000');
});
