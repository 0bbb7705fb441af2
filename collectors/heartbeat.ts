import type { StoreAdapter } from './adapters';
import type { Collector, CycleContext } from './types';
import { withTimeout } from './types';
import { sleepOn, systemClock, type Clock } from '@/lib/domain/clock';
import { ClockOffsetEstimator } from './lag/clock-offset';
import { PairLagEstimator } from './lag/estimator';
import type { PairLag, RegionClock } from '@/lib/domain/lag';
import type { ReplicationFrontier } from '@/lib/domain/settlement';

export type { PairLag } from '@/lib/domain/lag';

export interface HeartbeatOptions {
  intervalMs: number;
  timeoutMs: number;
  /** Write heartbeats into these regions (default: all). One collector per region writes only its own. */
  writeRegions?: string[];
  /** Read these regions' views for lag (default: all); asked again each read, so an agent can widen it while it holds the global checks. */
  readRegions?: (region: string) => boolean;
  /** Called with each fresh lag estimate (the lag signal's histogram and SLI counts). */
  onLag?: (source: string, target: string, lagSeconds: number) => void;
  random?: () => number;
  /** Times reads, writes, phases and timeouts; the system clock by default. */
  clock?: Clock;
}

interface RegionState {
  store: StoreAdapter;
  clock: ClockOffsetEstimator;
  nextSeq: number;
  /** Highest seq of this origin the collector has logged as written (own writes or observed). */
  loggedSeq: number;
  writeSuccess: boolean | null;
  /** When the last read of this region's view succeeded (collector time), or null. */
  lastReadOkAt: number | null;
  busy: { write: boolean; read: boolean };
  /** Our recent heartbeat writes into this region, oldest first: when each was sent (collector clock). */
  sent: { seq: number; sentAt: number }[];
}

/** Sent heartbeats remembered per region for the frontier: minutes at the default 100 ms interval. */
const MAX_SENT = 4096;

/**
 * Writes a heartbeat into every region each interval, stamped by that region's store,
 * and reads every region's view of every other region's heartbeat at a random moment
 * within the interval. Lag per ordered pair comes from PairLagEstimator; write times
 * are converted to collector time with an NTP-style offset estimate per store.
 */
export class HeartbeatCollector implements Collector, ReplicationFrontier {
  readonly name = 'heartbeat';
  readonly intervalMs: number;
  readonly regions: string[];
  private readonly state = new Map<string, RegionState>();
  private readonly pairs = new Map<string, PairLagEstimator>();
  private readonly writeRegions: Set<string>;
  private readonly readsLag: (region: string) => boolean;
  private readonly random: () => number;
  private readonly clock: Clock;

  constructor(
    stores: StoreAdapter[],
    private readonly options: HeartbeatOptions,
  ) {
    this.intervalMs = options.intervalMs;
    this.regions = stores.map((store) => store.region);
    this.writeRegions = new Set(options.writeRegions ?? this.regions);
    this.readsLag = options.readRegions ?? (() => true);
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? systemClock;
    const firstSeq = this.clock.now();
    for (const store of stores) {
      this.state.set(store.region, {
        store,
        clock: new ClockOffsetEstimator(),
        nextSeq: firstSeq,
        // Another collector's sequence numbers are unrelated to ours: accept any until one is logged.
        loggedSeq: -Infinity,
        writeSuccess: null,
        lastReadOkAt: null,
        busy: { write: false, read: false },
        sent: [],
      });
      for (const target of this.regions) {
        if (target !== store.region) this.pairs.set(`${store.region}->${target}`, new PairLagEstimator());
      }
    }
  }

  async runCycle(context: CycleContext): Promise<void> {
    await Promise.all(this.regions.map((region) => this.cycleRegion(region, context)));
  }

  /** Stores are closed by whoever opened them. */
  async close(): Promise<void> {}

  /** Current lag of every ordered pair whose target view was read recently. */
  pairLags(now = this.clock.now()): PairLag[] {
    const lags: PairLag[] = [];
    for (const [key, estimator] of this.pairs) {
      const [source, target] = key.split('->');
      if (!this.isFresh(target, now)) continue;
      const estimate = estimator.estimate();
      if (estimate) lags.push({ source, target, ...estimate });
    }
    return lags;
  }

  sources(): readonly string[] {
    return this.regions;
  }

  /**
   * {@link ReplicationFrontier}: per source, when we sent the newest of its heartbeats visible in
   * `target`, on our own clock. That heartbeat committed after it was sent, so every write the
   * source committed before that moment has landed in `target`: no store clock is involved.
   * For a source whose heartbeats another collector writes (one agent per region), the
   * heartbeat's commit stamp stands in, on our clock and less the clock offset's error.
   */
  appliedIn(target: string): Map<string, number | null> {
    const applied = new Map<string, number | null>();
    for (const source of this.regions) {
      if (source === target) continue;
      const visibleSeq = this.pairs.get(`${source}->${target}`)?.newestVisibleSeq() ?? -Infinity;
      const sent = this.state.get(source)?.sent ?? [];
      let sentAt: number | null = null;
      for (let index = sent.length - 1; index >= 0; index--) {
        if (sent[index].seq <= visibleSeq) {
          sentAt = sent[index].sentAt;
          break;
        }
      }
      applied.set(source, sentAt);
    }
    return applied;
  }

