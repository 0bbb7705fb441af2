import type { CapturedChange, SimRegion } from './region';

export type PairKey = `${string}->${string}`;
export const pairKey = (source: string, target: string): PairKey => `${source}->${target}`;

interface InFlight {
  change: CapturedChange;
  applyAt: number;
}

interface PairStream {
  source: SimRegion;
  target: SimRegion;
  delayMs: number;
  queue: InFlight[];
  lastApplyAt: number;
  timer: NodeJS.Timeout | null;
  /** Number of reasons the stream is stopped (stall, partition, outage may overlap). */
  stops: number;
  /** The last change id of the source the target has applied (also kept in the target's store). */
  appliedId: number;
}

interface SourceCursor {
  /** The last change id read from the source and queued to every stream that needed it. */
  readId: number;
  /** Changes up to here are deleted from the source: every target has applied them. */
  forgottenId: number;
  forgottenAt: number;
}

export interface ReplicatorOptions {
  delayMs: (source: string, target: string) => number;
  jitterMs: number;
  random: () => number;
  pollMs?: number;
  /** Changes per second a stream applies when catching up on a backlog. */
  catchupPerSecond?: number;
}

const DELIVERY_SLICE_MS = 20;
/** How often a source deletes what every target applied: one DELETE per poll would be wasted work. */
const FORGET_EVERY_MS = 200;

/**
 * Asynchronous, ordered replication between every ordered pair of regions. A change
 * committed at t in the source becomes visible in the target at t + delay ± jitter
 * (uniform), never before a change committed earlier in the same source.
 *
 * A source keeps a change until every target has applied it, and each target records what it
 * applied in the same transaction, so stopping with changes in flight and starting again on the
 * same stores loses nothing and applies nothing twice.
 */
export class Replicator {
  private readonly streams = new Map<PairKey, PairStream>();
  private readonly cursors = new Map<string, SourceCursor>();
  private poller: NodeJS.Timeout | null = null;

  constructor(
    private readonly regions: SimRegion[],
    private readonly options: ReplicatorOptions,
  ) {
    for (const source of regions) {
      this.cursors.set(source.name, { readId: 0, forgottenId: 0, forgottenAt: 0 });
      for (const target of regions) {
        if (source === target) continue;
        this.streams.set(pairKey(source.name, target.name), {
          source,
          target,
          delayMs: options.delayMs(source.name, target.name),
          queue: [],
          lastApplyAt: 0,
          timer: null,
          stops: 0,
          appliedId: 0,
        });
      }
    }
  }

  start(): void {
    for (const stream of this.streams.values()) {
      stream.queue = [];
      stream.lastApplyAt = 0;
      stream.appliedId = stream.target.appliedCursor(stream.source.name);
      // A cursor past the source's last id means the source's store was recreated: ship it all.
      if (stream.appliedId > stream.source.lastChangeId()) {
        stream.appliedId = 0;
        stream.target.setAppliedCursor(stream.source.name, 0);
      }
    }
    for (const source of this.regions) {
      // Changes an earlier run captured but did not land everywhere are shipped again from here.
      const floor = this.appliedFloor(source);
      // Nothing counts as forgotten yet: the last run may have stopped before deleting what had landed.
      this.cursors.set(source.name, { readId: floor, forgottenId: 0, forgottenAt: 0 });
    }
    this.poller = setInterval(() => this.poll(), this.options.pollMs ?? 5);
  }

  stop(): void {
    if (this.poller) clearInterval(this.poller);
    for (const stream of this.streams.values()) {
      if (stream.timer) clearTimeout(stream.timer);
      stream.timer = null;
    }
  }

  /** Stops (or resumes) shipping from `source` to `target`; changes queue up meanwhile. */
  setStopped(source: string, target: string, stopped: boolean): void {
    const stream = this.stream(source, target);
    stream.stops = Math.max(0, stream.stops + (stopped ? 1 : -1));
    if (stream.stops === 0) this.schedule(stream);
  }

  /** Changes captured in `source` and not yet visible in `target`. */
  backlog(source: string, target: string): number {
    return this.stream(source, target).queue.length;
  }

  /** True when every change captured so far has been applied in every other region. */
  settled(): boolean {
    for (const stream of this.streams.values()) if (stream.appliedId < stream.source.lastChangeId()) return false;
    return true;
  }

