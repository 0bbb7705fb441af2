import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTickTime, timeTicks } from './time-ticks';

const at = (iso: string) => Date.parse(iso);

test('five minutes get ticks on whole minutes', () => {
  const { ticks, stepMs } = timeTicks(at('2025-01-01T10:00:20Z'), at('2025-01-01T10:05:20Z'), 0);
  assert.equal(stepMs, 60_000);
  assert.deepEqual(
    ticks.map((tick) => new Date(tick).toISOString().slice(11, 19)),
    ['10:01:00', '10:02:00', '10:03:00', '10:04:00', '10:05:00'],
  );
});

test('a day gets ticks every few hours', () => {
  const { ticks, stepMs } = timeTicks(at('2025-01-01T10:17:00Z'), at('2025-01-02T10:17:00Z'), 0);
  assert.equal(stepMs, 6 * 3_600_000);
  assert.equal(new Date(ticks[0]).toISOString(), '2025-01-01T12:00:00.000Z');
  assert.equal(ticks.length, 4);
});

test('a 30-day SLO window gets weekly ticks, not one a day', () => {
  const { ticks, stepMs } = timeTicks(at('2025-01-01T10:00:00Z'), at('2025-01-31T10:00:00Z'), 0);
  assert.equal(stepMs, 7 * 86_400_000);
  assert.equal(ticks.length, 5);
  assert.ok(
    ticks.every((tick) => new Date(tick).toISOString().endsWith('T00:00:00.000Z')),
    'each tick is a midnight',
  );
});

test('ticks are round in local time, not UTC', () => {
  const indiaOffsetMs = 5.5 * 3_600_000;
  const { ticks } = timeTicks(at('2025-01-01T00:00:00Z'), at('2025-01-01T01:00:00Z'), indiaOffsetMs, 1);
  // 05:30 local at the start; the first whole local hour is 06:00 local = 00:30Z.
  assert.equal(new Date(ticks[0]).toISOString(), '2025-01-01T00:30:00.000Z');
});

test('an empty or inverted range has no ticks', () => {
  assert.deepEqual(timeTicks(5, 5, 0).ticks, []);
  assert.deepEqual(timeTicks(10, 5, 0).ticks, []);
});

test('tick text is as precise as the spacing', () => {
  const atMs = at('2025-01-01T10:05:30Z');
  assert.match(formatTickTime(atMs, 10_000), /^\d\d:\d\d:\d\d$/);
  assert.match(formatTickTime(atMs, 5 * 60_000), /^\d\d:\d\d$/);
  assert.doesNotMatch(formatTickTime(atMs, 24 * 3_600_000), /:/);
});
