import type { LagCell, LagMatrix } from '@/lib/api/types';
import { NO_VALUE, formatBacklog, formatLag, formatLagWithBound } from './format';
import type { Tone } from './tone';

/**
 * One ordered region pair, ready to draw. `TTone` names the colour band (a CSS class
 * `tone-…`): lag bands by default, conflict-rate bands on the conflict heatmap.
 */
export interface HeatmapCell<TTone extends string = Tone> {
  sourceRegion: string;
  targetRegion: string;
  tone: TTone;
  /** Short text drawn inside the cell (`82 ms`, `—`). */
  valueText: string;
  /** Accessible name: `us-east → eu-west: 82 ms` or `us-east → eu-west: no data`. */
  label: string;
  /** Term/value lines for the hover tooltip. */
  details: Array<{ term: string; value: string }>;
  href: string;
}

export interface HeatmapRow<TTone extends string = Tone> {
  sourceRegion: string;
  /** One entry per target region, in column order; null on the diagonal. */
  cells: Array<HeatmapCell<TTone> | null>;
}

export interface HeatmapModel<TTone extends string = Tone> {
  /** Column (and row) order. */
  regions: string[];
  rows: HeatmapRow<TTone>[];
}

/** What every per-pair matrix cell from the API has. */
export interface PairCell {
  source_region: string;
  target_region: string;
}

/** How much fits in a cell: values are drawn in roomy and compact grids, only coloured in dense ones. */
export type HeatmapDensity = 'roomy' | 'compact' | 'dense';

/** Picks the density for a grid of `regionCount` × `regionCount`. */
export function heatmapDensity(regionCount: number): HeatmapDensity {
  if (regionCount <= 6) return 'roomy';
  if (regionCount <= 12) return 'compact';
  return 'dense';
}

/** `us-east → eu-west` (U+2192), the way every page names a pair. */
export function pairTitle(sourceRegion: string, targetRegion: string): string {
  return `${sourceRegion} → ${targetRegion}`;
}

/** The pair page every cell links to. */
export function pairHref(sourceRegion: string, targetRegion: string): string {
  return `/pairs/${encodeURIComponent(sourceRegion)}/${encodeURIComponent(targetRegion)}`;
}

/**
 * Lays a lag matrix out as rows (sources) × columns (targets) in the order of
 * `matrix.regions`; see {@link layoutPairGrid}. A pair the server has not reported yet
 * is drawn as "no data".
 */
export function shapeLagHeatmap(matrix: LagMatrix): HeatmapModel {
  return layoutPairGrid(matrix.regions, matrix.cells, (sourceRegion, targetRegion, lagCell) => lagHeatmapCell(lagCell ?? missingCell(sourceRegion, targetRegion), matrix.threshold_seconds));
}

/**
 * The grid layout every region-pair heatmap shares: rows (sources) × columns (targets)
 * in the order of `regions`, regions that only appear in cells appended rather than
 * dropped, the diagonal empty. `drawCell` gets the pair's cell, or undefined when the
 * server did not report it, so the grid always has exactly n·(n−1) cells.
 */
export function layoutPairGrid<TCell extends PairCell, TTone extends string>(
  regions: readonly string[],
  cells: readonly TCell[],
  drawCell: (sourceRegion: string, targetRegion: string, cell: TCell | undefined) => HeatmapCell<TTone>,
): HeatmapModel<TTone> {
  const order = orderedRegions(regions, cells);
  const cellsByPair = new Map(cells.map((cell) => [pairKey(cell.source_region, cell.target_region), cell]));
  const rows = order.map((sourceRegion) => ({
    sourceRegion,
    cells: order.map((targetRegion) => (sourceRegion === targetRegion ? null : drawCell(sourceRegion, targetRegion, cellsByPair.get(pairKey(sourceRegion, targetRegion))))),
  }));
  return { regions: order, rows };
}

/**
 * One lag cell as drawn: colour from the status the API classified (not re-derived here,
 * so page and API cannot disagree), text and tooltip from the estimate and threshold.
 */
export function lagHeatmapCell(cell: LagCell, thresholdSeconds: number): HeatmapCell {
  const { source_region: sourceRegion, target_region: targetRegion, lag_seconds: lagSeconds } = cell;
  const title = pairTitle(sourceRegion, targetRegion);
  return {
    sourceRegion,
    targetRegion,
    tone: cell.status,
    valueText: formatLag(lagSeconds),
    label: `${title}: ${lagSeconds === null ? 'no data' : formatLag(lagSeconds)}`,
    details: [
      { term: 'Lag', value: formatLagWithBound(lagSeconds, cell.error_bound_seconds) },
      { term: 'Backlog', value: formatBacklog(cell.backlog) },
      { term: 'SLO threshold', value: thresholdSeconds > 0 ? formatLag(thresholdSeconds) : NO_VALUE },
    ],
    href: pairHref(sourceRegion, targetRegion),
  };
}

function orderedRegions(listed: readonly string[], cells: readonly PairCell[]): string[] {
  const regions = [...new Set(listed)];
  const known = new Set(regions);
  for (const cell of cells) {
    for (const region of [cell.source_region, cell.target_region]) {
      if (!known.has(region)) {
        known.add(region);
        regions.push(region);
      }
    }
  }
  return regions;
}

function missingCell(sourceRegion: string, targetRegion: string): LagCell {
  return {
    source_region: sourceRegion,
    target_region: targetRegion,
    lag_seconds: null,
    error_bound_seconds: null,
    status: 'unknown',
    backlog: null,
  };
}

function pairKey(sourceRegion: string, targetRegion: string): string {
  return `${sourceRegion}\u0000${targetRegion}`;
}

/** How many pairs are in each tone, for a panel's one-line summary. */
export function toneCounts(model: HeatmapModel): Record<Tone, number> {
  const counts: Record<Tone, number> = { ok: 0, warning: 0, breach: 0, unknown: 0 };
  for (const row of model.rows) {
    for (const cell of row.cells) if (cell) counts[cell.tone] += 1;
  }
  return counts;
}
