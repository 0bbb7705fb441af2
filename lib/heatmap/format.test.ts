import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBacklog, formatLag, formatLagTick, formatLagWithBound, formatOffset, lagAxisUnit } from './format';

test('sub-second lags are whole milliseconds', () => {
  assert.equal(formatLag(0.082), '82 ms');
  assert.equal(formatLag(0), '0 ms');
  assert.equal(formatLag(0.0004), '0 ms');
  assert.equal(formatLag(-0.0004), '0 ms');
});

test('lags of a second or more are seconds, then minutes, then hours', () => {
  assert.equal(formatLag(0.9996), '1.00 s');
  assert.equal(formatLag(1.25), '1.25 s');
  assert.equal(formatLag(12.44), '12.4 s');
  assert.equal(formatLag(185), '3m 05s');
  assert.equal(formatLag(7800), '2h 10m');
});

test('unknown lag is a dash', () => {
  assert.equal(formatLag(null), '—');
  assert.equal(formatLag(Number.NaN), '—');
});

test('negative estimates keep their sign', () => {
  assert.equal(formatLag(-0.012), '-12 ms');
});

test('the error bound follows the lag when known', () => {
  assert.equal(formatLagWithBound(0.082, 0.004), '82 ms ± 4 ms');
  assert.equal(formatLagWithBound(0.082, null), '82 ms');
  assert.equal(formatLagWithBound(null, 0.004), '—');
});

test('clock offsets are signed', () => {
  assert.equal(formatOffset(0.3), '+300 ms');
  assert.equal(formatOffset(-0.4), '-400 ms');
  assert.equal(formatOffset(0), '0 ms');
  assert.equal(formatOffset(null), '—');
});

test('backlog counts heartbeats', () => {
  assert.equal(formatBacklog(1), '1 heartbeat');
  assert.equal(formatBacklog(12), '12 heartbeats');
  assert.equal(formatBacklog(null), '—');
});

test('the axis switches to seconds once values reach one second', () => {
  assert.equal(lagAxisUnit(0.4), 'ms');
  assert.equal(lagAxisUnit(1), 's');
  assert.equal(formatLagTick(0.25, 'ms'), '250 ms');
  assert.equal(formatLagTick(1.5, 's'), '1.5 s');
  assert.equal(formatLagTick(2, 's'), '2 s');
});
