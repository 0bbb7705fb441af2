import assert from 'node:assert/strict';
import { test } from 'node:test';
import { divergencePageHref, parseDivergencePairParams, parseDrillDownSearch, parseMatrixSearch } from './params';

test('route params name a dataset and two different regions', () => {
  assert.deepEqual(parseDivergencePairParams({ dataset: 'users', a: 'eu-west', b: 'us-east' }), { dataset: 'users', regionA: 'eu-west', regionB: 'us-east' });
  // Either order is a pair; the page redirects to the canonical one.
  assert.deepEqual(parseDivergencePairParams({ dataset: 'users', a: 'us-east', b: 'eu-west' }), { dataset: 'users', regionA: 'us-east', regionB: 'eu-west' });
});

test('nonsense params are not a page', () => {
  assert.equal(parseDivergencePairParams({ dataset: 'users', a: 'r1', b: 'r1' }), null);
  assert.equal(parseDivergencePairParams({ dataset: 'Users', a: 'r1', b: 'r2' }), null);
  assert.equal(parseDivergencePairParams({ dataset: 'users', a: '../r1', b: 'r2' }), null);
  assert.equal(parseDivergencePairParams({ dataset: 'users', a: 'r1' }), null);
});

test('the selected key is read once; empty or oversized keys mean none', () => {
  assert.deepEqual(parseDrillDownSearch({ key: 'acme/17' }), { key: 'acme/17' });
  assert.deepEqual(parseDrillDownSearch({ key: ['1', '2'] }), { key: '1' });
  assert.deepEqual(parseDrillDownSearch({ key: '' }), { key: undefined });
  assert.deepEqual(parseDrillDownSearch({ key: 'x'.repeat(2_000) }), { key: undefined });
  assert.deepEqual(parseDrillDownSearch({}), { key: undefined });
});

test('the pair filter falls back to all and round-trips through its link', () => {
  assert.deepEqual(parseMatrixSearch({}), { show: 'all' });
  assert.deepEqual(parseMatrixSearch({ show: 'bogus' }), { show: 'all' });
  assert.deepEqual(parseMatrixSearch({ show: ['attention'] }), { show: 'attention' });
  assert.equal(divergencePageHref('all'), '/divergence');
  const href = divergencePageHref('attention');
  assert.deepEqual(parseMatrixSearch(Object.fromEntries(new URL(href, 'http://x').searchParams)), { show: 'attention' });
});
