import type { SloConfig } from '@/lib/config/schema';
import { failoverSeconds, type Failover, type ProbeResult } from '@/lib/domain/failover';

/** Cumulative good and total events of one SLI since the process started. */
export interface SliCount {
  good: number;
  total: number;
}

/**
 * Event counts for every SLO, fed by the same observations as the exported histograms and
 * counters, so regionwatch's own burn rates agree with what Prometheus computes from them.
 */
export class SliCounters {
  private readonly counts = new Map<string, SliCount>();

  constructor(private readonly slos: SloConfig[]) {
    for (const slo of slos) this.counts.set(slo.name, { good: 0, total: 0 });
  }

  observeLag(source: string, target: string, seconds: number): void {
    for (const slo of this.of('replication_lag')) {
      if ((slo.sli.source && slo.sli.source !== source) || (slo.sli.target && slo.sli.target !== target)) continue;
      this.add(slo, seconds <= thresholdSeconds(slo));
    }
  }

  observeProbe({ region, up }: ProbeResult): void {
    for (const slo of this.of('availability')) {
      if (slo.sli.target && slo.sli.target !== region) continue;
      this.add(slo, up);
    }
  }

  observeFailover(failover: Failover): void {
    const seconds = failoverSeconds(failover);
    if (seconds === null) return;
    for (const slo of this.of('failover_time')) this.add(slo, seconds <= thresholdSeconds(slo));
  }

  observeResolution(_entityType: string, _resolution: string, seconds: number): void {
    for (const slo of this.of('conflict_resolution')) this.add(slo, seconds <= thresholdSeconds(slo));
  }

  /** Divergence checks are counted by their collector; this copies its cumulative totals. */
  setDivergence(checks: number, diverged: number): void {
    for (const slo of this.of('divergence')) this.counts.set(slo.name, { good: checks - diverged, total: checks });
  }

  snapshot(): Map<string, SliCount> {
    return new Map([...this.counts].map(([name, count]) => [name, { ...count }]));
  }

  private of(kind: SloConfig['sli']['kind']): SloConfig[] {
    return this.slos.filter((slo) => slo.sli.kind === kind);
  }

  private add(slo: SloConfig, good: boolean): void {
    const count = this.counts.get(slo.name)!;
    count.total++;
    if (good) count.good++;
  }
}

/** An SLO's threshold in seconds (0 for kinds without one). */
export const thresholdSeconds = (slo: SloConfig) => (slo.sli.threshold ?? 0) / 1000;

/** Thresholds of one SLI kind, for the histogram buckets that must include them. */
export function thresholdsOf(slos: SloConfig[], kind: SloConfig['sli']['kind']): number[] {
  return slos.filter((slo) => slo.sli.kind === kind && slo.sli.threshold !== undefined).map(thresholdSeconds);
}
