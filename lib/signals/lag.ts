import type { PairLag, RegionClock } from '@/lib/domain/lag';
import { lagStatus, type LagStatus } from '@/lib/domain/lag-status';
import { orderedPairs, pairKey } from '@/lib/domain/region';
import { systemClock, type Clock } from '@/lib/domain/clock';

/** What the lag signal reads: the heartbeat collector's estimates. */
export interface LagReadings {
  pairLags(now?: number): PairLag[];
  regionClocks(): RegionClock[];
}

/** One ordered pair, final values (seconds): every reader shows exactly these. */
export interface PairLagSnapshot {
  source: string;
  target: string;
  /** null while the pair has no estimate, or its target cannot be read. */
  lagSeconds: number | null;
  /** ± around lagSeconds, the source's clock-offset error included. */
  errorBoundSeconds: number | null;
  status: LagStatus;
  backlog: number | null;
  /** When the newest heartbeat visible in the target was written (epoch ms, collector clock). */
  lastAppliedAt: number | null;
}

export interface RegionClockSnapshot {
  region: string;
  heartbeatWriteSuccess: boolean | null;
  clockOffsetSeconds: number | null;
  clockOffsetErrorSeconds: number | null;
}

export interface LagSnapshot {
  at: number;
  thresholdSeconds: number;
  regions: string[];
  /** One per ordered pair, in region order. */
  pairs: PairLagSnapshot[];
  clocks: RegionClockSnapshot[];
}

export interface LagObservers {
  /** The lag histogram and the lag SLIs, fed by the same observation. */
  observeLag(source: string, target: string, lagSeconds: number): void;
}

/** The owner of replication lag: the only place a lag, its bound or its status is computed. */
export class LagSignal {
  constructor(
    private readonly readings: LagReadings,
    private readonly options: { regions: string[]; thresholdSeconds: number; observers: LagObservers[]; clock?: Clock },
  ) {}

  get thresholdSeconds(): number {
    return this.options.thresholdSeconds;
  }

  /** One fresh estimate: histogram and SLI counters move together. */
  observe(source: string, target: string, lagSeconds: number): void {
    for (const observer of this.options.observers) observer.observeLag(source, target, lagSeconds);
  }

  snapshot(now = (this.options.clock ?? systemClock).now()): LagSnapshot {
    const { regions, thresholdSeconds } = this.options;
    const lags = new Map(this.readings.pairLags(now).map((lag) => [pairKey(lag.source, lag.target), lag]));
    const clocks = this.readings.regionClocks();
    const offsetErrorMs = new Map(clocks.map((clock) => [clock.region, clock.offsetErrorMs ?? 0]));
    const pairs = orderedPairs(regions).map(([source, target]): PairLagSnapshot => {
      const lag = lags.get(pairKey(source, target));
      const lagSeconds = lag ? lag.lagMs / 1000 : null;
      return {
        source,
        target,
        lagSeconds,
        errorBoundSeconds: lag ? (lag.errorBoundMs + (offsetErrorMs.get(source) ?? 0)) / 1000 : null,
        status: lagStatus(lagSeconds, thresholdSeconds),
        backlog: lag?.backlog ?? null,
        lastAppliedAt: lag?.lastAppliedWrittenAt ?? null,
      };
    });
    const clockSnapshots = clocks.map((clock) => ({
      region: clock.region,
      heartbeatWriteSuccess: clock.writeSuccess,
      clockOffsetSeconds: clock.offsetMs === null ? null : clock.offsetMs / 1000,
      clockOffsetErrorSeconds: clock.offsetErrorMs === null ? null : clock.offsetErrorMs / 1000,
    }));
    return { at: now, thresholdSeconds, regions, pairs, clocks: clockSnapshots };
  }
}
