import type { Config } from '@/lib/config/schema';
import { DEFAULT_RUNBOOKS, type Incident } from '@/lib/domain/incident';
import type { Collector, CycleContext } from '../types';
import { findConditions, type IncidentKind, type WorldState } from './detect';

/** Where incidents are kept so the timeline survives restarts (the embedded store). */
export interface IncidentSink {
  /** Inserts or updates; returns the incident's id. */
  save(incident: Incident): number;
  list(): Incident[];
}

/** A condition must be gone this long before its incident closes, so it does not flap. */
const CLOSE_AFTER_MS = 3000;
/** Writes outside a domain's home within this window count as split-brain writes. */
const WRITE_WINDOW_MS = 30_000;

export interface IncidentSources {
  world: () => Omit<WorldState, 'at' | 'previousBacklog' | 'domainWriters'> & { violations: { domain: string; home_region: string; write_region: string; count: number }[] };
}

/** Evaluates the incident conditions every interval and keeps the incident timeline. */
export class IncidentTracker implements Collector {
  readonly name = 'incidents';
  readonly regions: string[] = [];
  private readonly open = new Map<string, { incident: Incident; lastSeen: number }>();
  private previousBacklog = new Map<string, { at: number; backlog: number; lagSeconds: number }>();
  private readonly lastViolation = new Map<string, { count: number; increasedAt: number }>();
  /** Conditions seen once: an incident opens only when its condition holds on two cycles in a row. */
  private seenOnce = new Set<string>();

  constructor(
    private readonly config: Config,
    private readonly store: IncidentSink,
    private readonly sources: IncidentSources,
    readonly intervalMs = 1000,
  ) {
    for (const incident of store.list()) if (incident.closedAt === null) this.open.set(incident.key, { incident, lastSeen: Date.now() });
  }

  async runCycle(_context: CycleContext): Promise<void> {
    const at = Date.now();
    const world = this.sources.world();
    const conditions = findConditions({ ...world, at, previousBacklog: this.previousBacklog, domainWriters: this.domainWriters(world.violations, at) });
    this.previousBacklog = new Map(world.pairs.map((pair) => [`${pair.source}->${pair.target}`, { at, backlog: pair.backlog, lagSeconds: pair.lagSeconds }]));
    const previouslySeen = this.seenOnce;
    this.seenOnce = new Set(conditions.map((condition) => condition.key));
    for (const condition of conditions) {
      const existing = this.open.get(condition.key);
      if (!existing && !previouslySeen.has(condition.key)) continue;
      const incident: Incident = existing
        ? { ...existing.incident, title: condition.title, regions: condition.regions, details: condition.details }
        : {
            id: 0,
            kind: condition.kind,
            key: condition.key,
            title: condition.title,
            regions: condition.regions,
            openedAt: at,
            closedAt: null,
            details: condition.details,
            runbook: this.runbook(condition.kind),
          };
      incident.id = this.store.save(incident);
      this.open.set(condition.key, { incident, lastSeen: at });
    }
    const seen = new Set(conditions.map((condition) => condition.key));
    for (const [key, { incident, lastSeen }] of this.open) {
      if (seen.has(key) || at - lastSeen < CLOSE_AFTER_MS) continue;
      this.store.save({ ...incident, closedAt: lastSeen });
      this.open.delete(key);
    }
  }

  async close(): Promise<void> {}

  private runbook(kind: IncidentKind): string {
    return this.config.runbooks[kind] ?? DEFAULT_RUNBOOKS[kind];
  }

  /** Per domain, the non-home regions whose violation count rose within the window. */
  private domainWriters(violations: { domain: string; home_region: string; write_region: string; count: number }[], at: number) {
    const writers = new Map<string, { home: string; regions: string[] }>();
    for (const violation of violations) {
      const key = `${violation.domain}|${violation.write_region}`;
      const previous = this.lastViolation.get(key);
      const increasedAt = !previous || violation.count > previous.count ? (previous ? at : 0) : previous.increasedAt;
      this.lastViolation.set(key, { count: violation.count, increasedAt });
      if (increasedAt > 0 && at - increasedAt <= WRITE_WINDOW_MS) {
        const entry = writers.get(violation.domain) ?? { home: violation.home_region, regions: [] };
        entry.regions.push(violation.write_region);
        writers.set(violation.domain, entry);
      }
    }
    return writers;
  }
}
