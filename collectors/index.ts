import type { Config } from '@/lib/config/schema';
import type { Failover } from '@/lib/domain/failover';
import type { PairCheck } from '@/lib/domain/divergence';
import { RECOVERY_WINDOW_MS } from '@/lib/domain/incident';
import { lagThresholdSeconds } from '@/lib/domain/lag-status';
import type { MetricObservers } from '@/lib/metrics/registry';
import type { Signals } from '@/lib/signals';
import { ConflictSignal, type ConflictCounts } from '@/lib/signals/conflicts';
import { DivergenceSignal } from '@/lib/signals/divergence';
import { IncidentSignal, type IncidentLog } from '@/lib/signals/incidents';
import { LagSignal, type LagReadings } from '@/lib/signals/lag';
import { ProbeSignal } from '@/lib/signals/probes';
import { SloSignal, type SloHistory } from '@/lib/signals/slo';
import { SliCounters } from '@/lib/slo/sli';
import type { StoreAdapter } from './adapters';
import type { Collector } from './types';
import { HeartbeatCollector } from './heartbeat';
import { ConflictCollector, type ConflictSink } from './conflicts';
import { OwnershipCollector, type OwnershipSink } from './ownership';
import { DivergenceCollector } from './divergence';
import { ProbeCollector } from './probes';
import { FailoverTracker } from './failover/tracker';
import { IncidentTracker, type IncidentSink } from './incidents/tracker';
import { CollectorRunner } from './runner';
import { WhileHolding } from './standby';

/** Lag SLO threshold the heatmap colours against when no lag SLO is configured (seconds). */

/** The embedded store's parts the collectors write through (small interfaces, not its classes). */
export interface CollectorStores {
  /** One adapter per configured region, opened (and later closed) by the caller. */
  regions: StoreAdapter[];
  conflicts: ConflictSink & OwnershipSink & ConflictCounts;
  failovers: { save(failover: Failover): void; list(): Failover[] };
  incidents: IncidentSink & IncidentLog;
  /** Each pair's last divergence check, kept across restarts. */
  divergence?: { save(check: PairCheck): void; list(): PairCheck[] };
  history: SloHistory;
}

export interface AssembleOptions {
  /** Only this region's heartbeat is written and only its view read (one collector per region). */
  region?: string;
  /** The exported histograms and counters; the signals feed them with the SLI counts. */
  observers: MetricObservers;
  log: (line: string) => void;
  /** Current lag read from elsewhere (a dashboard reads the agents' series back) instead of the heartbeats. */
  lagReadings?: LagReadings;
  /**
   * For a per-region agent: whether it holds the checks that span every region (probes and
   * the GTM, failovers, incidents, divergence) now. While it does, it also reads every
   * region's heartbeats, which those checks judge by. Without it, an agent runs none of them.
   */
  globalChecks?: () => boolean;
}

export interface Assembled {
  runner: CollectorRunner;
  signals: Signals;
}

/**
 * Every collector the config asks for, in one explicit list, and the signals they feed.
 * A per-region agent (`collect --region`) runs only the collectors that read its own region.
 */
