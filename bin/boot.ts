import type { Config } from '@/lib/config/schema';
import type { SimTruth } from '@/lib/api/sim';
import { openStore, type StoreAdapter } from '@/collectors/adapters';
import { assembleCollectors } from '@/collectors';
import { createMetrics, type Metrics } from '@/lib/metrics/registry';
import type { Signals } from '@/lib/signals';
import { History, lagSeriesName } from '@/lib/store/history';
import { ConflictStore } from '@/lib/store/conflicts';
import { openEmbeddedDb } from '@/lib/store/db';
import { DivergenceStore } from '@/lib/store/divergence';
import { FailoverStore } from '@/lib/store/failovers';
import { IncidentStore } from '@/lib/store/incidents';
import { Outbox } from '@/lib/store/outbox';
import { CursorClaims, type EventSync } from '@/lib/store/sync';
import { startSharedSync } from './shared-store';
import { goodSeries, totalSeries } from '@/lib/slo/status';
import { setRuntime, type Runtime } from '@/lib/server/runtime';
import { PromClient } from '@/lib/promql/client';
import { PromReadings } from '@/lib/promql/readings';

const RECORD_EVERY_MS = 1000;
const MAINTAIN_EVERY_MS = 60_000;

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

/** How often a dashboard without collectors reads the current values back from the backend. */
const REMOTE_POLL_MS = 5000;

/**
 * `regionwatch dashboard`: no collectors and no region stores. Current values are the agents'
 * series read back through `prometheus`; history is read there too; events come from `storage`.
 */
export async function bootDashboard(config: Config): Promise<Booted> {
  if (!config.prometheus) throw new Error('prometheus.url: required by `regionwatch dashboard`, which reads current values and history through PromQL');
  const prom = new PromClient(config.prometheus);
  let slo: Signals['slo'] | null = null;
  const readings = new PromReadings(prom, REMOTE_POLL_MS, { slos: config.slos, onSlo: (snapshot) => slo?.adopt(snapshot) });
  const stores = openEmbeddedStores(config);
  const { db, history, conflicts, failoverStore, incidentStore, divergenceStore } = stores;
  // The dashboard exports no regionwatch series of its own: the agents do, and Prometheus would see them twice.
  const metrics = createMetrics(config.slos, () => null);
  const assembled = assembleCollectors(
    config,
    { regions: [], conflicts, failovers: failoverStore, incidents: incidentStore, divergence: divergenceStore, history },
    { observers: metrics.observers, log: (line) => console.error(line), lagReadings: readings },
  );
  slo = assembled.signals.slo;
  const runtime: Runtime = {
    config,
    startedAt: Date.now(),
    signals: { ...assembled.signals, collectors: readings },
    history,
    prom,
    remote: readings,
    conflicts,
    failoverStore,
    ingestConflicts: ingestInto(conflicts, assembled.signals.conflicts),
  };
  // Events come from every collector through the shared store; what is posted here goes there too.
  const sync = await startSync(config, stores, {
    cursors: [],
    pull: true,
    onPulled: (added, resolved) => {
      assembled.signals.conflicts.observeStored(added);
      assembled.signals.conflicts.observeStored(resolved);
    },
    onPulledDivergence: (checks) => checks.forEach((check) => assembled.signals.divergence.adopt(check)),
    log: (line) => console.error(line),
  });
  if (sync) runtime.eventStore = () => sync.snapshot();
  await readings.start();
  setRuntime(runtime);
  return {
    runtime,
    metrics,
    start: () => {},
    async stop() {
      readings.stop();
      await sync?.stop();
      db.close();
      setRuntime(null);
    },
  };
}

/**
 * Opens every region's store and the embedded database, starts the collectors that
 * `assembleCollectors` lists, and records history each second. `stop()` closes what it opened.
 */
export async function boot(config: Config, options: BootOptions = {}): Promise<Booted> {
  const log = options.log ?? ((line: string) => console.error(line));
  const stores = await openRegionStores(config, options, log);
  const embedded = openEmbeddedStores(config);
  const { db, history, conflicts, failoverStore, incidentStore, divergenceStore } = embedded;
  // Per-region agents sharing an event store take turns at the checks that span every region.
  const globalChecks = options.region && embedded.shared ? () => embedded.shared!.claims.owns(GLOBAL_CHECKS.collector, GLOBAL_CHECKS.region) : undefined;
  let signals: Signals | null = null;
  const metrics = createMetrics(config.slos, () => signals, { region: options.region, globalChecks });
  const assembled = assembleCollectors(
    config,
    { regions: stores, conflicts, failovers: failoverStore, incidents: incidentStore, divergence: divergenceStore, history },
    { region: options.region, observers: metrics.observers, log, globalChecks },
  );
  signals = assembled.signals;
  const runtime: Runtime = {
    config,
    startedAt: Date.now(),
    signals: assembled.signals,
    history,
    prom: config.prometheus ? new PromClient(config.prometheus) : null,
    conflicts,
    failoverStore,
    simTruth: options.simTruth,
    ingestConflicts: ingestInto(conflicts, assembled.signals.conflicts),
  };
  // The cursors this process moves: it reads those regions' conflict and write logs only while it holds them.
  const collected = options.region ? [options.region] : config.regions.map((region) => region.name);
  const cursors = collected.flatMap((region) => CURSORS.map((collector) => ({ collector, region })));
  if (globalChecks) cursors.push(GLOBAL_CHECKS);
  const sync = await startSync(config, embedded, { cursors, pull: false, log });
  if (sync) runtime.eventStore = () => sync.snapshot();
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    assembled.runner.start();
  };
  if (!options.deferStart) start();
  const recorder = setInterval(() => record(runtime), RECORD_EVERY_MS);
  const maintainer = setInterval(() => history.maintain(), MAINTAIN_EVERY_MS);
  setRuntime(runtime);
  return {
    runtime,
    metrics,
    start,
    async stop() {
      clearInterval(recorder);
      clearInterval(maintainer);
      await assembled.runner.stop();
      await sync?.stop();
      await Promise.allSettled(stores.map((store) => store.close()));
      db.close();
      setRuntime(null);
    },
  };
}

