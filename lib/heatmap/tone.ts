import { formatLag } from './format';

/** How a lag compares with the SLO threshold; drives cell colour and legend. */
export type Tone = 'ok' | 'warning' | 'breach' | 'unknown';

/** From this fraction of the threshold on, a lag is "approaching" it. */
export const WARNING_RATIO = 0.5;

/**
 * Classifies a lag against the lag SLO threshold: under half of it is ok, from half
 * up to the threshold is a warning, at or over it a breach; no estimate is unknown.
 */
export function lagTone(lagSeconds: number | null, thresholdSeconds: number): Tone {
  if (lagSeconds === null || !Number.isFinite(lagSeconds)) return 'unknown';
  if (!(thresholdSeconds > 0)) return 'unknown';
  if (lagSeconds >= thresholdSeconds) return 'breach';
  if (lagSeconds >= thresholdSeconds * WARNING_RATIO) return 'warning';
  return 'ok';
}

/** One swatch of a heatmap legend; `TTone` as in `HeatmapCell`. */
export interface LegendEntry<TTone extends string = Tone> {
  tone: TTone;
  label: string;
}

/** Legend text for {@link lagTone}'s bands at a given threshold. */
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
