import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DivergenceOverview } from '@/lib/api/types';
import { chooseOrientation, filterPairs, layoutDivergenceGrid, nextMatrixPosition } from './grid';
import { shapeDivergenceMatrix } from './matrix';

const NOW = 1_700_000_000_000;
const dataset = (name: string) => ({ name, table: name, key: ['id'], columns: ['v'] });
const regions = (count: number) => Array.from({ length: count }, (_, index) => `region-${String(index).padStart(2, '0')}`);

function overviewOf(regionNames: string[], datasets = ['users']): DivergenceOverview {
  return { datasets: datasets.map(dataset), regions: regionNames, checks: [] };
}

test('a few pairs run across the page, datasets down', () => {
  const model = shapeDivergenceMatrix(overviewOf(['r1', 'r2', 'r3'], ['users', 'orders']), NOW);
  const grid = layoutDivergenceGrid(model);
  assert.equal(grid.orientation, 'datasets-as-rows');
  assert.deepEqual(
    grid.rows.map((row) => row.header),
    ['users', 'orders'],
  );
  assert.deepEqual(
    grid.columns.map((column) => column.lines),
    [
      ['r1', '↔ r2'],
      ['r1', '↔ r3'],
      ['r2', '↔ r3'],
    ],
  );
  assert.equal(grid.rows[1].cells[2].label, 'orders: r2 ↔ r3: not checked yet');
  assert.equal(grid.density, 'roomy');
});

test('twenty regions are transposed: 190 pair rows, one column per dataset, compact', () => {
  const model = shapeDivergenceMatrix(overviewOf(regions(20), ['users', 'orders']), NOW);
  assert.equal(chooseOrientation(model), 'pairs-as-rows');
  const grid = layoutDivergenceGrid(model);
  assert.equal(grid.rows.length, 190);
  assert.deepEqual(
    grid.columns.map((column) => column.title),
    ['users', 'orders'],
  );
  assert.equal(grid.rows[0].header, 'region-00 ↔ region-01');
  assert.equal(grid.rows[0].cells[1].label, 'orders: region-00 ↔ region-01: not checked yet');
  assert.equal(grid.density, 'compact');
  assert.equal(grid.rows.flatMap((row) => row.cells).length, 380);
});

test('five regions still fit across; six do not', () => {
  assert.equal(chooseOrientation(shapeDivergenceMatrix(overviewOf(regions(5)), NOW)), 'datasets-as-rows');
  assert.equal(chooseOrientation(shapeDivergenceMatrix(overviewOf(regions(6)), NOW)), 'pairs-as-rows');
});

test('the attention filter keeps pairs where any dataset diverged or failed, not those merely in flight', () => {
  const overview = overviewOf(['r1', 'r2', 'r3'], ['users', 'orders']);
  const base = { checked_at: NOW, age_seconds: 0, current: true, unsettled_entities: 0, rows_a: 1, rows_b: 1, duration_seconds: 0, round_trips: 0, bytes: 0 };
  overview.checks = [
    { ...base, dataset: 'users', region_a: 'r1', region_b: 'r2', divergent_entities: 0, unsettled_entities: 7, verdict: 'in_flight', error: null },
    { ...base, dataset: 'orders', region_a: 'r1', region_b: 'r3', divergent_entities: 0, verdict: 'clean', error: 'timeout' },
    { ...base, dataset: 'users', region_a: 'r2', region_b: 'r3', divergent_entities: 4, verdict: 'divergent', error: null },
  ];
  const model = shapeDivergenceMatrix(overview, NOW);
  assert.equal(filterPairs(model, 'all'), model);
  const filtered = filterPairs(model, 'attention');
  assert.deepEqual(
    filtered.pairs.map((pair) => pair.title),
    ['r1 ↔ r3', 'r2 ↔ r3'],
  );
  assert.deepEqual(
    filtered.cells.map((row) => row.map((cell) => cell.state)),
    [
      ['unchecked', 'divergent'],
      ['failed', 'unchecked'],
    ],
  );
});

test('grid cells carry the in-flight words in their labels, whichever way the grid is laid out', () => {
  const overview = overviewOf(regions(6));
  overview.checks = [
    {
      dataset: 'users',
      region_a: 'region-00',
      region_b: 'region-01',
      checked_at: NOW - 4_000,
      age_seconds: 4,
      current: false,
      divergent_entities: 0,
      unsettled_entities: 12,
      verdict: 'in_flight',
      rows_a: 1,
      rows_b: 1,
      duration_seconds: 0,
      round_trips: 0,
      bytes: 0,
      error: null,
    },
  ];
  const grid = layoutDivergenceGrid(shapeDivergenceMatrix(overview, NOW));
  assert.equal(grid.orientation, 'pairs-as-rows');
  const [cell] = grid.rows[0].cells;
  assert.equal(cell.label, 'users: region-00 ↔ region-01: 12 in flight as of 4s ago');
  assert.deepEqual([cell.state, cell.tone], ['in_flight', 'stale']);
});

test('arrow keys move within a rectangular grid and stop at its edges', () => {
  assert.deepEqual(nextMatrixPosition({ row: 0, column: 0 }, 'ArrowRight', 2, 3), { row: 0, column: 1 });
  assert.deepEqual(nextMatrixPosition({ row: 0, column: 2 }, 'ArrowRight', 2, 3), { row: 0, column: 2 });
  assert.deepEqual(nextMatrixPosition({ row: 1, column: 1 }, 'ArrowUp', 2, 3), { row: 0, column: 1 });
  assert.deepEqual(nextMatrixPosition({ row: 1, column: 1 }, 'Home', 2, 3), { row: 1, column: 0 });
  assert.deepEqual(nextMatrixPosition({ row: 0, column: 0 }, 'End', 2, 3, true), { row: 1, column: 2 });
  assert.deepEqual(nextMatrixPosition({ row: 3, column: 0 }, 'PageDown', 190, 1), { row: 13, column: 0 });
  assert.deepEqual(nextMatrixPosition({ row: 3, column: 0 }, 'PageUp', 190, 1), { row: 0, column: 0 });
  assert.equal(nextMatrixPosition({ row: 0, column: 0 }, 'Enter', 2, 3), null);
});
