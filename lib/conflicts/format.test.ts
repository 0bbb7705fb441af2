import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conflictHref, conflictTitle, describeWinner, describeWriteGap, formatAge, formatConflictCount, formatRate, formatWindow } from './format';

test('windows read the way they are typed', () => {
  assert.equal(formatWindow(300), '5m');
  assert.equal(formatWindow(30), '30s');
  assert.equal(formatWindow(3_600), '1h');
  assert.equal(formatWindow(5_400), '1h 30m');
  assert.equal(formatWindow(7 * 86_400), '7d');
  assert.equal(formatWindow(0), '—');
});

test('counts agree in number', () => {
  assert.equal(formatConflictCount(0), '0 conflicts');
  assert.equal(formatConflictCount(1), '1 conflict');
  assert.equal(formatConflictCount(1204), '1,204 conflicts');
});

test('rates keep about two significant digits', () => {
  assert.equal(formatRate(0), '0/min');
  assert.equal(formatRate(0.0833), '0.08/min');
  assert.equal(formatRate(4.25), '4.3/min');
  assert.equal(formatRate(36.4), '36/min');
  assert.equal(formatRate(Number.NaN), '—');
});

test('ages grow units as they grow', () => {
  assert.equal(formatAge(42_900), '42s');
  assert.equal(formatAge(185_000), '3m 05s');
  assert.equal(formatAge(7_800_000), '2h 10m');
  assert.equal(formatAge(3 * 86_400_000 + 4 * 3_600_000), '3d 4h');
  assert.equal(formatAge(-5), '0s');
});

test('the write gap says which side wrote later', () => {
  assert.equal(describeWriteGap(1_000, 1_120), 'remote written 120 ms later');
  assert.equal(describeWriteGap(3_500, 1_000), 'local written 2.5 s later');
  assert.equal(describeWriteGap(1_000, 1_000), 'written in the same millisecond');
  assert.equal(describeWriteGap(null, 1_000), null);
});

test('titles and links name the entity and the conflict', () => {
  assert.equal(conflictTitle('profile', 'u-1042'), 'profile u-1042');
  assert.equal(conflictHref(17), '/conflicts/17');
});

test('the winner is named relative to the detecting region', () => {
  const sides = { source_region: 'us-east', target_region: 'eu-west', pending: false };
  assert.equal(describeWinner({ ...sides, winner: 'eu-west' }), 'eu-west (local)');
  assert.equal(describeWinner({ ...sides, winner: 'us-east' }), 'us-east (remote)');
  assert.equal(describeWinner({ ...sides, winner: 'ap-south' }), 'ap-south (local version, written there and replicated to eu-west)', 'a region outside the pair is explained');
  assert.equal(describeWinner({ ...sides, winner: 'merged' }), 'merged');
  assert.equal(describeWinner({ ...sides, winner: null, pending: true }), 'pending');
});
