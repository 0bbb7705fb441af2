import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConflictMatrix } from '@/lib/api/types';
import type { HeatmapCell } from '@/lib/heatmap/shape';
import { conflictLegendCaption, conflictRateLegend, conflictRateTone, conflictTotals, shapeConflictHeatmap, summarisePendingQueue, type RateTone } from './heatmap';

function matrixOf(regions: string[], cells: ConflictMatrix['cells'], pending: Record<string, number> = {}): ConflictMatrix {
  return { at: 1_700_000_000_000, window_seconds: 300, regions, cells, pending_by_region: pending };
}

const cell = (source: string, target: string, count: number) => ({
  source_region: source,
  target_region: target,
  count,
  per_minute: count / 5,
});

const pairCells = (regions: string[], cells: ConflictMatrix['cells']) =>
  shapeConflictHeatmap(matrixOf(regions, cells)).rows.flatMap((row) => row.cells.filter((candidate): candidate is HeatmapCell<RateTone> => candidate !== null));

test('one cell per ordered pair, labelled with the count in the window', () => {
  const cells = pairCells(['us-east', 'eu-west', 'ap-south'], [cell('us-east', 'eu-west', 4), cell('eu-west', 'us-east', 1)]);
  assert.equal(cells.length, 6);
  assert.deepEqual(
    cells.slice(0, 3).map((candidate) => candidate.label),
    ['us-east → eu-west: 4 conflicts in 5m', 'us-east → ap-south: 0 conflicts in 5m', 'eu-west → us-east: 1 conflict in 5m'],
  );
});

test('a cell links to its pair page and explains itself in the tooltip', () => {
  const [first] = pairCells(['us-east', 'eu-west'], [cell('us-east', 'eu-west', 4)]);
  assert.equal(first.href, '/pairs/us-east/eu-west');
  assert.equal(first.valueText, '4');
  assert.deepEqual(first.details, [
    { term: 'Conflicts (5m)', value: '4' },
    { term: 'Rate', value: '0.8/min' },
  ]);
});

test('zero is neutral; the rest is banded in half-decades per minute', () => {
  assert.equal(conflictRateTone(0, 0), 'rate-none');
  assert.equal(conflictRateTone(2, 0.4), 'rate-1');
  assert.equal(conflictRateTone(5, 1), 'rate-2');
  assert.equal(conflictRateTone(31, 6.2), 'rate-3');
  assert.equal(conflictRateTone(60, 12), 'rate-4');
  assert.equal(conflictRateTone(900, 180), 'rate-5');
  // A count with a rate that rounds to zero still is not "none".
  assert.equal(conflictRateTone(1, 0), 'rate-1');
  assert.deepEqual(
    conflictRateLegend().map((entry) => entry.tone),
    ['rate-none', 'rate-1', 'rate-2', 'rate-3', 'rate-4', 'rate-5'],
  );
});

test('twenty regions still make n·(n−1) cells', () => {
  const regions = Array.from({ length: 20 }, (_, index) => `region-${index}`);
  assert.equal(pairCells(regions, []).length, 380);
});

test('totals count conflicts and the pairs that had any', () => {
  assert.deepEqual(conflictTotals(matrixOf(['a', 'b'], [cell('a', 'b', 4), cell('b', 'a', 0)])), { count: 4, pairsWithConflicts: 1 });
});

test('the pending queue lists regions with work first and the clear ones apart', () => {
  const summary = summarisePendingQueue(matrixOf(['us-east', 'eu-west', 'ap-south'], [], { 'eu-west': 2, 'ap-south': 5 }));
  assert.equal(summary.total, 7);
  assert.deepEqual(summary.regions, [
    { region: 'ap-south', pending: 5 },
    { region: 'eu-west', pending: 2 },
  ]);
  assert.deepEqual(summary.clearRegions, ['us-east']);
});

test('the legend says the number counts conflicts over the window while the colour is a rate', () => {
  assert.equal(conflictLegendCaption(300), 'Number: conflicts in the last 5m. Colour: conflicts per minute:');
});
