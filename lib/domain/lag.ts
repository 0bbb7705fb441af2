/** The lag of one ordered pair as the heartbeat estimator sees it (milliseconds). */
export interface LagEstimate {
  lagMs: number;
  /** The true lag lies within ±errorBoundMs of lagMs (before clock-offset error). */
  errorBoundMs: number;
  /** When the newest heartbeat visible in the target was written (collector time), or null. */
  lastAppliedWrittenAt: number | null;
  /** Heartbeats written into the source and not yet visible in the target. */
  backlog: number;
}

/** A lag estimate of one ordered pair. */
export interface PairLag extends LagEstimate {
  source: string;
  target: string;
}

/** One region's heartbeat write outcome and store clock offset, as estimated. */
export interface RegionClock {
  region: string;
  writeSuccess: boolean | null;
  offsetMs: number | null;
  offsetErrorMs: number | null;
}
