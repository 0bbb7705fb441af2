import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failoverListPath, incidentListPath, regionHealthPath } from './failovers';
import { queryKeys } from './keys';

test('the failover and incident paths start the range before now and leave the end open', () => {
  assert.equal(failoverListPath(3_600_000, 10_000_000), '/api/failovers?from=6400000');
  assert.equal(incidentListPath(900_000, 10_000_000), '/api/incidents?from=9100000');
});

test('the region health path carries the window', () => {
  assert.equal(regionHealthPath('5m'), '/api/regions/health?window=5m');
});

test('failover lists of different ranges are cached apart, under one failovers key', () => {
  const hour = queryKeys.failoverList(3_600_000);
  assert.notDeepEqual(hour, queryKeys.failoverList(86_400_000));
  assert.deepEqual(hour.slice(0, 2), [...queryKeys.failovers()]);
});