  /**
   * Keys of `table` rows with a change captured in another region and not yet applied in
   * `target`, whether queued or not read yet: what may still change in `target`.
   */
  inFlightKeys(target: string, table: string, key: string[]): Set<string> {
    const keys = new Set<string>();
    for (const stream of this.streams.values()) {
      if (stream.target.name !== target) continue;
      for (const entityKey of stream.source.changedKeysAfter(stream.appliedId, table, key)) keys.add(entityKey);
    }
    return keys;
  }

  regionNames(): string[] {
    return this.regions.map((region) => region.name);
  }

  delays(): Record<PairKey, number> {
    const delays: Record<PairKey, number> = {};
    for (const [key, stream] of this.streams) delays[key] = stream.delayMs;
    return delays;
  }

  private stream(source: string, target: string): PairStream {
    const stream = this.streams.get(pairKey(source, target));
    if (!stream) throw new Error(`no replication stream ${source}->${target}`);
    return stream;
  }

  private poll(): void {
    const now = Date.now();
    for (const source of this.regions) {
      const cursor = this.cursors.get(source.name)!;
      this.forgetApplied(source, cursor, now);
      const changes = source.changesAfter(cursor.readId);
      if (changes.length === 0) continue;
      cursor.readId = changes[changes.length - 1].id;
      for (const target of this.regions) {
        if (target === source) continue;
        const stream = this.stream(source.name, target.name);
        // Only after a restart can a target already hold some of what is read.
        this.enqueue(stream, changes[0].id > stream.appliedId ? changes : changes.filter((change) => change.id > stream.appliedId));
      }
    }
  }

  private forgetApplied(source: SimRegion, cursor: SourceCursor, now: number): void {
    if (now - cursor.forgottenAt < FORGET_EVERY_MS) return;
    const floor = this.appliedFloor(source);
    if (floor <= cursor.forgottenId) return;
    source.forgetChangesUpTo(floor);
    cursor.forgottenId = floor;
    cursor.forgottenAt = now;
  }

  /** The last change id of `source` that every target has applied. */
  private appliedFloor(source: SimRegion): number {
    let floor = Infinity;
    for (const target of this.regions) {
      if (target !== source) floor = Math.min(floor, this.stream(source.name, target.name).appliedId);
    }
    return Number.isFinite(floor) ? floor : 0;
  }

  private enqueue(stream: PairStream, changes: CapturedChange[]): void {
    if (changes.length === 0) return;
    const { jitterMs, random } = this.options;
    for (const change of changes) {
      const jitter = (random() * 2 - 1) * jitterMs;
      const applyAt = Math.max(stream.lastApplyAt, change.committedAt + stream.delayMs + jitter);
      stream.lastApplyAt = applyAt;
      stream.queue.push({ change, applyAt });
    }
    if (!stream.timer) this.schedule(stream);
  }

  private schedule(stream: PairStream): void {
    if (stream.timer) clearTimeout(stream.timer);
    stream.timer = null;
    if (stream.stops > 0 || stream.queue.length === 0) return;
    const wait = Math.max(0, stream.queue[0].applyAt - Date.now());
    stream.timer = setTimeout(() => this.deliver(stream), wait);
  }

  private deliver(stream: PairStream): void {
    stream.timer = null;
    if (stream.stops > 0) return;
    const now = Date.now();
    // A backlog drains at a finite rate, as a real apply process would, so its drain can be watched.
    const maxBatch = Math.max(1, Math.round(((this.options.catchupPerSecond ?? 500) * DELIVERY_SLICE_MS) / 1000));
    let due = 0;
    while (due < stream.queue.length && due < maxBatch && stream.queue[due].applyAt <= now + 0.5) due++;
    if (due > 0) {
      const batch = stream.queue.slice(0, due).map((item) => item.change);
      stream.target.applyReplicated(batch, stream.source.name);
      stream.appliedId = batch[batch.length - 1].id;
      stream.queue = stream.queue.slice(due);
    }
    if (due === maxBatch && stream.queue[0]?.applyAt <= now) {
      stream.timer = setTimeout(() => this.deliver(stream), DELIVERY_SLICE_MS);
      return;
    }
    this.schedule(stream);
  }
}
