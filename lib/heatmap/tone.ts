import { WARNING_RATIO, type LagStatus } from '@/lib/domain/lag-status';
import { formatLag } from './format';

/**
 * The colour bands (`tone-…` classes) the UI draws. They are the lag statuses, so a lag
 * cell is coloured by the `status` the API sent; budgets, failovers and collector health
 * reuse the same four bands.
 */
export type Tone = LagStatus;

/** One swatch of a heatmap legend; `TTone` as in `HeatmapCell`. */
export interface LegendEntry<TTone extends string = Tone> {
  tone: TTone;
  label: string;
}

/** Legend text for the lag status bands (lib/domain/lag-status) at a given threshold. */
export function lagLegend(thresholdSeconds: number): LegendEntry[] {
  const warningFrom = formatLag(thresholdSeconds * WARNING_RATIO);
  const threshold = formatLag(thresholdSeconds);
  return [
    { tone: 'ok', label: `< ${warningFrom}` },
    { tone: 'warning', label: `${warningFrom} – ${threshold}` },
    { tone: 'breach', label: `≥ ${threshold} (SLO)` },
    { tone: 'unknown', label: 'no data' },
  ];
}
