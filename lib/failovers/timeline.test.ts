import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T0, failover } from './fixtures';
import { describeReroute, failoverEvents, failoverSpanMs, failoverStatus, laneSegments, newestFirst, summariseFailovers } from './timeline';

const rerouting = failover({ rerouted_at: null, recovered_at: null, failback_at: null, duration_seconds: null, to_regions: [] });
const recovering = failover({ recovered_at: null, failback_at: null });

test('a failover moves from rerouting to recovering to failing back to over', () => {
  assert.equal(failoverStatus(rerouting), 'rerouting');
  assert.equal(failoverStatus(recovering), 'recovering');
  assert.equal(failoverStatus(failover({ failback_at: null })), 'failing_back');
  assert.equal(failoverStatus(failover()), 'done');
});

test('a region that served no geo is over once it recovers', () => {
  assert.equal(failoverStatus(failover({ geos: [], failback_at: null })), 'done');
});

test('events carry their times and what is awaited', () => {
  const events = failoverEvents(recovering);
  assert.deepEqual(
    events.map(({ kind, atMs, pendingText }) => [kind, atMs, pendingText]),
    [
      ['detected', T0, null],
      ['rerouted', T0 + 2_000, null],
      ['recovered', null, 'recovering…'],
      ['failed_back', null, null],
    ],
  );
  assert.equal(events[1].note, 'after 2.00 s to r2');
  assert.equal(failoverEvents(rerouting)[1].pendingText, 'rerouting…');
});

test('a region that recovered before its geos moved says it was not rerouted', () => {
  const quick = failover({ rerouted_at: null, duration_seconds: null, to_regions: [], recovered_at: T0 + 900 });
  assert.equal(failoverEvents(quick)[1].pendingText, 'not rerouted');
  assert.deepEqual(
    laneSegments(quick, T0 + 10_000).map(({ kind, endMs, label }) => [kind, endMs, label]),
    [
      ['reroute', 900, 'not rerouted'],
      ['failback', 6_500 - 0, 'failback 5.60 s'],
    ],
  );
});

test('failback is not listed for a region without geos', () => {
  assert.deepEqual(
    failoverEvents(failover({ geos: [], failback_at: null })).map((event) => event.kind),
    ['detected', 'rerouted', 'recovered'],
  );
});

test('segments cover each phase, measured from detection', () => {
  assert.deepEqual(
    laneSegments(failover(), T0 + 60_000).map(({ kind, startMs, endMs, pending, label }) => [kind, startMs, endMs, pending, label]),
    [
      ['reroute', 0, 2_000, false, 'failover 2.00 s'],
      ['elsewhere', 2_000, 6_000, false, 'down · on r2'],
      ['failback', 6_000, 6_500, false, 'failback 500 ms'],
    ],
  );
});

test('a pending phase runs until now', () => {
  const [reroute] = laneSegments(rerouting, T0 + 1_500);
  assert.deepEqual([reroute.endMs, reroute.pending, reroute.label], [1_500, true, 'rerouting…']);
  const elsewhere = laneSegments(recovering, T0 + 5_000)[1];
  assert.deepEqual([elsewhere.endMs, elsewhere.pending, elsewhere.label], [5_000, true, 'recovering… · on r2']);
  assert.equal(failoverSpanMs(recovering, T0 + 5_000), 5_000);
  assert.equal(failoverSpanMs(failover(), T0 + 60_000), 6_500);
});

test('the summary counts, and takes the median and slowest reroute over those that rerouted', () => {
  const summary = summariseFailovers([
    failover({ id: 1, duration_seconds: 2 }),
    failover({ id: 2, region: 'r3', duration_seconds: 5 }),
    failover({ id: 3, duration_seconds: 3 }),
    failover({ id: 4, duration_seconds: 4 }),
    rerouting,
  ]);
  assert.deepEqual(summary, { count: 5, inProgress: 1, rerouted: 4, medianSeconds: 3.5, slowest: { region: 'r3', seconds: 5 } });
  assert.deepEqual(summariseFailovers([]), { count: 0, inProgress: 0, rerouted: 0, medianSeconds: null, slowest: null });
});

test('newest first orders by detection', () => {
  const ordered = newestFirst([failover({ id: 1 }), failover({ id: 2, detected_at: T0 + 10 }), failover({ id: 3, detected_at: T0 - 10 })]);
  assert.deepEqual(
    ordered.map((item) => item.id),
    [2, 1, 3],
  );
});

test('the reroute time reads as a duration, or what is awaited', () => {
  assert.equal(describeReroute(failover()), '2.00 s');
  assert.equal(describeReroute(rerouting), 'rerouting…');
  assert.equal(describeReroute(failover({ rerouted_at: null, duration_seconds: null })), 'not rerouted');
});
