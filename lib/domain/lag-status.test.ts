import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lagStatus } from './lag-status';

test('lag status bands: ok under half the threshold, warning up to it, breach at and over it', () => {
  assert.equal(lagStatus(0.49, 1), 'ok');
  assert.equal(lagStatus(0.5, 1), 'warning');
  assert.equal(lagStatus(0.999, 1), 'warning');
  assert.equal(lagStatus(1, 1), 'breach');
  assert.equal(lagStatus(null, 1), 'unknown');
});

test('a threshold of 0 (or none) classifies nothing: unknown, on the server and in the page alike', () => {
  assert.equal(lagStatus(0.2, 0), 'unknown');
  assert.equal(lagStatus(0.2, Number.NaN), 'unknown');
});
