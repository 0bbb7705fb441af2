import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_FILTERS, conflictsPageHref, hasNarrowingFilters, parseConflictSearch } from './filters';

test('an empty URL means no filters over the default range', () => {
  assert.deepEqual(parseConflictSearch({}), { filters: NO_FILTERS, cursor: undefined });
});

test('every filter is read from its search param', () => {
  const { filters, cursor } = parseConflictSearch({
    source: 'us-east',
    target: 'eu-west',
    entity_type: 'cart',
    resolution: 'crdt',
    pending: 'true',
    range: '7d',
    cursor: 'abc',
  });
  assert.deepEqual(filters, { source: 'us-east', target: 'eu-west', entityType: 'cart', resolution: 'crdt', pendingOnly: true, range: '7d' });
  assert.equal(cursor, 'abc');
});

test('bad or empty values are dropped, not fatal', () => {
  const { filters } = parseConflictSearch({ source: 'US EAST', resolution: 'coin-flip', range: '2y', entity_type: '', pending: 'yes' });
  assert.deepEqual(filters, NO_FILTERS);
});

test('repeated params use the first value', () => {
  assert.equal(parseConflictSearch({ source: ['us-west', 'us-east'] }).filters.source, 'us-west');
});

test('page links leave defaults out and round-trip', () => {
  assert.equal(conflictsPageHref(NO_FILTERS), '/conflicts');
  const filters = { ...NO_FILTERS, source: 'us-east', resolution: 'manual' as const, pendingOnly: true, range: '24h' as const };
  const href = conflictsPageHref(filters, 'c1');
  assert.equal(href, '/conflicts?source=us-east&resolution=manual&pending=true&range=24h&cursor=c1');
  const params = Object.fromEntries(new URL(href, 'http://x').searchParams);
  assert.deepEqual(parseConflictSearch(params), { filters, cursor: 'c1' });
  assert.equal(conflictsPageHref(filters, undefined, '/conflicts/queue').startsWith('/conflicts/queue?'), true);
});

test('only real filters count as narrowing', () => {
  assert.equal(hasNarrowingFilters({ ...NO_FILTERS, range: '7d' }), false);
  assert.equal(hasNarrowingFilters({ ...NO_FILTERS, entityType: 'cart' }), true);
});
