import { Gauge, Histogram, Registry, type OpenMetricsContentType } from 'prom-client';
import type { SloConfig } from '@/lib/config/schema';
import type { Resolution } from '@/lib/api/conflicts';
import type { Failover, ProbeResult } from '@/lib/domain/failover';
import type { Signals } from '@/lib/signals';
import type { LagObservers, PairLagSnapshot } from '@/lib/signals/lag';
import type { ConflictObservers } from '@/lib/signals/conflicts';
import type { ProbeObservers } from '@/lib/signals/probes';
import { thresholdsOf } from '@/lib/slo/sli';
import { BACKLOG_METRIC, CLOCK_OFFSET_METRIC, COLLECTOR_UP_METRIC, LAG_BOUND_METRIC, LAG_METRIC, LAST_APPLIED_METRIC, WRITE_SUCCESS_METRIC } from './names';
import { registerProcessMetrics } from './process';
import { registerConflictMetrics } from './conflicts';
import { registerSloMetrics } from './slo';
import { registerDivergenceMetrics } from './divergence';
import { registerProbeMetrics } from './probes';

/** Lag histogram buckets (seconds); every SLO threshold is merged in so SLIs can be read off exactly. */
const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** The histograms and counters that move with each observation (the signals call them). */
export type MetricObservers = LagObservers & ConflictObservers & ProbeObservers;

export interface Metrics {
  /** Prometheus text 0.0.4. */
  registry: Registry;
  /** The same metrics as OpenMetrics, for scrapers that ask for it. */
  openMetricsRegistry: Registry<OpenMetricsContentType>;
  observers: MetricObservers;
  /** One scrape's body, OpenMetrics or text 0.0.4; scrapes run one at a time (see `renderer`). */
  render(openMetrics: boolean): Promise<string>;
}

/**
 * Renders scrapes one at a time, and puts counter names back after each OpenMetrics one.
 * prom-client drops a counter's `_total` from the shared metric object while it writes
 * OpenMetrics (and adds it back per sample), so a text scrape after or during a Prometheus
 * scrape would see `regionwatch_conflicts` where `regionwatch_conflicts_total` is meant.
 */
