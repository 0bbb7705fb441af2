import type { Config } from '@/lib/config/schema';
import { openStore, type StoreAdapter } from '@/collectors/adapters';
import { HeartbeatCollector } from '@/collectors/heartbeat';
import { CollectorRunner } from '@/collectors/runner';
import { createMetrics, type Metrics, type MetricSources } from '@/lib/metrics/registry';
import { History, lagSeriesName } from '@/lib/store/history';
import { ConflictStore, resolutionSeconds } from '@/lib/store/conflicts';
import { openEmbeddedDb } from '@/lib/store/db';
import { ConflictCollector } from '@/collectors/conflicts';
import { OwnershipCollector } from '@/collectors/ownership';
import { DivergenceCollector } from '@/collectors/divergence';
import { ProbeCollector } from '@/collectors/probes';
import { FailoverTracker } from '@/collectors/failover/tracker';
import { FailoverStore } from '@/lib/store/failovers';
import { IncidentStore } from '@/lib/store/incidents';
import { IncidentTracker, RECOVERY_WINDOW_MS } from '@/collectors/incidents/tracker';
import { SliCounters } from '@/lib/slo/sli';
import { goodSeries, sloStatus, totalSeries } from '@/lib/slo/status';
import { failoverSeconds } from '@/collectors/failover/tracker';
import { setRuntime, type Runtime } from '@/lib/server/runtime';
import type { SimTruth } from '@/sim/truth';

const RECORD_EVERY_MS = 1000;
const MAINTAIN_EVERY_MS = 60_000;
const DEFAULT_LAG_THRESHOLD_SECONDS = 1;

export interface Booted {
  runtime: Runtime;
  metrics: Metrics;
  /** Starts the collectors (deferred with `deferStart`, so a busy start-up does not fail the first probes). */
  start(): void;
  stop(): Promise<void>;
}

export interface BootOptions {
  /** Only this region's heartbeat is written and only its view read (one collector per region). */
  region?: string;
  simTruth?: () => SimTruth;
  log?: (line: string) => void;
  /** Wraps each store adapter (the demo injects region outages here). */
  wrapStore?: (store: StoreAdapter) => StoreAdapter;
  /** Do not start the collectors yet; call `start()` once the process is ready. */
  deferStart?: boolean;
}

