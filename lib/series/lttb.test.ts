import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lttb, type Point } from './lttb';

const series = (count: number, value: (index: number) => number): Point[] => Array.from({ length: count }, (_, index) => [index * 1000, value(index)]);

test('returns exactly the requested number of points, first and last kept', () => {
  const points = series(10_000, (index) => Math.sin(index / 50));
  const sampled = lttb(points, 500);
  assert.equal(sampled.length, 500);
  assert.deepEqual(sampled[0], points[0]);
  assert.deepEqual(sampled.at(-1), points.at(-1));
});

test('timestamps stay strictly increasing', () => {
  const sampled = lttb(
    series(5000, (index) => (index * 7919) % 101),
    300,
  );
  for (let index = 1; index < sampled.length; index++) assert.ok(sampled[index][0] > sampled[index - 1][0]);
});

test('a single spike survives downsampling', () => {
  const points = series(100_000, () => 0.08);
  points[54_321] = [54_321_000, 9.5];
  const sampled = lttb(points, 200);
  assert.ok(
    sampled.some(([, value]) => value === 9.5),
    'the 9.5 s spike must be kept',
  );
});

test('fewer points than the threshold are returned unchanged', () => {
  const points = series(10, (index) => index);
  assert.deepEqual(lttb(points, 100), points);
  assert.deepEqual(lttb([], 100), []);
});

test('thresholds of 2 or less keep only the ends', () => {
  const points = series(50, (index) => index);
  assert.deepEqual(lttb(points, 2), [points[0], points[49]]);
  assert.deepEqual(lttb(points, 1), [points[0]]);
});
