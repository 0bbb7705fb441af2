import type { DivergenceOverview } from '@/lib/api/types';
import { canonicalPair, unorderedPairTitle } from './format';
import { divergenceCell, findCheck, type DivergenceCell, type DivergenceMatrixModel } from './matrix';

/** One dataset across all pairs, for the overview card and the matrix header. */
export interface DatasetSummary {
  dataset: string;
  pairCount: number;
  checkedPairs: number;
  divergentPairs: number;
  failedChecks: number;
  /**
   * Divergent entities summed over pairs. A row corrupted in one region differs on every
   * pair with that region, so it counts once per such pair; `worst` gives a lower bound.
   */
  divergentEntities: number;
  /** Pairs whose last check found rows in flight and nothing settled divergent. */
  inFlightPairs: number;
  /** Entities in flight summed over pairs, counted like `divergentEntities`. */
  unsettledEntities: number;
  /** Checked pairs whose verdict is no longer current (its labels carry their age). */
  notCurrentPairs: number;
  /** The pair with the most divergent entities, if any has one. */
  worst: DivergenceCell | null;
  /** The most recent check of the dataset on any pair, epoch ms. */
  lastCheckedAt: number | null;
}

/** Per dataset: how many pairs diverged, are in flight or failed, and how much. */
export function summariseDatasets(model: DivergenceMatrixModel): DatasetSummary[] {
  return model.datasets.map((dataset, datasetIndex) => {
    const cells = model.cells[datasetIndex];
    let worst: DivergenceCell | null = null;
    for (const cell of cells) if ((cell.count ?? 0) > 0 && (cell.count ?? 0) > (worst?.count ?? 0)) worst = cell;
    const checkedAt = cells.map((cell) => cell.checkedAt).filter((at): at is number => at !== null);
    return {
      dataset,
      pairCount: cells.length,
      checkedPairs: checkedAt.length,
      divergentPairs: cells.filter((cell) => (cell.count ?? 0) > 0).length,
      failedChecks: cells.filter((cell) => cell.state === 'failed').length,
      divergentEntities: cells.reduce((sum, cell) => sum + (cell.count ?? 0), 0),
      inFlightPairs: cells.filter((cell) => cell.state === 'in_flight').length,
      unsettledEntities: cells.reduce((sum, cell) => sum + (cell.unsettled ?? 0), 0),
      notCurrentPairs: cells.filter(isNotCurrent).length,
      worst,
      lastCheckedAt: checkedAt.length ? Math.max(...checkedAt) : null,
    };
  });
}

export interface MatrixTotals {
  cells: number;
  divergent: number;
  inFlight: number;
  failed: number;
  unchecked: number;
  /** Checked cells whose verdict is no longer current; failed checks are counted as failed only. */
  notCurrent: number;
}

/** The whole matrix in a few numbers, for a panel's one-line summary; every cell counts under one state. */
export function matrixTotals(model: DivergenceMatrixModel): MatrixTotals {
  const cells = model.cells.flat();
  return {
    cells: cells.length,
    divergent: cells.filter((cell) => cell.state === 'divergent').length,
    inFlight: cells.filter((cell) => cell.state === 'in_flight').length,
    failed: cells.filter((cell) => cell.state === 'failed').length,
    unchecked: cells.filter((cell) => cell.state === 'unchecked').length,
    notCurrent: cells.filter(isNotCurrent).length,
  };
}

function isNotCurrent(cell: DivergenceCell): boolean {
  return !cell.current && cell.state !== 'failed';
}

/**
 * The cells of one pair (in either order), one per dataset, for the pair page. A region
 * the divergence collector does not know simply has no checks.
 */
export function pairDivergence(overview: DivergenceOverview, regionA: string, regionB: string, nowMs: number): DivergenceCell[] {
  const [first, second] = canonicalPair(regionA, regionB);
  const pair = { regionA: first, regionB: second, title: unorderedPairTitle(first, second) };
  const datasets = [...new Set([...overview.datasets.map((dataset) => dataset.name), ...overview.checks.map((check) => check.dataset)])];
  return datasets.map((dataset) => divergenceCell(dataset, pair, findCheck(overview, dataset, first, second), nowMs));
}
