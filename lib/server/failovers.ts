import type { FailoverList, RegionHealth } from '@/lib/api/types';
import { failoverSeconds } from '@/lib/domain/failover';
import { remoteProbeSnapshot } from '@/lib/promql/health';
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

/**
 * Error rate and probe latency percentiles per region over the trailing window: from the
 * probe signal, or, in a dashboard whose probes run in an agent, from the backend.
 */
export async function regionHealth(runtime: Runtime, windowMs: number, now = Date.now()): Promise<RegionHealth> {
  const snapshot = runtime.remote && runtime.prom ? await remoteProbeSnapshot(runtime.prom, runtime.signals.probes.regions, windowMs, now) : runtime.signals.probes.snapshot(windowMs, now);
  const regions = snapshot.regions.map((region) => ({
    region: region.region,
    up: region.up,
    probes: region.probes,
    error_rate: region.errorRate,
    latency_seconds: region.latencySeconds,
    last_error: region.lastError,
  }));
  return { window_seconds: windowMs / 1000, regions, routes: snapshot.routes };
}
