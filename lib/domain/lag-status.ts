import type { SloConfig } from '@/lib/config/schema';

/** How a lag compares with the lag SLO threshold: drives the API's `status`, cell colours and legends. */
export type LagStatus = 'ok' | 'warning' | 'breach' | 'unknown';

/** From this share of the threshold on, a lag is a warning ("approaching"). */
export const WARNING_RATIO = 0.5;

/**
 * The one classification of a lag: under half the threshold is ok, from half up to the
 * threshold a warning, at or over it a breach. No estimate, or no usable threshold, is unknown.
 */
export function lagStatus(lagSeconds: number | null, thresholdSeconds: number): LagStatus {
  if (lagSeconds === null || !Number.isFinite(lagSeconds)) return 'unknown';
  if (!(thresholdSeconds > 0)) return 'unknown';
  if (lagSeconds >= thresholdSeconds) return 'breach';
  return lagSeconds >= thresholdSeconds * WARNING_RATIO ? 'warning' : 'ok';
}

/** The lag threshold when no replication_lag SLO names one. */
export const DEFAULT_LAG_THRESHOLD_SECONDS = 1;

/**
 * The one lag threshold: the first replication_lag SLO's, else the default. Statuses, heatmap
 * colours, incident detection, generated alerts and Grafana thresholds all use it.
 */
export function lagThresholdSeconds(slos: readonly SloConfig[]): number {
  const threshold = slos.find((slo) => slo.sli.kind === 'replication_lag')?.sli.threshold;
  return threshold === undefined ? DEFAULT_LAG_THRESHOLD_SECONDS : threshold / 1000;
}
