import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictSignal, type ConflictCounts } from './conflicts';

const store: ConflictCounts = {
  counts: () => [
    { source_region: 'a', target_region: 'b', entity_type: 'cart', resolution: 'lww', count: 3 },
    { source_region: 'b', target_region: 'a', entity_type: 'cart', resolution: 'lww', count: 5 },
  ],
  pendingByRegion: () => ({ a: 2, b: 1 }),
  violations: () => [
    { domain: 'billing', home_region: 'a', write_region: 'b', count: 4 },
    { domain: 'billing', home_region: 'b', write_region: 'a', count: 1 },
  ],
};

test('an agent sharing a store reports only its own region; a single collector reports all', () => {
  const agent = new ConflictSignal(store, [], 'b').snapshot();
  assert.deepEqual(agent.counts, [store.counts()[0]], 'conflicts resolved in b');
  assert.deepEqual(agent.pendingByRegion, { b: 1 });
  assert.deepEqual(agent.violations, [store.violations()[0]], 'writes made in b');
  const single = new ConflictSignal(store, []).snapshot();
  assert.equal(single.counts.length, 2);
  assert.deepEqual(single.pendingByRegion, { a: 2, b: 1 });
  assert.deepEqual(new ConflictSignal({ ...store, pendingByRegion: () => ({ a: 2 }) }, [], 'b').snapshot().pendingByRegion, {});
});
