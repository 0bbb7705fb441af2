/** One round trip to a store: when the collector sent it, when the answer came, and the store's stamp. */
export interface OffsetSample {
  sentAt: number;
  receivedAt: number;
  storeMs: number;
}

export interface OffsetEstimate {
  /** Store clock minus collector clock, in ms. */
  offsetMs: number;
  /** The true offset lies within ±errorMs of offsetMs. */
  errorMs: number;
}

/** Store clocks stamp with millisecond resolution; half of that is added to every bound. */
const STAMP_RESOLUTION_MS = 0.5;

/**
 * NTP-style clock offset of one store relative to the collector. Each round trip
 * bounds the offset to `stamp − midpoint ± rtt/2`; the estimate is the tightest
 * bound among recent samples (NTP's clock filter). A sample whose bound cannot
 * overlap the current one means the store's clock stepped: history is dropped.
 */
export class ClockOffsetEstimator {
  private samples: OffsetEstimate[] = [];

  constructor(private readonly windowSize = 16) {}

  add(sample: OffsetSample): void {
    const rtt = Math.max(0, sample.receivedAt - sample.sentAt);
    const next: OffsetEstimate = {
      offsetMs: sample.storeMs - (sample.sentAt + sample.receivedAt) / 2,
      errorMs: rtt / 2 + STAMP_RESOLUTION_MS,
    };
    const current = this.estimate();
    if (current && Math.abs(next.offsetMs - current.offsetMs) > next.errorMs + current.errorMs) {
      this.samples = [];
    }
    this.samples.push(next);
    if (this.samples.length > this.windowSize) this.samples.shift();
  }

  /** The tightest recent bound, or null before the first round trip. */
  estimate(): OffsetEstimate | null {
    let best: OffsetEstimate | null = null;
    for (const sample of this.samples) if (!best || sample.errorMs < best.errorMs) best = sample;
    return best;
  }

  /** Converts a store stamp to collector time; throws before the first sample. */
  toCollectorTime(storeMs: number): number {
    const current = this.estimate();
    if (!current) throw new Error('no clock offset sample yet');
    return storeMs - current.offsetMs;
  }
}
