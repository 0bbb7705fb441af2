import { NO_VALUE, formatLag } from '@/lib/heatmap/format';
import type { Tone } from '@/lib/heatmap/tone';

/** Probe latency percentiles in seconds, as `GET /api/regions/health` reports them. */
export interface LatencyPercentiles {
  p50: number;
  p95: number;
  p99: number;
}

/**
 * `5 / 38 / 827 ms` when all three are under a second (one unit, so the column stays
 * narrow); otherwise each with its own unit: `12 ms / 1.20 s / 2.00 s`.
 */
export function formatLatencies(latency: LatencyPercentiles | null): string {
  if (latency === null) return NO_VALUE;
  const values = [latency.p50, latency.p95, latency.p99];
  if (values.every((seconds) => Math.round(seconds * 1000) < 1000)) {
    return `${values.map((seconds) => (seconds < 0.0005 ? '<1' : String(Math.round(seconds * 1000)))).join(' / ')} ms`;
  }
  return values.map(formatLag).join(' / ');
}

/** Share of failed probes: `0 %`, `<0.1 %`, `4.3 %`, `44 %`; unknown (no probes yet) as `—`. */
export function formatErrorRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return NO_VALUE;
  const percent = rate * 100;
  if (percent === 0) return '0 %';
  if (percent < 0.1) return '<0.1 %';
  if (percent < 10) return `${percent.toFixed(1)} %`;
  return `${Math.round(percent)} %`;
}

/** At this share of failed probes a region is shown as failing: a 30 s outage in a 5 m window. */
export const ERROR_RATE_BREACH = 0.1;

/** Any failed probe is worth a look; a tenth of them means the region was down for a while. */
export function errorRateTone(rate: number | null): Tone {
  if (rate === null || !Number.isFinite(rate)) return 'unknown';
  if (rate >= ERROR_RATE_BREACH) return 'breach';
  return rate > 0 ? 'warning' : 'ok';
}

/** A wall-clock span in ms the way lag reads (`2.00 s`, `3m 05s`); negative spans are clock noise, shown as 0. */
export function formatSpan(spanMs: number | null): string {
  if (spanMs === null) return NO_VALUE;
  return formatLag(Math.max(0, spanMs) / 1000);
}

/** `r2`, `r2 and r3`, `r2, r3 and r4`. */
export function listRegions(regions: readonly string[]): string {
  if (regions.length <= 1) return regions[0] ?? NO_VALUE;
  return `${regions.slice(0, -1).join(', ')} and ${regions[regions.length - 1]}`;
}

/** `1 failover`, `12 failovers`. */
export function formatFailoverCount(count: number): string {
  return `${count.toLocaleString('en-US')} failover${count === 1 ? '' : 's'}`;
}