/** Opens every store, starts the collectors, the history recorder and the metrics registry. */
export async function boot(config: Config, options: BootOptions = {}): Promise<Booted> {
  const heartbeatConfig = config.collectors.heartbeat;
  const log = options.log ?? ((line: string) => console.error(line));
  const stores: StoreAdapter[] = [];
  try {
    for (const region of config.regions) {
      const store = openStore(region.store, {
        region: region.name,
        timeoutMs: heartbeatConfig.timeout,
        heartbeatTable: heartbeatConfig.table,
        conflicts: { table: config.collectors.conflicts.table, query: config.collectors.conflicts.query },
      });
      stores.push(options.wrapStore ? options.wrapStore(store) : store);
    }
  } catch (error) {
    await Promise.all(stores.map((store) => store.close()));
    throw error;
  }
  // A region that is down at start-up must not keep the others from being watched: it is
  // reported down by the collectors, and a database store creates its table on the first write.
  const ensured = await Promise.allSettled(stores.map((store) => store.ensureHeartbeatTable()));
  ensured.forEach((outcome, index) => {
    if (outcome.status === 'rejected') log(`warning: ${stores[index].region}: ${(outcome.reason as Error).message}`);
  });
  const lagThresholds = config.slos.filter((slo) => slo.sli.kind === 'replication_lag').map((slo) => (slo.sli.threshold ?? 0) / 1000);
  const db = openEmbeddedDb(config.storage.path);
  const history = new History(db, config.storage.retention);
  const conflicts = new ConflictStore(db);
  const failoverStore = new FailoverStore(db);
  let sources: MetricSources | null = null;
  const sli = new SliCounters(config.slos);
  const metrics = createMetrics(config.slos, () => sources);
  const only = options.region ? [options.region] : undefined;
  const heartbeat = new HeartbeatCollector(stores, {
    intervalMs: heartbeatConfig.interval,
    timeoutMs: heartbeatConfig.timeout,
    writeRegions: only,
    readRegions: only,
    onLag: (source, target, seconds) => {
      metrics.observeLag(source, target, seconds);
      sli.observeLag(source, target, seconds);
    },
  });
  const conflictCollector = new ConflictCollector(options.region ? stores.filter((store) => store.region === options.region) : stores, conflicts, {
    intervalMs: config.collectors.conflicts.interval,
    timeoutMs: heartbeatConfig.timeout,
    toCollectorTime: (region, storeMs) => heartbeat.toCollectorTime(region, storeMs),
    onResolved: (entityType, resolution, seconds) => {
      metrics.observeResolution(entityType, resolution, seconds);
      sli.observeResolution(seconds);
    },
    log,
  });
  const ownership = new OwnershipCollector(conflictCollector.regions.map((region) => stores.find((store) => store.region === region)!), config.domains, conflicts, config.collectors.conflicts.interval, heartbeatConfig.timeout);
  const divergence = new DivergenceCollector(options.region ? [] : stores, {
    config: config.collectors.divergence,
    timeoutMs: Math.max(60_000, config.collectors.divergence.interval),
    settleMs: (regionA, regionB) => settleMs(heartbeat, regionA, regionB),
  });
  const failovers = new FailoverTracker(
    (region) => config.regions.find((candidate) => candidate.name === region)?.geos ?? [],
    (failover) => {
      metrics.observeFailover(failover);
      const seconds = failoverSeconds(failover);
      if (seconds !== null) sli.observeFailover(seconds);
    },
    (failover) => failoverStore.save(failover),
  );
  failovers.restore(failoverStore.list());
  const probes = new ProbeCollector(config, failovers, {
    intervalMs: config.collectors.probes.interval,
    timeoutMs: config.collectors.probes.timeout,
    onProbe: (result) => {
      metrics.observeProbe(result);
      sli.observeProbe(result.region, result.up);
    },
  });
  const probing = config.regions.some((region) => region.health) || config.gtm !== undefined;
  const lagThresholdSeconds = lagThresholds[0] ?? DEFAULT_LAG_THRESHOLD_SECONDS;
  const incidentStore = new IncidentStore(db);
  const incidents = new IncidentTracker(config, incidentStore, {
    world: () => ({
      lagThresholdSeconds,
      pairs: heartbeat.pairLags().map((lag) => ({ source: lag.source, target: lag.target, lagSeconds: lag.lagMs / 1000, backlog: lag.backlog })),
      up: new Map(probes.latestProbes().map((probe) => [probe.region, probe.up])),
      routes: probes.currentRoutes(),
      recentlyRecovered: failovers.list().filter((failover) => failover.recoveredAt !== null && Date.now() - failover.recoveredAt < RECOVERY_WINDOW_MS).map((failover) => failover.region),
      violations: conflicts.violations(),
    }),
  });
  const collectors = [
    heartbeat,
    conflictCollector,
    ownership,
    ...(probing && !options.region ? [probes] : []),
    ...(!options.region ? [incidents] : []),
    ...(config.collectors.divergence.datasets.length > 0 && !options.region ? [divergence] : []),
  ];
  const runner = new CollectorRunner(collectors, { log });
  const sloStatuses = () => {
    const counts = currentSli(sli, divergence);
    return config.slos.map((slo) => ({ slo: slo.name, status: sloStatus(slo, history, counts.get(slo.name)!) }));
  };
  sources = { heartbeat, runner, conflicts, divergence, probes, failovers, sloStatuses };
  const runtime: Runtime = {
    config,
    startedAt: Date.now(),
    heartbeat,
    runner,
    history,
    conflicts,
    divergence,
    probes,
    failovers,
    failoverStore,
    incidentStore,
    sli: () => currentSli(sli, divergence),
    lagThresholdSeconds,
    simTruth: options.simTruth,
    onIngested: (records) => {
      for (const record of records) {
        const seconds = resolutionSeconds(record);
        if (seconds !== null) metrics.observeResolution(record.entityType, record.resolution, seconds);
      }
    },
  };
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    runner.start();
  };
  if (!options.deferStart) start();
  const recorder = setInterval(() => {
    recordLag(runtime);
    recordSli(runtime);
  }, RECORD_EVERY_MS);
  const maintainer = setInterval(() => history.maintain(), MAINTAIN_EVERY_MS);
  setRuntime(runtime);
  return {
    runtime,
    metrics,
    start,
    async stop() {
      clearInterval(recorder);
      clearInterval(maintainer);
      await runner.stop();
      db.close();
      setRuntime(null);
    },
  };
}

/** How long a write may still be in flight between two regions: the larger lag plus its error bound. */
function settleMs(heartbeat: HeartbeatCollector, regionA: string, regionB: string): number {
  const lags = heartbeat.pairLags().filter((lag) => (lag.source === regionA && lag.target === regionB) || (lag.source === regionB && lag.target === regionA));
  if (lags.length < 2) return 2000;
  return Math.max(...lags.map((lag) => lag.lagMs + lag.errorBoundMs)) + 100;
}

function currentSli(sli: SliCounters, divergence: DivergenceCollector) {
  const counts = divergence.counts();
  sli.setDivergence(counts.reduce((sum, count) => sum + count.checks, 0), counts.reduce((sum, count) => sum + count.diverged, 0));
  return sli.snapshot();
}

/** Cumulative SLI event counts, recorded each second: burn rates and burn-down are differences of these. */
function recordSli(runtime: Runtime): void {
  const now = Date.now();
  const samples = [...runtime.sli()].flatMap(([slo, count]) => [
    { series: goodSeries(slo), at: now, value: count.good },
    { series: totalSeries(slo), at: now, value: count.total },
  ]);
  if (samples.length > 0) runtime.history.record(samples);
}

function recordLag(runtime: Runtime): void {
  const now = Date.now();
  const samples = runtime.heartbeat.pairLags(now).map((lag) => ({ series: lagSeriesName(lag.source, lag.target), at: now, value: lag.lagMs / 1000 }));
  try {
    runtime.history.record(samples);
  } catch (error) {
    console.error(`history: cannot record lag samples: ${(error as Error).message}`);
  }
}
