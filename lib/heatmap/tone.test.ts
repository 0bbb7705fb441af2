import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lagLegend, lagTone } from './tone';

test('lag well under the threshold is ok', () => {
  assert.equal(lagTone(0.082, 1), 'ok');
  assert.equal(lagTone(0.499, 1), 'ok');
});

test('lag from half the threshold is a warning', () => {
  assert.equal(lagTone(0.5, 1), 'warning');
  assert.equal(lagTone(0.999, 1), 'warning');
});

test('lag at or over the threshold is a breach', () => {
  assert.equal(lagTone(1, 1), 'breach');
  assert.equal(lagTone(30, 1), 'breach');
});

test('no estimate, or no usable threshold, is unknown', () => {
  assert.equal(lagTone(null, 1), 'unknown');
  assert.equal(lagTone(0.1, 0), 'unknown');
});

test('the legend states each band at the threshold in use', () => {
  assert.deepEqual(lagLegend(0.25), [
    { tone: 'ok', label: '< 125 ms' },
    { tone: 'warning', label: '125 ms – 250 ms' },
    { tone: 'breach', label: '≥ 250 ms (SLO)' },
    { tone: 'unknown', label: 'no data' },
  ]);
});
