import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstCell, nextGridPosition } from './navigation';

test('arrows move one cell', () => {
  assert.deepEqual(nextGridPosition({ row: 0, column: 1 }, 'ArrowRight', 4), { row: 0, column: 2 });
  assert.deepEqual(nextGridPosition({ row: 1, column: 0 }, 'ArrowDown', 4), { row: 2, column: 0 });
});

test('arrows hop over the diagonal', () => {
  assert.deepEqual(nextGridPosition({ row: 2, column: 1 }, 'ArrowRight', 4), { row: 2, column: 3 });
  assert.deepEqual(nextGridPosition({ row: 0, column: 1 }, 'ArrowDown', 4), { row: 2, column: 1 });
  assert.deepEqual(nextGridPosition({ row: 1, column: 2 }, 'ArrowLeft', 4), { row: 1, column: 0 });
});

test('a move off the grid stays put', () => {
  assert.deepEqual(nextGridPosition({ row: 0, column: 3 }, 'ArrowRight', 4), { row: 0, column: 3 });
  assert.deepEqual(nextGridPosition({ row: 1, column: 0 }, 'ArrowUp', 2), { row: 1, column: 0 });
  // Hopping the diagonal from the corner would leave a 2×2 grid.
  assert.deepEqual(nextGridPosition({ row: 1, column: 0 }, 'ArrowRight', 2), { row: 1, column: 0 });
});

test('Home and End jump within the row, with Ctrl within the grid', () => {
  assert.deepEqual(nextGridPosition({ row: 0, column: 2 }, 'Home', 4), { row: 0, column: 1 });
  assert.deepEqual(nextGridPosition({ row: 3, column: 1 }, 'End', 4), { row: 3, column: 2 });
  assert.deepEqual(nextGridPosition({ row: 2, column: 1 }, 'End', 4, true), { row: 3, column: 2 });
  assert.deepEqual(nextGridPosition({ row: 2, column: 1 }, 'Home', 4, true), firstCell(0));
});

test('other keys are not the grid’s', () => {
  assert.equal(nextGridPosition({ row: 0, column: 1 }, 'Enter', 4), null);
});
