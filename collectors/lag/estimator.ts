/**
 * Replication lag of one ordered region pair, estimated from heartbeats.
 *
 * The collector knows when it wrote every heartbeat into the source (`writtenAt`,
 * collector time). Every read of the target tells, for each heartbeat, either "applied by
 * the time this read answered" (an upper bound on its lag) or "not applied when this read
 * was sent" (a lower bound). Reads land at random phases, so the bounds of consecutive
 * heartbeats interleave; intersecting them over a short window narrows the lag to well
 * under one heartbeat interval. A heartbeat still missing bounds the lag from below, so
 * when replication stops the estimate keeps rising with wall time.
 */

import type { LagEstimate } from '@/lib/domain/lag';

export type { LagEstimate } from '@/lib/domain/lag';

interface Heartbeat {
  seq: number;
  writtenAt: number;
  /** Lag is at least this (ms): the heartbeat was not visible to a read sent this long after it was written. */
  lowMs: number;
  /** Lag is at most this (ms): set once a read shows the heartbeat. */
  highMs: number;
}

export interface EstimatorOptions {
  /** How far back applied heartbeats are combined (ms). */
  windowMs: number;
  /** Bounds of heartbeats in one window may disagree by this much (jitter) before older ones are dropped. */
  toleranceMs: number;
  /** Pending heartbeats kept per pair during a long stall. */
  maxPending: number;
}

const DEFAULTS: EstimatorOptions = { windowMs: 2000, toleranceMs: 30, maxPending: 4096 };

export class PairLagEstimator {
  private readonly options: EstimatorOptions;
  private pending: Heartbeat[] = [];
  private applied: Heartbeat[] = [];
  private lastVisibleSeq = -Infinity;
  private lastReadAnsweredAt: number | null = null;

  constructor(options: Partial<EstimatorOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** The collector wrote heartbeat `seq` into the source at `writtenAt` (collector time). */
  onWritten(seq: number, writtenAt: number): void {
    const heartbeat = { seq, writtenAt, lowMs: 0, highMs: Infinity };
    if (seq <= this.lastVisibleSeq && this.lastReadAnsweredAt !== null) {
      // Seen before its write was acknowledged (possible with very slow acks).
      heartbeat.highMs = Math.max(0, this.lastReadAnsweredAt - writtenAt);
      this.pushApplied(heartbeat);
      return;
    }
    this.pending.push(heartbeat);
    if (this.pending.length > this.options.maxPending) this.pending.splice(1, 1);
  }

  /** A read sent at `sentAt` and answered at `answeredAt` showed the source's heartbeat `visibleSeq`. */
  onRead(visibleSeq: number, sentAt: number, answeredAt: number): void {
    this.lastVisibleSeq = Math.max(this.lastVisibleSeq, visibleSeq);
    this.lastReadAnsweredAt = answeredAt;
    let appliedCount = 0;
    for (const heartbeat of this.pending) {
      if (heartbeat.seq <= visibleSeq) {
        heartbeat.highMs = Math.max(heartbeat.lowMs, answeredAt - heartbeat.writtenAt);
        this.pushApplied(heartbeat);
        appliedCount++;
      } else if (sentAt > heartbeat.writtenAt) {
        heartbeat.lowMs = Math.max(heartbeat.lowMs, sentAt - heartbeat.writtenAt);
      }
    }
    if (appliedCount > 0) this.pending = this.pending.slice(appliedCount);
  }

  /** The highest sequence number of the source's heartbeats seen in the target (−Infinity before any). */
  newestVisibleSeq(): number {
    return this.lastVisibleSeq;
  }

  /** The current estimate, or null before the first heartbeat was written and read back. */
  estimate(): LagEstimate | null {
    const newest = this.applied.at(-1);
    const oldestPending = this.pending[0];
    if ((!newest && !oldestPending) || this.lastReadAnsweredAt === null) return null;
    const backlog = this.pending.length;
    const lastAppliedWrittenAt = newest?.writtenAt ?? null;
    const window = newest ? this.consistentWindow() : null;
    // The oldest missing heartbeat has been in flight at least this long: lag cannot be less.
    const floorMs = oldestPending?.lowMs ?? 0;
    if (!window || floorMs > window.midMs) {
      // Stalled: the view is older than the oldest missing heartbeat but not older than the newest visible one.
      const upperMs = newest && this.lastReadAnsweredAt !== null ? Math.max(floorMs, this.lastReadAnsweredAt - newest.writtenAt) : floorMs;
      return { lagMs: (floorMs + upperMs) / 2, errorBoundMs: (upperMs - floorMs) / 2, lastAppliedWrittenAt, backlog };
    }
    return { lagMs: window.midMs, errorBoundMs: window.halfWidthMs, lastAppliedWrittenAt, backlog };
  }

  /** Newest heartbeats whose bounds agree (within tolerance), combined into one interval. */
  private consistentWindow(): { midMs: number; halfWidthMs: number } {
    let low = -Infinity;
    let high = Infinity;
    for (let index = this.applied.length - 1; index >= 0; index--) {
      const heartbeat = this.applied[index];
      const nextLow = Math.max(low, heartbeat.lowMs);
      const nextHigh = Math.min(high, heartbeat.highMs);
      if (low !== -Infinity && nextLow - nextHigh > this.options.toleranceMs) break;
      low = nextLow;
      high = nextHigh;
    }
    return { midMs: (low + high) / 2, halfWidthMs: Math.abs(high - low) / 2 };
  }

  private pushApplied(heartbeat: Heartbeat): void {
    this.applied.push(heartbeat);
    const horizon = heartbeat.writtenAt - this.options.windowMs;
    let drop = 0;
    while (drop < this.applied.length - 1 && this.applied[drop].writtenAt < horizon) drop++;
    if (drop > 0) this.applied = this.applied.slice(drop);
  }
}
