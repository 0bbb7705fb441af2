import type { ConflictRecord } from '@/lib/domain/conflict';
import type { PairCheck } from '@/lib/domain/divergence';
import type { ConflictStore, CursorLeases } from './conflicts';
import type { DivergenceStore } from './divergence';
import type { FailoverStore } from './failovers';
import type { IncidentStore } from './incidents';
import type { Outbox, OutboxKind, PullPositions } from './outbox';
import { PULL_FROM_START, type Pulled, type PullCursor, type SharedEventStore } from './shared';

/** Entries sent per transaction, and transactions per tick, so one tick stays short. */
const BATCH = 500;
const BATCHES_PER_TICK = 20;
/** A claim is trusted locally for its lease minus this, so it lapses here before it does in the store. */
const LEASE_MARGIN_MS = 1000;

/** The cursors this process holds, and until when (monotonic ms): written by `EventSync`, read by the collectors through the store. */
export class CursorClaims implements CursorLeases {
  private readonly until = new Map<string, number>();

  owns(collector: string, region: string): boolean {
    return (this.until.get(`${collector}/${region}`) ?? 0) > performance.now();
  }

  grant(collector: string, region: string, until: number): void {
    this.until.set(`${collector}/${region}`, until);
  }

  revoke(collector: string, region: string): void {
    this.until.delete(`${collector}/${region}`);
  }

  clear(): void {
    this.until.clear();
  }

  held(): string[] {
    const now = performance.now();
    return [...this.until].filter(([, until]) => until > now).map(([key]) => key);
  }
}

export interface SyncOptions {
  shared: SharedEventStore;
  claims: CursorClaims;
  outbox: Outbox;
  positions: PullPositions;
  conflicts: ConflictStore;
  failovers: FailoverStore;
  incidents: IncidentStore;
  divergence: DivergenceStore;
  /** The (collector, region) cursors this process moves: claimed, and renewed every tick. */
  cursors: { collector: string; region: string }[];
  leaseMs: number;
  /** Read every writer's events back into the embedded database (a dashboard does). */
  pull: boolean;
  /** Conflicts read back that were new here or newly resolved, to be observed like collected ones. */
  onPulled?: (added: ConflictRecord[], resolved: ConflictRecord[]) => void;
  /** Divergence checks read back that are newer than what was here. */
  onPulledDivergence?: (checks: PairCheck[]) => void;
  intervalMs?: number;
  log: (line: string) => void;
}

export interface SyncStatus {
  /** Whether the last exchange with the shared store succeeded. */
  connected: boolean;
  lastError: string | null;
  /** Events written here and not yet acknowledged by the shared store. */
  pending: number;
  /** `collector/region` cursors this process holds now. */
  owned: string[];
}

/**
 * Keeps the embedded database and the shared event store in step, once per tick: claims the
 * cursors this process moves, sends what the outbox holds (then the cursor positions, which
 * never run ahead of what was sent), and for a dashboard reads every writer's events back.
 * While the shared store is unreachable, events wait in the outbox and claims lapse, so
 * another collector can take over a region; nothing acknowledged here is lost.
 */
export class EventSync {
  private readonly holders = new Map<string, string>();
  private migrated = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private status: Omit<SyncStatus, 'pending' | 'owned'> = { connected: false, lastError: null };

  constructor(private readonly options: SyncOptions) {}

