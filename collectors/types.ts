import { type Clock, type ClockTimer, systemClock } from '@/lib/domain/clock';

/** How one region fared in a collector's last cycle. */
export interface RegionOutcome {
  up: boolean;
  /** Epoch ms of the last cycle that reached this region (successfully or not). */
  lastRun: number;
  /** Why the region is down, credentials removed. */
  error: string | null;
}

/** Passed to every cycle so a collector can report per-region results as they happen. */
export interface CycleContext {
  report(region: string, up: boolean, error?: unknown): void;
}

/**
 * A collector gathers one kind of signal from every region on its own interval.
 * Metrics are computed at scrape time from its state, never during a cycle, so a
 * slow region delays nothing but its own next answer.
 */
export interface Collector {
  readonly name: string;
  readonly intervalMs: number;
  /** The regions this collector reports on; each gets a `regionwatch_collector_up` series. */
  readonly regions: readonly string[];
  /**
   * How long the runner waits for one cycle before abandoning it, reporting every region
   * down and starting the next one. Defaults to {@link defaultCycleDeadlineMs}.
   */
  readonly cycleDeadlineMs?: number;
  /**
   * Runs one cycle. Must not reject; per-region failures go to `context.report`. A cycle
   * abandoned at its deadline may still be running when the next one starts.
   */
  runCycle(context: CycleContext): Promise<void>;
  close(): Promise<void>;
}

/** Ten intervals, and never less than 30 s: long enough that only a cycle that is truly stuck is abandoned. */
export function defaultCycleDeadlineMs(intervalMs: number): number {
  return Math.max(10 * intervalMs, 30_000);
}

/** Rejects after `ms` on `clock` with a message naming what timed out; the work itself is not cancelled. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string, clock: Clock = systemClock): Promise<T> {
  let timer: ClockTimer | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = clock.setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clock.clearTimeout(timer!));
}
