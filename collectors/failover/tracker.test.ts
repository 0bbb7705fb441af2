import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FailoverTracker, failoverSeconds, type Failover } from './tracker';

const geos: Record<string, string[]> = { 'us-east': ['na-east'], 'eu-west': ['europe'] };
const routes = (entries: Record<string, string[]>) => new Map(Object.entries(entries).map(([geo, regions]) => [geo, new Set(regions)]));
const up = (entries: Record<string, boolean>) => new Map(Object.entries(entries));

test('detected at the first failed probe, rerouted when every geo resolves to a healthy other region', () => {
  const rerouted: Failover[] = [];
  const tracker = new FailoverTracker(
    (region) => geos[region] ?? [],
    (failover) => rerouted.push(failover),
  );
  tracker.observe({ at: 1000, up: up({ 'us-east': true, 'eu-west': true }), routes: routes({ 'na-east': ['us-east'], europe: ['eu-west'] }) });
  tracker.observe({ at: 1250, up: up({ 'us-east': false, 'eu-west': true }), routes: routes({ 'na-east': ['us-east'], europe: ['eu-west'] }) });
  // DNS convergence: for a while some answers still name the failed region.
  tracker.observe({ at: 1500, up: up({ 'us-east': false, 'eu-west': true }), routes: routes({ 'na-east': ['us-east', 'eu-west'], europe: ['eu-west'] }) });
  assert.equal(rerouted.length, 0);
  tracker.observe({ at: 1750, up: up({ 'us-east': false, 'eu-west': true }), routes: routes({ 'na-east': ['eu-west'], europe: ['eu-west'] }) });
  assert.equal(rerouted.length, 1);
  assert.deepEqual([rerouted[0].region, rerouted[0].detectedAt, rerouted[0].reroutedAt, rerouted[0].toRegions], ['us-east', 1250, 1750, ['eu-west']]);
  assert.equal(failoverSeconds(rerouted[0]), 0.5);

  tracker.observe({ at: 9000, up: up({ 'us-east': true, 'eu-west': true }), routes: routes({ 'na-east': ['eu-west'], europe: ['eu-west'] }) });
  tracker.observe({ at: 9250, up: up({ 'us-east': true, 'eu-west': true }), routes: routes({ 'na-east': ['us-east'], europe: ['eu-west'] }) });
  const [done] = tracker.list();
  assert.deepEqual([done.recoveredAt, done.failbackAt], [9000, 9250]);
});

test('a reroute to a region that is itself down does not complete the failover', () => {
  const tracker = new FailoverTracker((region) => geos[region] ?? []);
  tracker.observe({ at: 0, up: up({ 'us-east': false, 'eu-west': false }), routes: routes({ 'na-east': ['eu-west'], europe: ['eu-west'] }) });
  assert.ok(tracker.list().every((failover) => failover.reroutedAt === null));
});

test('recovering before the reroute leaves the failover without a duration', () => {
  const tracker = new FailoverTracker((region) => geos[region] ?? []);
  tracker.observe({ at: 0, up: up({ 'us-east': false }), routes: routes({ 'na-east': ['us-east'] }) });
  tracker.observe({ at: 300, up: up({ 'us-east': true }), routes: routes({ 'na-east': ['us-east'] }) });
  const [blip] = tracker.list();
  assert.equal(blip.recoveredAt, 300);
  assert.equal(failoverSeconds(blip), null);
});

test('a failure read in a late cycle dates from the answer that found it, before the reroute read in that same cycle', () => {
  // The probe timed out at 1000; by the cycle that read that, the GTM had already moved the geo.
  const tracker = new FailoverTracker((region) => geos[region] ?? []);
  tracker.observe({ at: 900, up: up({ 'us-east': true }), routes: routes({ 'na-east': ['us-east'] }) });
  tracker.observe({ at: 2100, up: up({ 'us-east': false }), answeredAt: new Map([['us-east', 1000]]), routes: routes({ 'na-east': ['eu-west'] }) });
  tracker.observe({ at: 6100, up: up({ 'us-east': true }), answeredAt: new Map([['us-east', 6000]]), routes: routes({ 'na-east': ['eu-west'] }) });
  const [failover] = tracker.list();
  assert.deepEqual([failover.detectedAt, failover.reroutedAt, failover.recoveredAt], [1000, 2100, 6000]);
  assert.equal(failoverSeconds(failover), 1.1);
});
