import { GTM_ROUTE_METRIC, PROBE_DURATION_METRIC, PROBE_FAILURES_METRIC, PROBES_METRIC, REGION_UP_METRIC } from '@/lib/metrics/names';
import type { ProbeSnapshot, RegionHealthSnapshot } from '@/lib/signals/probes';
import type { InstantSample, PromClient } from './client';

const QUANTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;

/**
 * Region health over the trailing window as the backend holds it: the probe counters'
 * increase, the latency percentiles of the probe histogram, the last `region_up` (down if
 * any copy says so) and the GTM's routes, for a dashboard whose probes run in an agent.
 *
 * Two differences from the probing process's own figures, both of the backend's making: the
 * percentiles are interpolated within histogram buckets and include failed probes' times, and
 * the counts are `increase()`'s extrapolation, rounded.
 */
export async function remoteProbeSnapshot(prom: PromClient, regions: readonly string[], windowMs: number, now: number): Promise<Pick<ProbeSnapshot, 'regions' | 'routes'>> {
  const range = `[${Math.round(windowMs / 1000)}s]`;
  const [probes, failures, up, routes, ...quantiles] = await Promise.all([
    prom.query(`sum by (region) (increase(${PROBES_METRIC}${range}))`, now),
    prom.query(`sum by (region) (increase(${PROBE_FAILURES_METRIC}${range}))`, now),
    prom.query(`min by (region) (${REGION_UP_METRIC})`, now),
    prom.query(`max by (geo, region) (${GTM_ROUTE_METRIC}) == 1`, now),
    ...Object.values(QUANTILES).map((q) => prom.query(`histogram_quantile(${q}, sum by (region, le) (increase(${PROBE_DURATION_METRIC}_bucket${range})))`, now)),
  ]);
  const byRegion = (samples: InstantSample[]) => new Map(samples.filter((sample) => Number.isFinite(sample.value)).map((sample) => [sample.labels.region, sample.value]));
  const [probed, failed, upNow] = [byRegion(probes), byRegion(failures), byRegion(up)];
  const percentiles = quantiles.map(byRegion);
  const health = regions.map((region): RegionHealthSnapshot => {
    const count = Math.round(probed.get(region) ?? 0);
    const [p50, p95, p99] = percentiles.map((values) => values.get(region));
    return {
      region,
      up: upNow.has(region) ? upNow.get(region) === 1 : null,
      probes: count,
      errorRate: count === 0 ? null : Math.min(1, Math.round(failed.get(region) ?? 0) / count),
      latencySeconds: p50 === undefined || p95 === undefined || p99 === undefined ? null : { p50, p95, p99 },
      // The backend holds counts, not the probes' error messages.
      lastError: null,
    };
  });
  const answers = new Map<string, string[]>();
  for (const { labels } of routes) if (labels.geo && labels.region) answers.set(labels.geo, [...(answers.get(labels.geo) ?? []), labels.region]);
  return {
    regions: health,
    routes: [...answers].sort(([a], [b]) => a.localeCompare(b)).map(([geo, answered]) => ({ geo, regions: answered.sort() })),
  };
}
