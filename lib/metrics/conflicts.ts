import { CONFLICTS_METRIC, PENDING_METRIC } from './names';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ConflictSignal } from '@/lib/signals/conflicts';
import type { Resolution } from '@/lib/api/conflicts';
import { withThresholds } from './probes';

/** Seconds from detection to resolution: automatic policies resolve at once, the manual queue takes minutes to days. */
const RESOLUTION_BUCKETS = [0.001, 0.01, 0.1, 1, 5, 30, 60, 300, 900, 3600, 14_400, 86_400];

/**
 * Conflict and ownership metrics, read at scrape time from the conflict signal, whose counts
 * the embedded store keeps: they continue across restarts exactly where they were.
 */
export function registerConflictMetrics(registers: Registry[], resolutionThresholds: number[], conflicts: () => ConflictSignal | null) {
  new Counter({
    name: CONFLICTS_METRIC,
    help: 'Write conflicts detected, by the region that wrote the incoming version (source) and the region that resolved it (target).',
    labelNames: ['source_region', 'target_region', 'entity_type', 'resolution'],
    registers,
    collect() {
      this.reset();
      for (const { count, ...labels } of conflicts()?.snapshot().counts ?? []) this.inc(labels, count);
    },
  });
  new Gauge({
    name: PENDING_METRIC,
    help: 'Conflicts waiting in the manual reconciliation queue, by the region holding them.',
    labelNames: ['region'],
    registers,
    collect() {
      this.reset();
      for (const [region, count] of Object.entries(conflicts()?.snapshot().pendingByRegion ?? {})) this.set({ region }, count);
    },
  });
  new Counter({
    name: 'regionwatch_ownership_violations_total',
    help: "Writes accepted outside what their domain's rollout mode allows.",
    labelNames: ['domain', 'home_region', 'write_region'],
    registers,
    collect() {
      this.reset();
      for (const { count, ...labels } of conflicts()?.snapshot().violations ?? []) this.inc(labels, count);
    },
  });
  const resolution = new Histogram({
    name: 'regionwatch_conflict_resolution_seconds',
    help: 'Time from detecting a conflict to resolving it.',
    labelNames: ['entity_type', 'resolution'],
    buckets: withThresholds(RESOLUTION_BUCKETS, resolutionThresholds),
    registers,
  });
  return {
    observeResolution: (entityType: string, resolutionKind: Resolution, seconds: number) => resolution.observe({ entity_type: entityType, resolution: resolutionKind }, seconds),
  };
}
