import { z } from 'zod';
import { needsAttention, type DivergenceCell, type DivergenceMatrixModel } from './matrix';

/**
 * Pairs fit side by side up to this many (5 regions); beyond, the grid is transposed so
 * the pairs run down the page (190 rows at 20 regions) instead of off its side.
 */
export const MAX_PAIR_COLUMNS = 10;

/** From this many rows on, rows are drawn shorter and the grid scrolls in its own box. */
export const COMPACT_FROM_ROWS = 13;

export type Orientation = 'datasets-as-rows' | 'pairs-as-rows';

export interface GridColumn {
  key: string;
  /** Header text, one entry per line (`eu-west` / `↔ us-east`). */
  lines: string[];
  /** The header spelled out on one line, for titles. */
  title: string;
}

export interface GridRow {
  key: string;
  header: string;
  cells: DivergenceCell[];
}

export interface DivergenceGrid {
  orientation: Orientation;
  density: 'roomy' | 'compact';
  /** What the rows and columns are, for the corner cell: `dataset ↓ pair →`. */
  corner: { rows: string; columns: string };
  columns: GridColumn[];
  rows: GridRow[];
}

/** Datasets as rows while the pairs fit across; pairs as rows beyond that. */
export function chooseOrientation(model: DivergenceMatrixModel): Orientation {
  return model.pairs.length > MAX_PAIR_COLUMNS ? 'pairs-as-rows' : 'datasets-as-rows';
}

/** The matrix as rows and columns of cells, in the given orientation. */
export function layoutDivergenceGrid(model: DivergenceMatrixModel, orientation: Orientation = chooseOrientation(model)): DivergenceGrid {
  const pairColumns = model.pairs.map((pair) => ({ key: pair.title, lines: [pair.regionA, `↔ ${pair.regionB}`], title: pair.title }));
  const datasetColumns = model.datasets.map((dataset) => ({ key: dataset, lines: [dataset], title: dataset }));
  const rows: GridRow[] =
    orientation === 'datasets-as-rows'
      ? model.datasets.map((dataset, datasetIndex) => ({ key: dataset, header: dataset, cells: model.cells[datasetIndex] }))
      : model.pairs.map((pair, pairIndex) => ({ key: pair.title, header: pair.title, cells: model.cells.map((row) => row[pairIndex]) }));
  return {
    orientation,
    density: rows.length >= COMPACT_FROM_ROWS ? 'compact' : 'roomy',
    corner: orientation === 'datasets-as-rows' ? { rows: 'dataset', columns: 'pair' } : { rows: 'pair', columns: 'dataset' },
    columns: orientation === 'datasets-as-rows' ? pairColumns : datasetColumns,
    rows,
  };
}

/** Which pairs the matrix page shows; lives in `?show=`. */
export const PairFilter = z.enum(['all', 'attention']).catch('all');
export type PairFilter = z.infer<typeof PairFilter>;

/** Keeps only the pairs where some dataset diverged or failed to check (`?show=attention`). */
export function filterPairs(model: DivergenceMatrixModel, filter: PairFilter): DivergenceMatrixModel {
  if (filter === 'all') return model;
  const kept = model.pairs.map((_, pairIndex) => model.cells.some((row) => needsAttention(row[pairIndex])));
  return {
    datasets: model.datasets,
    pairs: model.pairs.filter((_, pairIndex) => kept[pairIndex]),
    cells: model.cells.map((row) => row.filter((_, pairIndex) => kept[pairIndex])),
  };
}

/** A cell position in the drawn grid. */
export interface MatrixPosition {
  row: number;
  column: number;
}

const STEPS: Record<string, MatrixPosition | undefined> = {
  ArrowUp: { row: -1, column: 0 },
  ArrowDown: { row: 1, column: 0 },
  ArrowLeft: { row: 0, column: -1 },
  ArrowRight: { row: 0, column: 1 },
};

/**
 * Where focus goes after a key press in a full rows × columns grid (WAI-ARIA grid
 * pattern): arrows move one cell, Home/End to the row's ends, Ctrl+Home/End to the
 * grid's corners, PageUp/PageDown ten rows. Null for keys the grid does not handle; the
 * current position when a move would leave the grid.
 */
export function nextMatrixPosition(current: MatrixPosition, key: string, rowCount: number, columnCount: number, ctrlKey = false): MatrixPosition | null {
  const lastRow = rowCount - 1;
  const lastColumn = columnCount - 1;
  if (key === 'Home') return ctrlKey ? { row: 0, column: 0 } : { row: current.row, column: 0 };
  if (key === 'End') return ctrlKey ? { row: lastRow, column: lastColumn } : { row: current.row, column: lastColumn };
  if (key === 'PageUp' || key === 'PageDown') {
    const row = current.row + (key === 'PageUp' ? -10 : 10);
    return { row: Math.min(lastRow, Math.max(0, row)), column: current.column };
  }
  const step = STEPS[key];
  if (!step) return null;
  const row = current.row + step.row;
  const column = current.column + step.column;
  return row >= 0 && row <= lastRow && column >= 0 && column <= lastColumn ? { row, column } : current;
}
