import type { FailoverList, RegionHealth } from '@/lib/api/types';
import { failoverSeconds } from '@/collectors/failover/tracker';
import type { Runtime } from './runtime';

export function failoverList(runtime: Runtime, from?: number, to?: number): FailoverList {
  const items = runtime.failoverStore.list(from, to).map((failover) => ({
    id: failover.id,
    region: failover.region,
    geos: failover.geos,
    detected_at: failover.detectedAt,
    rerouted_at: failover.reroutedAt,
    recovered_at: failover.recoveredAt,
    failback_at: failover.failbackAt,
    duration_seconds: failoverSeconds(failover),
    to_regions: failover.toRegions,
  }));
  return { items };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Error rate and probe latency percentiles per region over the trailing window. */
export function regionHealth(runtime: Runtime, windowMs: number, now = Date.now()): RegionHealth {
  const regions = runtime.config.regions.map(({ name }) => {
    const probes = runtime.probes.probesSince(name, now - windowMs);
    const latencies = probes.filter((probe) => probe.up).map((probe) => probe.seconds).sort((a, b) => a - b);
    const failures = probes.filter((probe) => !probe.up);
    return {
      region: name,
      up: probes.length === 0 ? null : probes[probes.length - 1].up,
      probes: probes.length,
      error_rate: probes.length === 0 ? null : failures.length / probes.length,
      latency_seconds: latencies.length === 0 ? null : { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), p99: quantile(latencies, 0.99) },
      last_error: failures.at(-1)?.error ?? null,
    };
  });
  const routes = [...runtime.probes.currentRoutes()].map(([geo, answers]) => ({ geo, regions: [...answers].sort() }));
  return { window_seconds: windowMs / 1000, regions, routes };
}
