import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T0, failover } from './fixtures';
import { shapeFailoverLanes, shapeRangeMarks } from './lanes';

test('lanes share one scale: the longest failover, rounded up to a whole tick', () => {
  const model = shapeFailoverLanes([failover({ id: 1 }), failover({ id: 2, detected_at: T0 + 60_000, failback_at: T0 + 60_000 + 9_000, recovered_at: T0 + 68_000 })], T0 + 120_000);
  assert.equal(model.scaleMs, 10_000);
  assert.deepEqual(
    model.ticks.map((tick) => tick.label),
    ['0', '2 s', '4 s', '6 s', '8 s', '10 s'],
  );
  assert.deepEqual(
    model.lanes.map((lane) => lane.failover.id),
    [2, 1],
  );
  const [reroute, elsewhere] = model.lanes[1].segments;
  assert.deepEqual([reroute.leftPct, reroute.widthPct], [0, 20]);
  assert.deepEqual([elsewhere.leftPct, elsewhere.widthPct], [20, 40]);
  assert.deepEqual(
    model.lanes[1].markers.map((marker) => [marker.kind, marker.leftPct]),
    [
      ['detected', 0],
      ['rerouted', 20],
      ['recovered', 60],
      ['failed_back', 65],
    ],
  );
});

test('long outages get minute ticks', () => {
  const model = shapeFailoverLanes([failover({ recovered_at: T0 + 170_000, failback_at: T0 + 172_000 })], T0 + 200_000);
  assert.equal(model.scaleMs, 180_000);
  assert.deepEqual(
    model.ticks.map((tick) => tick.label),
    ['0', '1m', '2m', '3m'],
  );
});

test('lanes beyond the limit are counted, not drawn', () => {
  const many = Array.from({ length: 5 }, (_, index) =>
    failover({ id: index + 1, detected_at: T0 + index * 60_000, rerouted_at: T0 + index * 60_000 + 2_000, recovered_at: T0 + index * 60_000 + 6_000, failback_at: T0 + index * 60_000 + 6_500 }),
  );
  const model = shapeFailoverLanes(many, T0 + 600_000, 3);
  assert.deepEqual(
    model.lanes.map((lane) => lane.failover.id),
    [5, 4, 3],
  );
  assert.equal(model.hiddenCount, 2);
});

test('a pending lane is drawn up to now with its status', () => {
  const lane = shapeFailoverLanes([failover({ recovered_at: null, failback_at: null })], T0 + 4_000).lanes[0];
  assert.equal(lane.statusText, 'recovering…');
  assert.equal(lane.tone, 'warning');
  assert.equal(lane.spanMs, 4_000);
  assert.equal(lane.segments.at(-1)?.pending, true);
});

test('range marks place each failover on the wall-clock range', () => {
  const marks = shapeRangeMarks([failover({ detected_at: T0 + 30_000, rerouted_at: T0 + 32_000, recovered_at: T0 + 36_000, failback_at: T0 + 36_000 })], T0, T0 + 100_000, T0 + 100_000);
  assert.deepEqual(
    marks.map(({ leftPct, widthPct, tone }) => [leftPct, Math.round(widthPct), tone]),
    [[30, 6, 'ok']],
  );
});