export function assembleCollectors(config: Config, stores: CollectorStores, options: AssembleOptions): Assembled {
  const { region: only, observers, log, globalChecks } = options;
  const regionNames = config.regions.map((region) => region.name);
  const own = only ? stores.regions.filter((store) => store.region === only) : stores.regions;
  const sli = new SliCounters(config.slos);
  const heartbeatConfig = config.collectors.heartbeat;

  let lag: LagSignal | null = null;
  const heartbeat = new HeartbeatCollector(stores.regions, {
    intervalMs: heartbeatConfig.interval,
    timeoutMs: heartbeatConfig.timeout,
    writeRegions: only ? [only] : undefined,
    readRegions: only ? (region) => region === only || (globalChecks?.() ?? false) : undefined,
    onLag: (source, target, seconds) => lag?.observe(source, target, seconds),
  });
  lag = new LagSignal(options.lagReadings ?? heartbeat, { regions: regionNames, thresholdSeconds: lagThresholdSeconds(config.slos), observers: [observers, sli] });

  const conflicts = new ConflictSignal(stores.conflicts, [observers, sli], only);
  const conflictCollector = new ConflictCollector(own, stores.conflicts, {
    intervalMs: config.collectors.conflicts.interval,
    timeoutMs: heartbeatConfig.timeout,
    toCollectorTime: (region, storeMs) => heartbeat.toCollectorTime(region, storeMs),
    signal: conflicts,
    log,
  });
  const ownership = new OwnershipCollector(own, config.domains, stores.conflicts, config.collectors.conflicts.interval, heartbeatConfig.timeout);

  const divergence = new DivergenceSignal({
    intervalMs: config.collectors.divergence.interval,
    frontier: heartbeat,
    onResult: stores.divergence && ((check) => stores.divergence?.save(check)),
  });
  for (const check of stores.divergence?.list() ?? []) divergence.adopt(check);
  let probes: ProbeSignal | null = null;
  const failovers = new FailoverTracker(
    (region) => config.regions.find((candidate) => candidate.name === region)?.geos ?? [],
    (failover) => probes?.observeFailover(failover),
    (failover) => stores.failovers.save(failover),
  );
  failovers.restore(stores.failovers.list());
  const probeCollector = new ProbeCollector(config, failovers, {
    intervalMs: config.collectors.probes.interval,
    timeoutMs: config.collectors.probes.timeout,
    onProbe: (result) => probes?.observeProbe(result),
  });
  probes = new ProbeSignal(probeCollector, failovers, { regions: regionNames, observers: [observers, sli] });
  const slo = new SloSignal(config.slos, stores.history, sli, () => divergence.sliCounts());

  const global: Collector[] = [];
  const probing = config.regions.some((region) => region.health) || config.gtm !== undefined;
  if (probing) global.push(probeCollector);
  global.push(incidentTracker(config, stores, lag, probes));
  if (config.collectors.divergence.datasets.length > 0) {
    global.push(
      new DivergenceCollector(stores.regions, {
        config: config.collectors.divergence,
        timeoutMs: Math.max(60_000, config.collectors.divergence.interval),
        frontier: heartbeat,
        sink: divergence,
        pollMs: heartbeatConfig.interval,
      }),
    );
  }
  const collectors: Collector[] = [heartbeat, conflictCollector, ownership];
  if (!only) collectors.push(...global);
  else if (globalChecks) collectors.push(...global.map((collector) => new WhileHolding(collector, globalChecks)));
  const runner = new CollectorRunner(collectors, { log });
  return { runner, signals: { lag, conflicts, divergence, probes, incidents: new IncidentSignal(stores.incidents), slo, collectors: runner } };
}

/** Incident detection reads the same lag and probe snapshots as every other reader. */
function incidentTracker(config: Config, stores: CollectorStores, lag: LagSignal, probes: ProbeSignal): IncidentTracker {
  return new IncidentTracker(config, stores.incidents, {
    world: () => {
      const now = Date.now();
      const lagSnapshot = lag.snapshot(now);
      const probeState = probes.current();
      return {
        lagThresholdSeconds: lagSnapshot.thresholdSeconds,
        pairs: lagSnapshot.pairs.flatMap((pair) => (pair.lagSeconds === null ? [] : [{ source: pair.source, target: pair.target, lagSeconds: pair.lagSeconds, backlog: pair.backlog ?? 0 }])),
        up: probeState.up,
        routes: new Map(probeState.routes.map((route) => [route.geo, new Set(route.regions)])),
        recentlyRecovered: probeState.failovers.filter((failover) => failover.recoveredAt !== null && now - failover.recoveredAt < RECOVERY_WINDOW_MS).map((failover) => failover.region),
        violations: stores.conflicts.violations(),
      };
    },
  });
}
