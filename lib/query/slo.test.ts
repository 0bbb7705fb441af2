import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queryKeys } from './keys';
import { sloDetailPath } from './slo';

test('the detail path names the SLO and the number of points', () => {
  assert.equal(sloDetailPath('lag-under-1s', 1200), '/api/slo/lag-under-1s?points=1200');
  assert.equal(sloDetailPath('a/b', 10), '/api/slo/a%2Fb?points=10');
});

test('SLO keys nest under one prefix, so one invalidation refreshes the list and every detail', () => {
  const prefix = queryKeys.slo();
  for (const key of [queryKeys.sloList(), queryKeys.sloDetail('avail', 1200)]) assert.deepEqual(key.slice(0, prefix.length), [...prefix]);
  assert.notDeepEqual(queryKeys.sloDetail('avail', 1200), queryKeys.sloDetail('other', 1200));
});
