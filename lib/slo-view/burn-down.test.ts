import assert from 'node:assert/strict';
import { test } from 'node:test';
import { budgetAxis, clusterAnnotations, describeAnnotation, idealAt, mergeRows, shapeBurnDown } from './burn-down';

const HOUR = 3_600_000;
const END = 10 * HOUR;
const START = END - HOUR;

// An hour-long window with readings over its last 10 minutes, overspent by an outage.
const detail = {
  ideal: [
    [START, 1],
    [END, 0],
  ] as Array<[number, number]>,
  burn_down: [
    [END - 600_000, 1],
    [END - 300_000, -2],
    [END, -1.5],
  ] as Array<[number, number]>,
  annotations: [
    { at: END - 400_000, kind: 'failover' as const, label: 'r1 failed over' },
    { at: END - 3 * HOUR, kind: 'conflict_spike' as const, label: 'outside the window' },
  ],
};

test('the whole window spans the ideal line, with both its ends as rows', () => {
  const model = shapeBurnDown(detail, 'window');
  assert.equal(model.fromMs, START);
  assert.equal(model.toMs, END);
  assert.deepEqual(model.rows[0], { atMs: START, ideal: 1 });
  // The last reading is now, the ideal's end: one row carries both.
  assert.deepEqual(model.rows[model.rows.length - 1], { atMs: END, remaining: -1.5, ideal: 0 });
  assert.equal(model.rows.length, 4);
  assert.equal(model.recordedFromMs, END - 600_000);
  assert.ok(Math.abs(model.recordedShare - 1 / 6) < 1e-9);
});

test('the recorded range starts at the first reading and cuts the ideal line there', () => {
  const model = shapeBurnDown(detail, 'recorded');
  assert.equal(model.fromMs, END - 600_000);
  const [first] = model.rows;
  assert.deepEqual({ atMs: first.atMs, remaining: first.remaining }, { atMs: END - 600_000, remaining: 1 });
  assert.ok(Math.abs(first.ideal! - 1 / 6) < 1e-9, `ideal ${first.ideal} is a sixth of the budget, ten minutes before the window ends`);
});

test('the axis reaches down to the lowest reading and always shows 0 % and 100 %', () => {
  const model = shapeBurnDown(detail, 'window');
  assert.ok(model.yDomain[0] <= -2);
  assert.equal(model.yDomain[1], 1);
  assert.ok(model.yTicks.includes(0) && model.yTicks.includes(1));
});

test('only annotations inside the span become markers', () => {
  const model = shapeBurnDown(detail, 'window');
  assert.deepEqual(
    model.markers.map(({ number, kind, label }) => ({ number, kind, label })),
    [{ number: 1, kind: 'failover', label: 'r1 failed over' }],
  );
});

test('a conflict spike whose bucket began before the first reading is drawn where the data begins', () => {
  const early = { ...detail, annotations: [{ at: START + 60_000, kind: 'conflict_spike' as const, label: '9 conflicts in 1m' }] };
  const model = shapeBurnDown(early, 'recorded');
  assert.equal(model.fromMs, END - 600_000, 'the recorded range starts at the first reading');
  assert.deepEqual(
    model.markers.map((marker) => [marker.atMs, marker.label]),
    [[END - 600_000, 'conflict spike: 9 conflicts in 1m']],
  );
});

test('with no readings yet the chart still spans the window with the ideal line', () => {
  const model = shapeBurnDown({ ...detail, burn_down: [] }, 'recorded');
  assert.equal(model.fromMs, START);
  assert.equal(model.recordedFromMs, null);
  assert.equal(model.recordedShare, 0);
  assert.deepEqual(model.rows, [
    { atMs: START, ideal: 1 },
    { atMs: END, ideal: 0 },
  ]);
});

test('the ideal line is interpolated between its ends', () => {
  assert.equal(
    idealAt(
      [
        [0, 1],
        [100, 0],
      ],
      25,
    ),
    0.75,
  );
  assert.equal(idealAt([], 25), 1);
});

test('rows merge by timestamp, in time order', () => {
  assert.deepEqual(
    mergeRows(
      [
        [20, 0.5],
        [10, 0.9],
      ],
      [[10, 1]],
    ),
    [
      { atMs: 10, remaining: 0.9, ideal: 1 },
      { atMs: 20, remaining: 0.5 },
    ],
  );
});

test('an untouched budget gets a 0–100 % axis in round steps', () => {
  assert.deepEqual(budgetAxis(0), { domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
});

test('an overspent budget gets round negative ticks, still ending at 100 %', () => {
  const { domain, ticks } = budgetAxis(-9.67);
  assert.deepEqual(domain, [-10, 1]);
  assert.deepEqual(ticks, [-10, -8, -6, -4, -2, 0, 1]);
  assert.ok(ticks.length <= 8);
});

test('annotations close in time share one numbered marker', () => {
  const markers = clusterAnnotations(
    [
      { at: 50, kind: 'conflict_spike', label: '40 conflicts/min' },
      { at: 10, kind: 'failover', label: 'r1 failed over' },
      { at: 11, kind: 'conflict_spike', label: '30 conflicts/min' },
      { at: 12, kind: 'conflict_spike', label: '31 conflicts/min' },
    ],
    0,
    100,
  );
  assert.deepEqual(
    markers.map(({ number, atMs, kind, label }) => ({ number, atMs, kind, label })),
    [
      { number: 1, atMs: 10, kind: 'mixed', label: 'r1 failed over · 2 conflict spikes' },
      { number: 2, atMs: 50, kind: 'conflict_spike', label: 'conflict spike: 40 conflicts/min' },
    ],
  );
  assert.equal(markers[0].annotations.length, 3);
});

test('many failovers in one marker are counted rather than listed', () => {
  const failovers = ['r1', 'r2', 'r3'].map((region, index) => ({ at: index, kind: 'failover' as const, label: `${region} failed over` }));
  assert.equal(clusterAnnotations(failovers, 0, 1_000)[0].label, '3 failovers');
  assert.equal(clusterAnnotations(failovers.slice(0, 2), 0, 1_000)[0].label, 'r1 failed over, r2 failed over');
});

test('a conflict spike says what its rate is', () => {
  assert.equal(describeAnnotation({ at: 0, kind: 'conflict_spike', label: '42 conflicts/min' }), 'conflict spike: 42 conflicts/min');
  assert.equal(describeAnnotation({ at: 0, kind: 'failover', label: 'r1 failed over' }), 'r1 failed over');
});
