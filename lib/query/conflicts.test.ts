import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conflictListPath, conflictRatePath } from './conflicts';

test('the list path carries filters, the range start, paging and order', () => {
  const path = conflictListPath({ source: 'us-east', target: 'eu-west', entityType: 'cart', resolution: 'crdt', pending: true, rangeMs: 60_000, limit: 50, cursor: 'c9', order: 'oldest' }, 1_000_000);
  assert.equal(path, '/api/conflicts?source=us-east&target=eu-west&entity_type=cart&resolution=crdt&pending=true&from=940000&limit=50&cursor=c9&order=oldest');
});

test('the plain list path asks only for a page size', () => {
  assert.equal(conflictListPath({ limit: 10 }, 1_000_000), '/api/conflicts?limit=10');
});

test('the rate path covers the range ending now', () => {
  assert.equal(conflictRatePath({ resolution: 'manual' }, 300_000, 120, 1_000_000), '/api/conflicts/rate?resolution=manual&from=700000&to=1000000&points=120');
});
