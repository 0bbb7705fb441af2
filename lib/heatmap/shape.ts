import type { LagCell, LagMatrix } from '@/lib/api/types';
import { NO_VALUE, formatBacklog, formatLag, formatLagWithBound } from './format';
import { lagTone, type Tone } from './tone';

/** One ordered region pair, ready to draw. */
export interface HeatmapCell {
  sourceRegion: string;
  targetRegion: string;
  tone: Tone;
  /** Short text drawn inside the cell (`82 ms`, `—`). */
  valueText: string;
  /** Accessible name: `us-east → eu-west: 82 ms` or `us-east → eu-west: no data`. */
  label: string;
  /** Term/value lines for the hover tooltip. */
  details: Array<{ term: string; value: string }>;
  href: string;
}

export interface HeatmapRow {
  sourceRegion: string;
  /** One entry per target region, in column order; null on the diagonal. */
  cells: Array<HeatmapCell | null>;
}

export interface HeatmapModel {
  /** Column (and row) order. */
  regions: string[];
  rows: HeatmapRow[];
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
 * `matrix.regions`. Regions that only appear in cells are appended rather than dropped,
 * and a pair the server has not reported yet is drawn as "no data", so the grid always
 * has exactly n·(n−1) cells.
 */
export function shapeLagHeatmap(matrix: LagMatrix): HeatmapModel {
  const regions = orderedRegions(matrix);
  const cellsByPair = new Map(matrix.cells.map((cell) => [pairKey(cell.source_region, cell.target_region), cell]));
  const rows = regions.map((sourceRegion) => ({
    sourceRegion,
    cells: regions.map((targetRegion) => {
      if (sourceRegion === targetRegion) return null;
      const lagCell = cellsByPair.get(pairKey(sourceRegion, targetRegion)) ?? missingCell(sourceRegion, targetRegion);
      return lagHeatmapCell(lagCell, matrix.threshold_seconds);
    }),
  }));
  return { regions, rows };
}

/** One lag cell as drawn: colour from the threshold, text and tooltip from the estimate. */
export function lagHeatmapCell(cell: LagCell, thresholdSeconds: number): HeatmapCell {
  const { source_region: sourceRegion, target_region: targetRegion, lag_seconds: lagSeconds } = cell;
  const title = pairTitle(sourceRegion, targetRegion);
  return {
    sourceRegion,
    targetRegion,
    tone: lagTone(lagSeconds, thresholdSeconds),
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

function orderedRegions(matrix: LagMatrix): string[] {
  const regions = [...new Set(matrix.regions)];
  const known = new Set(regions);
  for (const cell of matrix.cells) {
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
