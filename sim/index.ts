import { join, resolve } from 'node:path';
import { writeFileSync, mkdirSync } from 'node:fs';
import { stringify } from 'yaml';
import type { Fault, Scenario } from '@/lib/config/scenario';
import { formatDuration } from '@/lib/config/duration';
import { SimRegion, type ReplicatedTable } from './region';
import { Replicator, pairKey } from './replicator';
import { injectFault, isSimulated } from './faults';
import { seededRandom } from './random';
import type { SimTruth } from './truth';
import { realDivergence } from './divergence';
import { Workload, USERS_TABLE } from './workload';
import { EntityStore, ENTITIES_TABLE } from './entities/store';
import { ENTITY_TYPES } from './entities/types';
import { Traffic, demoGeo } from './traffic';

export type { SimTruth } from './truth';

export interface SimulationOptions {
  dataDir: string;
  /** Repeat the fault schedule every this many ms (the built-in demo runs forever). */
  repeatFaultsEveryMs?: number;
}

/** How long a computed real divergence is served before the stores are read again (it may lag by this much). */
const DIVERGENCE_CACHE_MS = 5000;

/**
 * The demo deployment: one real SQLite store per region, asynchronous replication
 * between every ordered pair, skewed clocks, a small write workload and scheduled faults.
 * Collectors reach these stores only through the production adapters.
 */
export class Simulation {
  readonly regions: SimRegion[];
  readonly replicator: Replicator;
  private readonly truth: SimTruth;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly workload: Workload;
  private readonly conflictCounts = new Map<string, number>();
  private readonly endFaults: (() => void)[] = [];
  private divergenceCache: { at: number; divergent: SimTruth['divergent'] } | null = null;
  readonly traffic: Traffic;

  constructor(
    readonly scenario: Scenario,
    private readonly options: SimulationOptions,
  ) {
    const random = seededRandom(scenario.seed);
    const heartbeatTable: ReplicatedTable = {
      name: scenario.collectors.heartbeat.table,
      key: ['origin'],
      columns: ['seq', 'ts_ms'],
      ddl: `CREATE TABLE IF NOT EXISTS "${scenario.collectors.heartbeat.table}" (origin TEXT PRIMARY KEY, seq INTEGER NOT NULL, ts_ms REAL NOT NULL)`,
    };
    this.regions = scenario.regions.map((name) => new SimRegion(name, this.storePath(name), [heartbeatTable, USERS_TABLE, ENTITIES_TABLE]));
    const countConflict = (source: string, target: string, resolution: string) => {
      const key = `${source}\0${target}\0${resolution}`;
      this.conflictCounts.set(key, (this.conflictCounts.get(key) ?? 0) + 1);
    };
    const stores = this.regions.map((region) => ({
      region,
      entities: new EntityStore(region, scenario.collectors.conflicts.table, countConflict),
    }));
    const { delay, jitter, pairs } = scenario.replication;
    this.replicator = new Replicator(this.regions, {
      delayMs: (source, target) => pairs[pairKey(source, target)] ?? delay,
      jitterMs: jitter,
      random,
      catchupPerSecond: scenario.replication.catchup_rate,
    });
    this.workload = new Workload(stores, scenario, random);
    this.truth = {
      started_at: 0,
      delays: this.replicator.delays(),
      jitter_ms: jitter,
      clock_offsets: {},
      faults: [],
      corrupted: [],
      divergent: [],
      conflicts: [],
      gtm_changes: [],
      failovers: [],
    };
    this.traffic = new Traffic({
      regions: scenario.regions,
      delayMs: (source, target) => pairs[pairKey(source, target)] ?? delay,
      checkIntervalMs: scenario.gtm.check_interval,
      ttlMs: scenario.gtm.ttl,
      truth: this.truth,
    });
  }

  /** Path of a region's store inside the data dir. */
  storePath(region: string): string {
    return resolve(join(this.options.dataDir, 'regions', `${region}.db`));
  }

  async start(): Promise<void> {
    await this.traffic.start();
    this.truth.started_at = Date.now();
    for (const region of this.regions) {
      const offsetMs = this.scenario.clock_offset[region.name] ?? 0;
      region.setClockOffset(offsetMs);
      this.truth.clock_offsets[region.name] = offsetMs;
    }
    this.workload.seed();
    this.replicator.start();
    this.workload.start();
    this.scheduleFaults(0);
  }

