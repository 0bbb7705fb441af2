import { Gauge, Histogram, Registry, type OpenMetricsContentType } from 'prom-client';
import { registerProcessMetrics } from './process';
import { registerConflictMetrics } from './conflicts';
import type { ConflictStore } from '@/lib/store/conflicts';
import type { SloConfig } from '@/lib/config/schema';
import { thresholdsOf } from '@/lib/slo/sli';
import { registerSloMetrics } from './slo';
import type { SloStatus } from '@/lib/slo/status';
import type { DivergenceCollector } from '@/collectors/divergence';
import { registerDivergenceMetrics } from './divergence';
import { registerProbeMetrics, type ProbeSources } from './probes';
import type { ProbeResult } from '@/collectors/probes';
import type { Failover } from '@/collectors/failover/tracker';
import type { HeartbeatCollector } from '@/collectors/heartbeat';
import type { CollectorRunner } from '@/collectors/runner';

/** Lag histogram buckets (seconds); every SLO threshold is merged in so SLIs can be read off exactly. */
const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

export interface MetricSources {
  heartbeat: HeartbeatCollector;
  runner: CollectorRunner;
  conflicts?: ConflictStore;
  divergence?: DivergenceCollector;
  probes?: ProbeSources['probes'];
  failovers?: ProbeSources['failovers'];
  sloStatuses?: () => { slo: string; status: SloStatus }[];
}

export interface Metrics {
  /** Prometheus text 0.0.4. */
  registry: Registry;
  /** The same metrics as OpenMetrics, for scrapers that ask for it. */
  openMetricsRegistry: Registry<OpenMetricsContentType>;
  observeLag: (source: string, target: string, lagSeconds: number) => void;
  observeResolution: (entityType: string, resolution: string, seconds: number) => void;
  observeProbe: (result: ProbeResult) => void;
  observeFailover: (failover: Failover) => void;
}

const PAIR = ['source_region', 'target_region'] as const;

/**
 * The process's one registry. Gauges are computed at scrape time from collector state
 * (`collect()`), so a scrape never waits on a store; only the lag histogram is observed
 * as heartbeats are read.
 */
export function createMetrics(slos: SloConfig[], getSources: () => MetricSources | null): Metrics {
  const lagThresholdsSeconds = thresholdsOf(slos, 'replication_lag');
  const registry = new Registry();
  const openMetricsRegistry = new Registry<OpenMetricsContentType>();
  openMetricsRegistry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  const registers = [registry, openMetricsRegistry as unknown as Registry];
  registerProcessMetrics(registers);
  const sources = () => getSources();

  const pairGauge = (name: string, help: string, value: (lag: ReturnType<HeartbeatCollector['pairLags']>[number]) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: PAIR,
      registers,
      collect() {
        this.reset();
        for (const lag of sources()?.heartbeat.pairLags() ?? []) {
          const metricValue = value(lag);
          if (metricValue !== null) this.set({ source_region: lag.source, target_region: lag.target }, metricValue);
        }
      },
    });

  pairGauge('regionwatch_replication_lag_seconds', 'Estimated replication lag from source to target region.', (lag) => lag.lagMs / 1000);
  pairGauge('regionwatch_replication_lag_error_bound_seconds', 'The true lag lies within ± this of the estimate (clock offset error included).', (lag) => lag.errorBoundMs / 1000);
  pairGauge('regionwatch_heartbeat_last_applied_timestamp_seconds', 'When the newest heartbeat visible in the target was written in the source (collector clock, epoch seconds).', (lag) =>
    lag.lastAppliedWrittenAt === null ? null : lag.lastAppliedWrittenAt / 1000,
  );
  pairGauge('regionwatch_replication_backlog', 'Heartbeats written into the source and not yet visible in the target.', (lag) => lag.backlog);

  new Gauge({
    name: 'regionwatch_heartbeat_write_success',
    help: 'Whether the last heartbeat write into the region succeeded (1) or failed (0).',
    labelNames: ['region'],
    registers,
    collect() {
      this.reset();
      for (const clock of sources()?.heartbeat.regionClocks() ?? []) {
        if (clock.writeSuccess !== null) this.set({ region: clock.region }, clock.writeSuccess ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'regionwatch_clock_offset_seconds',
    help: "Region store's clock minus the collector's clock, estimated from round trips.",
    labelNames: ['region'],
    registers,
    collect() {
      this.reset();
      for (const clock of sources()?.heartbeat.regionClocks() ?? []) {
        if (clock.offsetMs !== null) this.set({ region: clock.region }, clock.offsetMs / 1000);
      }
    },
  });
  new Gauge({
    name: 'regionwatch_collector_up',
    help: 'Whether the collector reached the region in its last cycle.',
    labelNames: ['collector', 'region'],
    registers,
    collect() {
      this.reset();
      for (const status of sources()?.runner.statuses() ?? []) this.set({ collector: status.name, region: status.region }, status.up ? 1 : 0);
    },
  });
  new Gauge({
    name: 'regionwatch_collector_duration_seconds',
    help: "Duration of the collector's last cycle.",
    labelNames: ['collector'],
    registers,
    collect() {
      this.reset();
      for (const { name, seconds } of sources()?.runner.durations() ?? []) this.set({ collector: name }, seconds);
    },
  });

  const lagHistogram = new Histogram({
    name: 'regionwatch_replication_lag_observed_seconds',
    help: 'Lag estimates, one observation per read of the target region.',
    labelNames: PAIR,
    buckets: [...new Set([...LAG_BUCKETS, ...lagThresholdsSeconds])].sort((a, b) => a - b),
    registers,
  });
  registerDivergenceMetrics(registers, () => sources()?.divergence ?? null);
  registerSloMetrics(registers, () => sources()?.sloStatuses?.() ?? []);
  const { observeProbe, observeFailover } = registerProbeMetrics(registers, thresholdsOf(slos, 'failover_time'), () => {
    const current = sources();
    return current?.probes && current.failovers ? { probes: current.probes, failovers: current.failovers } : null;
  });
  const { observeResolution } = registerConflictMetrics(registers, thresholdsOf(slos, 'conflict_resolution'), () => sources()?.conflicts ?? null);
  return {
    registry,
    openMetricsRegistry,
    observeResolution,
    observeProbe,
    observeFailover,
    observeLag: (source, target, lagSeconds) => lagHistogram.observe({ source_region: source, target_region: target }, lagSeconds),
  };
}