function renderer(registry: Registry, openMetricsRegistry: Registry<OpenMetricsContentType>): (openMetrics: boolean) => Promise<string> {
  const names = new Map(registry.getMetricsAsArray().map((metric) => [metric, (metric as unknown as { name: string }).name]));
  let queue: Promise<unknown> = Promise.resolve();
  return (openMetrics) => {
    const run = queue.then(async () => {
      try {
        return await (openMetrics ? openMetricsRegistry : registry).metrics();
      } finally {
        for (const [metric, name] of names) (metric as unknown as { name: string }).name = name;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };
}

const PAIR = ['source_region', 'target_region'] as const;

export interface MetricsOptions {
  /**
   * A per-region agent's region. It exports only what it measures itself: lag into its region
   * (the heartbeats it reads), its region's clock, heartbeat write and collectors, and its
   * region's conflicts. SLO budgets, probes, failovers and divergence are left to the backend's
   * recording rules and to a collector that runs those checks, so that a backend summing the
   * agents counts nothing twice.
   */
  region?: string;
  /**
   * For a per-region agent: whether it holds the checks that span every region now. It
   * exports probe, GTM, failover and divergence series only while it does, so exactly one
   * agent exports them at a time.
   */
  globalChecks?: () => boolean;
}

/**
 * The process's one registry. Gauges read the signals' snapshots at scrape time
 * (`collect()`), so a scrape never waits on a store and shows exactly what the API shows;
 * histograms and probe counters move through `observers`, which the signals call.
 */
export function createMetrics(slos: SloConfig[], getSignals: () => Partial<Signals> | null, options: MetricsOptions = {}): Metrics {
  const { region: only, globalChecks } = options;
  const mine = (region: string) => only === undefined || region === only;
  const global = only === undefined ? () => true : globalChecks;
  const lagThresholdsSeconds = thresholdsOf(slos, 'replication_lag');
  const registry = new Registry();
  const openMetricsRegistry = new Registry<OpenMetricsContentType>();
  openMetricsRegistry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  const registers = [registry, openMetricsRegistry as unknown as Registry];
  registerProcessMetrics(registers);
  const signals = () => getSignals();

  const pairGauge = (name: string, help: string, value: (lag: PairLagSnapshot) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: PAIR,
      registers,
      collect() {
        this.reset();
        for (const lag of (signals()?.lag?.snapshot().pairs ?? []).filter((pair) => mine(pair.target))) {
          const metricValue = lag.lagSeconds === null ? null : value(lag);
          if (metricValue !== null) this.set({ source_region: lag.source, target_region: lag.target }, metricValue);
        }
      },
    });

  pairGauge(LAG_METRIC, 'Estimated replication lag from source to target region.', (lag) => lag.lagSeconds);
  pairGauge(LAG_BOUND_METRIC, 'The true lag lies within ± this of the estimate (clock offset error included).', (lag) => lag.errorBoundSeconds);
  pairGauge(LAST_APPLIED_METRIC, 'When the newest heartbeat visible in the target was written in the source (collector clock, epoch seconds).', (lag) =>
    lag.lastAppliedAt === null ? null : lag.lastAppliedAt / 1000,
  );
  pairGauge(BACKLOG_METRIC, 'Heartbeats written into the source and not yet visible in the target.', (lag) => lag.backlog);

  new Gauge({
    name: WRITE_SUCCESS_METRIC,
    help: 'Whether the last heartbeat write into the region succeeded (1) or failed (0).',
    labelNames: ['region'],
    registers,
    collect() {
      this.reset();
      for (const clock of signals()?.lag?.snapshot().clocks ?? []) {
        if (clock.heartbeatWriteSuccess !== null && mine(clock.region)) this.set({ region: clock.region }, clock.heartbeatWriteSuccess ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: CLOCK_OFFSET_METRIC,
    help: "Region store's clock minus the collector's clock, estimated from round trips.",
    labelNames: ['region'],
    registers,
    collect() {
      this.reset();
      for (const clock of signals()?.lag?.snapshot().clocks ?? []) {
        if (clock.clockOffsetSeconds !== null && mine(clock.region)) this.set({ region: clock.region }, clock.clockOffsetSeconds);
      }
    },
  });
  new Gauge({
    name: COLLECTOR_UP_METRIC,
    help: 'Whether the collector reached the region in its last cycle.',
    labelNames: ['collector', 'region'],
    registers,
    collect() {
      this.reset();
      for (const status of (signals()?.collectors?.statuses() ?? []).filter((candidate) => mine(candidate.region))) this.set({ collector: status.name, region: status.region }, status.up ? 1 : 0);
    },
  });
  new Gauge({
    name: 'regionwatch_collector_duration_seconds',
    help: "Duration of the collector's last cycle.",
    labelNames: ['collector'],
    registers,
    collect() {
      this.reset();
      for (const { name, seconds } of signals()?.collectors?.durations() ?? []) this.set({ collector: name }, seconds);
    },
  });

  const lagHistogram = new Histogram({
    name: 'regionwatch_replication_lag_observed_seconds',
    help: 'Lag estimates, one observation per read of the target region.',
    labelNames: PAIR,
    buckets: [...new Set([...LAG_BUCKETS, ...lagThresholdsSeconds])].sort((a, b) => a - b),
    registers,
  });
  const probes = global
    ? registerProbeMetrics(registers, thresholdsOf(slos, 'failover_time'), () => (global() ? (signals()?.probes ?? null) : null))
    : { observeProbe: () => {}, observeFailover: () => {} };
  if (global) registerDivergenceMetrics(registers, () => (global() ? (signals()?.divergence ?? null) : null));
  if (only === undefined) registerSloMetrics(registers, () => signals()?.slo ?? null);
  const conflicts = registerConflictMetrics(registers, thresholdsOf(slos, 'conflict_resolution'), () => signals()?.conflicts ?? null);
  const observers: MetricObservers = {
    observeLag: (source, target, lagSeconds) => {
      if (mine(target)) lagHistogram.observe({ source_region: source, target_region: target }, lagSeconds);
    },
    observeResolution: (entityType: string, resolution: Resolution, seconds: number) => conflicts.observeResolution(entityType, resolution, seconds),
    observeProbe: (result: ProbeResult) => probes.observeProbe(result),
    observeFailover: (failover: Failover) => probes.observeFailover(failover),
  };
  return { registry, openMetricsRegistry, observers, render: renderer(registry, openMetricsRegistry) };
}
