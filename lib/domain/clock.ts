/**
 * Time as collectors, the runner and the settlement logic see it. Production uses the
 * system clock; unit tests pass a {@link FakeClock} and advance it, so no test sleeps.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): ClockTimer;
  clearTimeout(timer: ClockTimer): void;
}

/** An opaque handle returned by {@link Clock.setTimeout}. */
export type ClockTimer = { readonly id: number } | NodeJS.Timeout;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

/** Resolves after `ms` on `clock` (a fake clock resolves it when advanced past it). */
export function sleepOn(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