/** The collectors whose log cursors a shared event store hands to one process at a time. */
const CURSORS = ['conflicts', 'ownership'];

/**
 * The lease of the checks that span every region (probes and the GTM, failovers, incidents,
 * divergence): one per-region agent runs them at a time, and another takes over when it stops.
 */
const GLOBAL_CHECKS = { collector: 'global-checks', region: 'all' };

/**
 * History and the event stores, in the embedded database at `storage.path`. With a shared
 * event store (`storage.url`), every event written here also goes to its outbox.
 */
function openEmbeddedStores(config: Config) {
  const db = openEmbeddedDb(config.storage.path);
  const shared = config.storage.url ? { outbox: new Outbox(db), claims: new CursorClaims() } : null;
  return {
    db,
    shared,
    history: new History(db, config.storage.retention),
    conflicts: new ConflictStore(db, shared ? { outbox: shared.outbox, leases: shared.claims } : undefined),
    failoverStore: new FailoverStore(db, shared?.outbox),
    incidentStore: new IncidentStore(db, shared?.outbox),
    divergenceStore: new DivergenceStore(db, shared?.outbox),
  };
}

/** Starts the shared event store's sync when `storage.url` is set. */
async function startSync(config: Config, stores: ReturnType<typeof openEmbeddedStores>, options: Parameters<typeof startSharedSync>[2]): Promise<EventSync | null> {
  const { shared } = stores;
  return shared ? startSharedSync(config, { ...stores, shared }, options) : null;
}

/** `Runtime.ingestConflicts`: posted events are stored, and those new observed like collected ones. */
function ingestInto(conflicts: ConflictStore, signal: Signals['conflicts']): Runtime['ingestConflicts'] {
  return (records) => {
    const added = conflicts.add(records);
    signal.observeStored(added);
    return added;
  };
}

/**
 * One adapter per region. A region that is down at start-up must not keep the others from
 * being watched: it is reported down by the collectors, and a database store creates its
 * heartbeat table on the first write.
 */
async function openRegionStores(config: Config, options: BootOptions, log: (line: string) => void): Promise<StoreAdapter[]> {
  const heartbeat = config.collectors.heartbeat;
  const stores: StoreAdapter[] = [];
  try {
    for (const region of config.regions) {
      const store = openStore(region.store, {
        region: region.name,
        timeoutMs: heartbeat.timeout,
        heartbeatTable: heartbeat.table,
        conflicts: { table: config.collectors.conflicts.table, query: config.collectors.conflicts.query },
      });
      stores.push(options.wrapStore ? options.wrapStore(store) : store);
    }
  } catch (error) {
    await Promise.allSettled(stores.map((store) => store.close()));
    throw error;
  }
  const ensured = await Promise.allSettled(stores.map((store) => store.ensureHeartbeatTable()));
  ensured.forEach((outcome, index) => {
    if (outcome.status === 'rejected') log(`warning: ${stores[index].region}: ${(outcome.reason as Error).message}`);
  });
  return stores;
}

/**
 * Each second: the lag of every pair and the cumulative SLI counts go into history, then
 * the SLO statuses are computed once from them for every reader.
 */
function record(runtime: Runtime): void {
  const now = Date.now();
  const { lag, slo } = runtime.signals;
  const lagSamples = lag.snapshot(now).pairs.flatMap((pair) => (pair.lagSeconds === null ? [] : [{ series: lagSeriesName(pair.source, pair.target), at: now, value: pair.lagSeconds }]));
  const counts = slo.counts();
  const sliSamples = [...counts].flatMap(([name, count]) => [
    { series: goodSeries(name), at: now, value: count.good },
    { series: totalSeries(name), at: now, value: count.total },
  ]);
  try {
    runtime.history.record([...lagSamples, ...sliSamples]);
  } catch (error) {
    console.error(`history: cannot record samples: ${(error as Error).message}`);
  }
  slo.refresh(now, counts);
}
