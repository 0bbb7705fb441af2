import type { ConflictMatrix } from '@/lib/api/types';
import type { LegendEntry } from '@/lib/heatmap/tone';
import { layoutPairGrid, pairHref, pairTitle, type HeatmapCell, type HeatmapModel } from '@/lib/heatmap/shape';
import { formatConflictCount, formatRate, formatWindow } from './format';

/**
 * Conflict-rate bands. Conflicts have no SLO to be over, so cells are not green/amber/red
 * but one sequential scale in half-decade steps per minute (1, 3, 10, 30), the same on
 * every page and every refresh; zero is neutral.
 */
export type RateTone = 'rate-none' | 'rate-1' | 'rate-2' | 'rate-3' | 'rate-4' | 'rate-5';

const RATE_BANDS: Array<{ tone: RateTone; below: number; label: string }> = [
  { tone: 'rate-1', below: 1, label: '< 1/min' },
  { tone: 'rate-2', below: 3, label: '1 – 3/min' },
  { tone: 'rate-3', below: 10, label: '3 – 10/min' },
  { tone: 'rate-4', below: 30, label: '10 – 30/min' },
  { tone: 'rate-5', below: Number.POSITIVE_INFINITY, label: '≥ 30/min' },
];

/** The band of a pair that saw `count` conflicts at `perMinute` over the window. */
export function conflictRateTone(count: number, perMinute: number): RateTone {
  // Any conflict is visible, even when the server's rate rounds to zero.
  if (!(count > 0)) return 'rate-none';
  return RATE_BANDS.find((band) => perMinute < band.below)!.tone;
}

/** The cells count conflicts over the window while their colour is a rate: the legend says both. */
export function conflictLegendCaption(windowSeconds: number): string {
  return `Number: conflicts in the last ${formatWindow(windowSeconds)}. Colour: conflicts per minute:`;
}

/** Legend for {@link conflictRateTone}'s bands. */
export function conflictRateLegend(): LegendEntry<RateTone>[] {
  return [{ tone: 'rate-none', label: 'none' }, ...RATE_BANDS.map(({ tone, label }) => ({ tone, label }))];
}

type ConflictCell = ConflictMatrix['cells'][number];

/**
 * Lays the conflict matrix out like the lag heatmap (one cell per ordered pair, rows are
 * the writing region). A pair the server did not list had no conflicts in the window.
 */
export function shapeConflictHeatmap(matrix: ConflictMatrix): HeatmapModel<RateTone> {
  const window = formatWindow(matrix.window_seconds);
  return layoutPairGrid(matrix.regions, matrix.cells, (sourceRegion, targetRegion, cell) =>
    conflictHeatmapCell(cell ?? { source_region: sourceRegion, target_region: targetRegion, count: 0, per_minute: 0 }, window),
  );
}

function conflictHeatmapCell(cell: ConflictCell, window: string): HeatmapCell<RateTone> {
  const { source_region: sourceRegion, target_region: targetRegion, count, per_minute: perMinute } = cell;
  return {
    sourceRegion,
    targetRegion,
    tone: conflictRateTone(count, perMinute),
    valueText: count.toLocaleString('en-US'),
    label: `${pairTitle(sourceRegion, targetRegion)}: ${formatConflictCount(count)} in ${window}`,
    details: [
      { term: `Conflicts (${window})`, value: count.toLocaleString('en-US') },
      { term: 'Rate', value: formatRate(perMinute) },
    ],
    href: pairHref(sourceRegion, targetRegion),
  };
}

/** Total conflicts in the window and how many pairs had any, for the panel header. */
export function conflictTotals(matrix: ConflictMatrix): { count: number; pairsWithConflicts: number } {
  let count = 0;
  let pairsWithConflicts = 0;
  for (const cell of matrix.cells) {
    if (cell.source_region === cell.target_region) continue;
    count += cell.count;
    if (cell.count > 0) pairsWithConflicts += 1;
  }
  return { count, pairsWithConflicts };
}

export interface PendingQueueSummary {
  total: number;
  /** Regions with work waiting, most first; ties by name. */
  regions: Array<{ region: string; pending: number }>;
  /** Regions with an empty queue. */
  clearRegions: string[];
}

/** Manual-queue depth per region from `pending_by_region`, regions in `matrix.regions` defaulting to 0. */
export function summarisePendingQueue(matrix: ConflictMatrix): PendingQueueSummary {
  const depths = new Map<string, number>(matrix.regions.map((region) => [region, 0]));
  for (const [region, pending] of Object.entries(matrix.pending_by_region)) depths.set(region, pending);
  const entries = [...depths].map(([region, pending]) => ({ region, pending }));
  const regions = entries.filter((entry) => entry.pending > 0).sort((a, b) => b.pending - a.pending || a.region.localeCompare(b.region));
  return {
    total: regions.reduce((sum, entry) => sum + entry.pending, 0),
    regions,
    clearRegions: entries.filter((entry) => entry.pending <= 0).map((entry) => entry.region),
  };
}