  /** Per region: did the last heartbeat write succeed, and the store's clock offset. */
  regionClocks(): RegionClock[] {
    return [...this.state.entries()].map(([region, state]) => {
      const estimate = state.clock.estimate();
      return { region, writeSuccess: state.writeSuccess, offsetMs: estimate?.offsetMs ?? null, offsetErrorMs: estimate?.errorMs ?? null };
    });
  }

  /** Converts a timestamp from `region`'s store clock to the collector's clock, when its offset is known. */
  toCollectorTime(region: string, storeMs: number): number {
    const estimate = this.state.get(region)?.clock.estimate();
    return estimate ? storeMs - estimate.offsetMs : storeMs;
  }

  /** A target's view counts only while reads of it keep succeeding. */
  private isFresh(target: string, now: number): boolean {
    const lastReadOkAt = this.state.get(target)?.lastReadOkAt;
    return lastReadOkAt != null && now - lastReadOkAt <= 3 * this.intervalMs + this.options.timeoutMs;
  }

  private async cycleRegion(region: string, context: CycleContext): Promise<void> {
    const state = this.state.get(region)!;
    const errors: unknown[] = [];
    const write = this.writeRegions.has(region) ? this.writeHeartbeat(region, state).catch((error) => errors.push(error)) : null;
    // A random phase per read decorrelates reads from writes, which is what narrows the lag bounds.
    // Regions whose heartbeats another collector writes are read too, to learn those writes.
    const needsRead = this.readsLag(region) || !this.writeRegions.has(region);
    const read = needsRead
      ? sleepOn(this.clock, this.random() * this.intervalMs)
          .then(() => this.readView(region, state))
          .catch((error) => errors.push(error))
      : null;
    await Promise.all([write, read]);
    context.report(region, errors.length === 0, errors[0]);
  }

  private async writeHeartbeat(origin: string, state: RegionState): Promise<void> {
    if (state.busy.write) throw new Error(`heartbeat write to ${origin}: previous write still pending`);
    const seq = state.nextSeq++;
    const sentAt = this.clock.now();
    state.sent.push({ seq, sentAt });
    if (state.sent.length > MAX_SENT) state.sent.splice(0, state.sent.length - MAX_SENT);
    state.busy.write = true;
    try {
      const row = await this.guard(state.store.writeHeartbeat(origin, seq), state, 'write', `heartbeat write to ${origin}`);
      const answeredAt = this.clock.now();
      state.clock.add({ sentAt, receivedAt: answeredAt, storeMs: row.tsMs });
      state.writeSuccess = true;
      this.logWrite(origin, state, seq, row.tsMs);
    } catch (error) {
      state.writeSuccess = false;
      throw error;
    }
  }

  private async readView(target: string, state: RegionState): Promise<void> {
    if (state.busy.read) throw new Error(`heartbeat read from ${target}: previous read still pending`);
    state.busy.read = true;
    const sentAt = this.clock.now();
    const { rows, storeNowMs } = await this.guard(state.store.readHeartbeats(), state, 'read', `heartbeat read from ${target}`);
    const answeredAt = this.clock.now();
    state.clock.add({ sentAt, receivedAt: answeredAt, storeMs: storeNowMs });
    const visible = new Map(rows.map((row) => [row.origin, row]));
    const ownRow = visible.get(target);
    // Heartbeats written by another collector (one per region at scale) are learned from the origin's own row.
    if (!this.writeRegions.has(target) && ownRow) this.logWrite(target, state, ownRow.seq, ownRow.tsMs);
    if (!this.readsLag(target)) return;
    for (const source of this.regions) {
      if (source === target) continue;
      const row = visible.get(source);
      const estimator = this.pairs.get(`${source}->${target}`)!;
      estimator.onRead(row?.seq ?? -1, sentAt, answeredAt);
      const estimate = estimator.estimate();
      if (estimate) this.options.onLag?.(source, target, estimate.lagMs / 1000);
    }
    state.lastReadOkAt = answeredAt;
  }

  /** Records that `origin` wrote heartbeat `seq` stamped `storeMs`, for every pair out of it. */
  private logWrite(origin: string, state: RegionState, seq: number, storeMs: number): void {
    if (seq <= state.loggedSeq) return;
    state.loggedSeq = seq;
    const writtenAt = state.clock.toCollectorTime(storeMs);
    // Another collector sent this heartbeat: its commit stamp, moved to our clock and made earlier by
    // the offset's error, stands in for the send time the frontier needs (never later than the truth).
    const offset = this.writeRegions.has(origin) ? null : state.clock.estimate();
    if (offset) {
      state.sent.push({ seq, sentAt: writtenAt - offset.errorMs });
      if (state.sent.length > MAX_SENT) state.sent.splice(0, state.sent.length - MAX_SENT);
    }
    for (const target of this.regions) {
      if (target !== origin) this.pairs.get(`${origin}->${target}`)!.onWritten(seq, writtenAt);
    }
  }

  /** Applies the timeout and keeps the region marked busy until the store really answers. */
  private guard<T>(work: Promise<T>, state: RegionState, kind: 'write' | 'read', what: string): Promise<T> {
    void work.then(
      () => (state.busy[kind] = false),
      () => (state.busy[kind] = false),
    );
    return withTimeout(work, this.options.timeoutMs, what, this.clock);
  }
}
