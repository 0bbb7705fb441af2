// The runtime every lib/server test reads: real signals over fixed readings and an in-memory embedded store.
import { Config } from '@/lib/config/schema';
import type { Failover, ProbeResult } from '@/lib/domain/failover';
import type { PairLag, RegionClock } from '@/lib/domain/lag';
import { pairKey } from '@/lib/domain/region';
import type { ReplicationFrontier } from '@/lib/domain/settlement';
import type { CollectorHealth } from '@/lib/signals';
import { ConflictSignal } from '@/lib/signals/conflicts';
import { DivergenceSignal } from '@/lib/signals/divergence';
import { LagSignal } from '@/lib/signals/lag';
import { ProbeSignal } from '@/lib/signals/probes';
import { IncidentSignal } from '@/lib/signals/incidents';
import { SloSignal } from '@/lib/signals/slo';
import { SliCounters } from '@/lib/slo/sli';
import { ConflictStore } from '@/lib/store/conflicts';
import { openEmbeddedDb } from '@/lib/store/db';
import { FailoverStore } from '@/lib/store/failovers';
import { History } from '@/lib/store/history';
import { IncidentStore } from '@/lib/store/incidents';
import type { Runtime } from './runtime';

export const NOW = 1_700_000_000_000;
export const REGIONS = ['us-east', 'eu-west', 'ap-south'];

export const config = Config.parse({
  regions: [
    { name: 'us-east', store: 'sqlite:/unused/us-east.db', geos: ['na-east'] },
    { name: 'eu-west', store: 'sqlite:/unused/eu-west.db', geos: ['europe', 'na-east'] },
    { name: 'ap-south', store: 'sqlite:/unused/ap-south.db' },
  ],
  domains: [{ name: 'carts', mode: 'active-active', home: 'us-east' }],
  collectors: {
    conflicts: { policies: { cart: 'Carts keep the union of line items from both regions.' } },
    divergence: { interval: '1m', datasets: [{ name: 'users', table: 'users', key: ['id'], columns: ['email'] }] },
  },
  slos: [
    { name: 'lag-eu', objective: 99, sli: { kind: 'replication_lag', threshold: '2s', source: 'us-east', target: 'eu-west' } },
    { name: 'consistency', objective: 99.9, sli: { kind: 'divergence' } },
  ],
});

/** Fixed heartbeat estimates; `ap-south->us-east` has none. Threshold 2 s: warning from 1 s, breach from 2 s. */
const LAGS: [string, string, number][] = [
  ['us-east', 'eu-west', 999],
  ['us-east', 'ap-south', 1000],
  ['eu-west', 'us-east', 2000],
  ['eu-west', 'ap-south', 1999],
  ['ap-south', 'eu-west', 2500],
];
const pairLags: PairLag[] = LAGS.map(([source, target, lagMs], index) => ({ source, target, lagMs, errorBoundMs: 10 + index, lastAppliedWrittenAt: NOW - lagMs, backlog: index }));
const clocks: RegionClock[] = [
  { region: 'us-east', writeSuccess: true, offsetMs: 0, offsetErrorMs: 4 },
  { region: 'eu-west', writeSuccess: false, offsetMs: -250, offsetErrorMs: 30 },
  { region: 'ap-south', writeSuccess: null, offsetMs: null, offsetErrorMs: null },
];

const probeAt = (region: string, ago: number, up: boolean, seconds: number, error: string | null = null): ProbeResult => ({ region, up, seconds, sentAt: NOW - ago, error });
const PROBES: ProbeResult[] = [
  probeAt('us-east', 10 * 60_000, false, 2, 'too old for the window'),
  probeAt('us-east', 60_000, true, 0.04),
  probeAt('us-east', 30_000, true, 0.01),
  probeAt('us-east', 20_000, true, 0.03),
  probeAt('us-east', 10_000, true, 0.02),
  probeAt('eu-west', 40_000, true, 0.05),
  probeAt('eu-west', 5_000, false, 2, 'connect ECONNREFUSED'),
];
export const FAILOVER: Failover = { id: 1, region: 'eu-west', geos: ['europe'], detectedAt: NOW - 5_000, reroutedAt: NOW - 2_500, toRegions: ['us-east'], recoveredAt: null, failbackAt: null };

/** A frontier set by hand: applied[source->target]. */
function handFrontier(at: number | null) {
  const applied = new Map<string, number | null>();
  const frontier: ReplicationFrontier & { setAll(at: number | null): void } = {
    sources: () => REGIONS,
    appliedIn: (target) => new Map(REGIONS.filter((source) => source !== target).map((source) => [source, applied.get(pairKey(source, target)) ?? null])),
    setAll: (value) => REGIONS.forEach((source) => REGIONS.forEach((target) => applied.set(pairKey(source, target), value))),
  };
  frontier.setAll(at);
  return frontier;
}

/** A fresh runtime (and the handles tests move): signals over the readings above, stores in memory. */
export function buildRuntime() {
  const db = openEmbeddedDb(':memory:');
  const history = new History(db, config.storage.retention);
  const conflicts = new ConflictStore(db);
  const failoverStore = new FailoverStore(db);
  const sli = new SliCounters(config.slos);
  const statuses: ReturnType<CollectorHealth['statuses']> = [];
  const collectors: CollectorHealth & { isReady: boolean } = { isReady: false, statuses: () => statuses, durations: () => [], ready: () => collectors.isReady };
  const frontier = handFrontier(NOW - 60_000);
  const lag = new LagSignal({ pairLags: () => pairLags, regionClocks: () => clocks }, { regions: REGIONS, thresholdSeconds: 2, observers: [sli] });
  const divergence = new DivergenceSignal({ intervalMs: config.collectors.divergence.interval, frontier });
  const probes = new ProbeSignal(
    {
      latestProbes: () => [PROBES[4], PROBES[6]],
      probesSince: (region, since) => PROBES.filter((probe) => probe.region === region && probe.sentAt >= since),
      currentRoutes: () => new Map([['europe', new Set(['us-east', 'ap-south'])]]),
    },
    { list: () => [FAILOVER] },
    { regions: REGIONS, observers: [sli] },
  );
  const conflictSignal = new ConflictSignal(conflicts, [sli]);
  const slo = new SloSignal(config.slos, history, sli, () => divergence.sliCounts());
  const runtime: Runtime = {
    config,
    startedAt: NOW - 3_600_000,
    signals: { lag, conflicts: conflictSignal, divergence, probes, incidents: new IncidentSignal(new IncidentStore(db)), slo, collectors },
    history,
    prom: null,
    conflicts,
    failoverStore,
    ingestConflicts: (records) => {
      const added = conflicts.add(records);
      conflictSignal.observeStored(added);
      return added;
    },
  };
  return { runtime, history, frontier, statuses, collectors, divergence, lag, slo, failoverStore };
}
