import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalPair, describeKey, describeKind, divergenceHref, formatBytes, formatDivergentCount, formatEntityCount, formatInFlightCount, shortHash, unorderedPairTitle } from './format';

test('a pair is named the same whichever way round it is asked for', () => {
  assert.deepEqual(canonicalPair('us-east', 'eu-west'), ['eu-west', 'us-east']);
  assert.equal(unorderedPairTitle('us-east', 'eu-west'), 'eu-west ↔ us-east');
  assert.equal(unorderedPairTitle('eu-west', 'us-east'), 'eu-west ↔ us-east');
});

test('drill-down links use the canonical order and carry the selected key', () => {
  assert.equal(divergenceHref('users', 'r2', 'r1'), '/divergence/users/r1/r2');
  assert.equal(divergenceHref('users', 'r1', 'r2', '17/a b'), '/divergence/users/r1/r2?key=17%2Fa+b');
});

test('counts agree in number', () => {
  assert.equal(formatDivergentCount(0), '0 divergent');
  assert.equal(formatDivergentCount(1204), '1,204 divergent');
  assert.equal(formatInFlightCount(1_204), '1,204 in flight');
  assert.equal(formatEntityCount(1), '1 entity');
  assert.equal(formatEntityCount(3), '3 entities');
});

test('kinds are named by the region that lacks the row', () => {
  assert.equal(describeKind('missing_in_a', 'eu-west', 'us-east'), 'missing in eu-west');
  assert.equal(describeKind('missing_in_b', 'eu-west', 'us-east'), 'missing in us-east');
  assert.equal(describeKind('differs', 'eu-west', 'us-east'), 'differs');
});

test('bytes grow binary units', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(3475), '3.4 KiB');
  assert.equal(formatBytes(12 * 1024 * 1024 + 5), '12 MiB');
  assert.equal(formatBytes(null), '—');
});

test('hashes are shortened and keys spelled per key column', () => {
  assert.equal(shortHash('90a7dfba9904c358'), '90a7dfba');
  assert.equal(describeKey(['id'], '1601'), 'id = 1601');
  assert.equal(describeKey(['tenant', 'id'], 'acme/17'), 'tenant = acme, id = 17');
  // A value with a slash cannot be split back reliably: show the key whole.
  assert.equal(describeKey(['tenant', 'id'], 'a/b/17'), 'a/b/17');
});