  /** Stops new writes while replication goes on, so every region's logs settle (tests count them then). */
  pauseWorkload(): void {
    this.workload.stop();
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const end of this.endFaults.splice(0)) end();
    this.workload.stop();
    this.replicator.stop();
    await this.traffic.stop();
    for (const region of this.regions) region.close();
  }

  /** What was injected so far, and the real divergence it left in the users dataset. */
  getTruth(options: { freshDivergence?: boolean } = {}): SimTruth {
    const conflicts = [...this.conflictCounts].map(([key, count]) => {
      const [source, target, resolution] = key.split('\0');
      return { source, target, resolution, count };
    });
    return structuredClone({ ...this.truth, conflicts, divergent: this.divergence(options.freshDivergence ?? false) });
  }

  /**
   * Read from the stores on request, at most every few seconds: the scan takes tens of
   * milliseconds at 4 regions and runs on the replicator's event loop, so a client polling the
   * truth must not delay replication (and so the lag it checks). Stores close when the demo stops.
   */
  private divergence(fresh: boolean): SimTruth['divergent'] {
    if (!this.regions.every((region) => region.db.open)) return [];
    const now = Date.now();
    if (fresh || !this.divergenceCache || now - this.divergenceCache.at >= DIVERGENCE_CACHE_MS) {
      const divergent = realDivergence(this.regions, USERS_DATASET, (region) => this.replicator.inFlightKeys(region, USERS_TABLE.name, USERS_TABLE.key));
      this.divergenceCache = { at: now, divergent };
    }
    return this.divergenceCache.divergent;
  }

  /** Writes the config for this deployment's stores, so CLI commands can target the demo. */
  writeConfig(file: string): void {
    const { collectors, domains, slos, storage, server, alerts } = this.scenario;
    const config = {
      regions: this.regions.map((region) => ({
        name: region.name,
        store: `sqlite:${region.path}`,
        health: this.traffic.healthUrl(region.name),
        geos: [demoGeo(region.name)],
      })),
      gtm: { resolve: this.traffic.resolvers },
      collectors: {
        heartbeat: { interval: formatDuration(collectors.heartbeat.interval), table: collectors.heartbeat.table },
        probes: { interval: formatDuration(collectors.probes.interval), timeout: formatDuration(collectors.probes.timeout) },
        conflicts: {
          interval: formatDuration(collectors.conflicts.interval),
          table: collectors.conflicts.table,
          // The conflict pages describe each entity type's policy from the config, as a real deployment's would.
          policies: { ...Object.fromEntries(ENTITY_TYPES.map((type) => [type.name, type.policy])), ...collectors.conflicts.policies },
        },
        divergence: {
          interval: formatDuration(collectors.divergence.interval),
          datasets: collectors.divergence.datasets.length > 0 ? collectors.divergence.datasets : [USERS_DATASET],
        },
      },
      // The collectors learn which entity types belong to which domain from the config.
      domains: domains.map((domain) => ({
        ...domain,
        entity_types: domain.entity_types ?? ENTITY_TYPES.filter((type) => type.domain === domain.name).map((type) => type.name),
      })),
      slos: slos.map((slo) => ({ ...slo, window: formatDuration(slo.window), sli: { ...slo.sli, threshold: slo.sli.threshold === undefined ? undefined : formatDuration(slo.sli.threshold) } })),
      storage: { path: resolve(storage.path), retention: formatDuration(storage.retention) },
      server,
      alerts,
      ...(this.scenario.prometheus ? { prometheus: { ...this.scenario.prometheus, timeout: formatDuration(this.scenario.prometheus.timeout) } } : {}),
    };
    mkdirSync(this.options.dataDir, { recursive: true });
    writeFileSync(file, `# Written by regionwatch demo for its simulated stores.\n${stringify(config)}`);
  }

  private scheduleFaults(cycleStart: number): void {
    for (const fault of this.scenario.faults) this.schedule(fault, cycleStart + fault.at);
    const repeat = this.options.repeatFaultsEveryMs;
    if (repeat) this.later(cycleStart + repeat, () => this.scheduleFaults(cycleStart + repeat));
  }

  /** Starts `fault` now, whatever its `at` says (tests place faults where the run has reached). */
  inject(fault: Fault): void {
    this.schedule(fault, Date.now() - this.truth.started_at);
  }

  /** Injects `fault` at `atMs` after the start, and ends it after its duration. */
  private schedule(fault: Fault, atMs: number): void {
    const record = { kind: fault.kind, spec: fault, started_at: null, ended_at: null, simulated: isSimulated(fault.kind) };
    this.truth.faults.push(record);
    this.later(atMs, () => {
      const end = injectFault(fault, record, {
        replicator: this.replicator,
        workload: this.workload,
        traffic: this.traffic,
        region: (name) => this.region(name),
        onClockChange: (region, offsetMs) => (this.truth.clock_offsets[region] = offsetMs),
        onCorrupted: (dataset, region, keys) => this.truth.corrupted.push({ dataset, region, keys }),
      });
      if ('duration' in fault) {
        this.endFaults.push(end);
        this.later(atMs + fault.duration, () => {
          this.endFaults.splice(this.endFaults.indexOf(end), 1);
          end();
        });
      }
    });
  }

  private later(atMs: number, action: () => void): void {
    const wait = this.truth.started_at + atMs - Date.now();
    this.timers.push(setTimeout(action, Math.max(0, wait)));
  }

  private region(name: string): SimRegion {
    const region = this.regions.find((candidate) => candidate.name === name);
    if (!region) throw new Error(`no region ${name} in the scenario`);
    return region;
  }
}

export const USERS_DATASET = { name: 'users', table: 'users', key: ['id'], columns: ['email', 'plan', 'updated_at'] };
