import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { failoverSeconds, type Failover, type ProbeResult } from '@/lib/domain/failover';
import type { ProbeSignal } from '@/lib/signals/probes';
import { orderedPairs } from '@/lib/domain/region';
import { GTM_ROUTE_METRIC, PROBE_DURATION_METRIC, PROBE_FAILURES_METRIC, PROBES_METRIC, REGION_UP_METRIC } from './names';

const PROBE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const FAILOVER_BUCKETS = [1, 2, 5, 10, 15, 20, 30, 45, 60, 120, 300, 600];

/** Buckets with every SLO threshold added, so SLIs can be read off the histogram exactly. */
export const withThresholds = (buckets: number[], thresholds: number[]) => [...new Set([...buckets, ...thresholds])].sort((a, b) => a - b);

/** Region health, GTM routing and failover metrics. */
export function registerProbeMetrics(registers: Registry[], failoverThresholds: number[], signal: () => ProbeSignal | null) {
  new Gauge({
    name: REGION_UP_METRIC,
    help: "Whether the region's health endpoint answered 2xx to the last probe.",
    labelNames: ['region'],
    registers,
    collect() {
      this.reset();
      for (const [region, up] of signal()?.current().up ?? []) this.set({ region }, up ? 1 : 0);
    },
  });
  new Gauge({
    name: GTM_ROUTE_METRIC,
    help: '1 for each region the GTM answered for the geo in the last probe cycle.',
    labelNames: ['geo', 'region'],
    registers,
    collect() {
      this.reset();
      for (const { geo, regions } of signal()?.current().routes ?? []) for (const region of regions) this.set({ geo, region }, 1);
    },
  });
  new Counter({
    name: 'regionwatch_failovers_total',
    help: 'Completed failovers (traffic rerouted away from a failed region), by where traffic went.',
    labelNames: ['from_region', 'to_region'],
    registers,
    collect() {
      this.reset();
      // Every pair exists from the start at 0, so increase() also sees a pair's first failover.
      for (const labels of failoverPairs(signal())) this.inc(labels, 0);
      for (const failover of signal()?.current().failovers ?? []) {
        for (const to of failover.reroutedAt === null ? [] : failover.toRegions) this.inc({ from_region: failover.region, to_region: to });
      }
    },
  });
  const duration = new Histogram({
    name: 'regionwatch_failover_duration_seconds',
    help: 'Time from detecting a failed region to every geo it served resolving to healthy regions.',
    labelNames: ['from_region', 'to_region'],
    buckets: withThresholds(FAILOVER_BUCKETS, failoverThresholds),
    registers,
    collect() {
      // Zeroed once per pair before its first observation, never after (zero() would erase it).
      for (const labels of failoverPairs(signal())) {
        const key = `${labels.from_region}->${labels.to_region}`;
        if (!timedPairs.has(key)) this.zero(labels);
        timedPairs.add(key);
      }
    },
  });
  const timedPairs = new Set<string>();
  const probeDuration = new Histogram({ name: PROBE_DURATION_METRIC, help: 'Health probe round trip.', labelNames: ['region'], buckets: PROBE_BUCKETS, registers });
  const probes = new Counter({ name: PROBES_METRIC, help: 'Health probes sent.', labelNames: ['region'], registers });
  const failures = new Counter({ name: PROBE_FAILURES_METRIC, help: 'Health probes that failed (error, timeout or non-2xx).', labelNames: ['region'], registers });
  return {
    observeProbe(result: ProbeResult) {
      probes.inc({ region: result.region });
      probeDuration.observe({ region: result.region }, result.seconds);
      // Incremented by 0 on success too, so the series exists and failure ratios are never "no data".
      failures.inc({ region: result.region }, result.up ? 0 : 1);
    },
    observeFailover(failover: Failover) {
      const seconds = failoverSeconds(failover);
      if (seconds === null) return;
      for (const to of failover.toRegions) {
        timedPairs.add(`${failover.region}->${to}`);
        duration.observe({ from_region: failover.region, to_region: to }, seconds);
      }
    },
  };
}

/** Every ordered pair of configured regions, as failover labels. */
function failoverPairs(signal: ProbeSignal | null): { from_region: string; to_region: string }[] {
  return orderedPairs(signal?.regions ?? []).map(([from, to]) => ({ from_region: from, to_region: to }));
}
