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

/**
 * Asynchronous, ordered replication between every ordered pair of regions. A change
 * committed at t in the source becomes visible in the target at t + delay ± jitter
 * (uniform), never before a change committed earlier in the same source.
 */
export class Replicator {
  private readonly streams = new Map<PairKey, PairStream>();
  private readonly cursors = new Map<string, number>();
  private poller: NodeJS.Timeout | null = null;

  constructor(
    private readonly regions: SimRegion[],
    private readonly options: ReplicatorOptions,
  ) {
    for (const source of regions) {
      this.cursors.set(source.name, 0);
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
        });
      }
    }
  }

  start(): void {
    for (const region of this.regions) {
      // Changes left from an earlier run were never shipped; ship them now.
      this.cursors.set(region.name, 0);
    }
    this.poller = setInterval(() => this.poll(), this.options.pollMs ?? 5);
  }

  stop(): void {
    if (this.poller) clearInterval(this.poller);
    for (const stream of this.streams.values()) if (stream.timer) clearTimeout(stream.timer);
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
    for (const source of this.regions) {
      const cursor = this.cursors.get(source.name) ?? 0;
      const changes = source.changesAfter(cursor);
      if (changes.length === 0) continue;
      const lastId = changes[changes.length - 1].id;
      this.cursors.set(source.name, lastId);
      source.forgetChangesUpTo(lastId);
      for (const target of this.regions) {
        if (target !== source) this.enqueue(this.stream(source.name, target.name), changes);
      }
    }
  }

  private enqueue(stream: PairStream, changes: CapturedChange[]): void {
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
      stream.target.applyReplicated(stream.queue.slice(0, due).map((item) => item.change), stream.source.name);
      stream.queue = stream.queue.slice(due);
    }
    if (due === maxBatch && stream.queue[0]?.applyAt <= now) {
      stream.timer = setTimeout(() => this.deliver(stream), DELIVERY_SLICE_MS);
      return;
    }
    this.schedule(stream);
  }
}