  /** Runs the first tick (so a collector that can reach the store starts with its claims), then one per interval. */
  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs ?? 1000);
  }

  /** One exchange; overlapping calls share the one in flight. */
  tick(): Promise<void> {
    this.running ??= this.exchange().finally(() => (this.running = null));
    return this.running;
  }

  snapshot(): SyncStatus {
    return { ...this.status, pending: this.options.outbox.size(), owned: this.options.claims.held() };
  }

  /** Sends what is left, gives up the claims so another collector can take over at once, and closes. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    if (this.migrated) {
      await this.push().catch((error) => this.options.log(`shared event store: final send failed, ${this.options.outbox.size()} events wait in the outbox: ${(error as Error).message}`));
      await this.options.shared.release().catch(() => undefined);
    }
    this.options.claims.clear();
    await this.options.shared.close();
  }

  private async exchange(): Promise<void> {
    try {
      if (!this.migrated) {
        const version = await this.options.shared.migrate();
        this.migrated = true;
        this.options.log(`shared event store: schema version ${version}`);
      }
      await this.claim();
      await this.push();
      if (this.options.pull) await this.pullAll();
      if (!this.status.connected && this.status.lastError) this.options.log('shared event store: reachable again');
      this.status = { connected: true, lastError: null };
    } catch (error) {
      const message = (error as Error).message;
      if (message !== this.status.lastError) this.options.log(`shared event store: ${message}`);
      this.status = { connected: false, lastError: message };
    }
  }

  private async claim(): Promise<void> {
    const { shared, conflicts, cursors, leaseMs, claims } = this.options;
    for (const { collector, region } of cursors) {
      const key = `${collector}/${region}`;
      const sent = performance.now();
      const claim = await shared.claim(collector, region, leaseMs);
      if (claim.owned) {
        if (!claims.owns(collector, region)) this.options.log(`shared event store: this collector now reads ${key}, from position ${Math.max(claim.position, conflicts.cursor(collector, region))}`);
        if (claim.position > conflicts.cursor(collector, region)) conflicts.setCursor(collector, region, claim.position);
        claims.grant(collector, region, sent + leaseMs - LEASE_MARGIN_MS);
        this.holders.delete(key);
      } else {
        claims.revoke(collector, region);
        if (this.holders.get(key) !== claim.owner) this.options.log(`shared event store: ${key} is read by collector ${claim.owner}; standing by until its claim lapses`);
        this.holders.set(key, claim.owner);
      }
    }
  }

  /**
   * Sends the outbox in batches. The cursor positions, read before the outbox, go with the
   * batch that empties it: every row up to them was queued by then, so a cursor in the shared
   * store never runs ahead of the rows there.
   */
  private async push(): Promise<void> {
    const { outbox, conflicts, failovers, incidents, divergence, shared, claims } = this.options;
    const cursors = this.options.cursors
      .filter(({ collector, region }) => claims.owns(collector, region))
      .map((cursor) => ({ ...cursor, position: conflicts.cursor(cursor.collector, cursor.region) }));
    for (let batch = 0; batch < BATCHES_PER_TICK; batch++) {
      const entries = outbox.peek(BATCH);
      const last = entries.length < BATCH;
      if (entries.length === 0 && cursors.length === 0) return;
      const refs = (...kinds: OutboxKind[]) => [...new Set(entries.filter((entry) => kinds.includes(entry.kind)).map((entry) => entry.ref))];
      const written = new Set(
        await shared.write({
          conflicts: conflicts.bySourceKeys(refs('conflict', 'resolution')),
          failovers: refs('failover').flatMap((id) => failovers.get(Number(id)) ?? []),
          incidents: refs('incident').flatMap((id) => incidents.get(Number(id)) ?? []),
          divergence: refs('divergence').flatMap((ref) => divergence.get(ref) ?? []),
          cursors: last ? cursors : [],
        }),
      );
      if (entries.length > 0)
        conflicts.acknowledge(
          entries.at(-1)!.seq,
          refs('conflict').filter((key) => written.has(key)),
        );
      if (last) return;
    }
  }

  private async pullAll(): Promise<void> {
    const { shared, conflicts, failovers, incidents, divergence, onPulled, onPulledDivergence } = this.options;
    await this.pull(
      'conflict',
      (from) => shared.pullConflicts(from, BATCH),
      (rows) => {
        const { added, resolved } = conflicts.applyShared(rows);
        onPulled?.(added, resolved);
      },
    );
    await this.pull(
      'failover',
      (from) => shared.pullFailovers(from, BATCH),
      (rows) => rows.forEach((failover) => failovers.applyShared(failover)),
    );
    await this.pull(
      'incident',
      (from) => shared.pullIncidents(from, BATCH),
      (rows) => rows.forEach((incident) => incidents.applyShared(incident)),
    );
    await this.pull(
      'divergence',
      (from) => shared.pullDivergence(from, BATCH),
      (rows) => onPulledDivergence?.(rows.filter((check) => divergence.applyShared(check))),
    );
  }

  private async pull<T>(kind: OutboxKind, read: (from: PullCursor) => Promise<Pulled<T>>, apply: (rows: T[]) => void): Promise<void> {
    const { positions } = this.options;
    for (let batch = 0; batch < BATCHES_PER_TICK; batch++) {
      const stored = positions.get(kind);
      const page = await read(stored ? (JSON.parse(stored) as PullCursor) : PULL_FROM_START);
      apply(page.rows);
      positions.set(kind, JSON.stringify(page.next));
      if (page.done) return;
    }
  }
}
