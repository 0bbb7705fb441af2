import type { Clock, ClockTimer } from './clock';

interface Scheduled {
  id: number;
  at: number;
  callback: () => void;
}

/**
 * A clock that moves only when told: `advance(ms)` runs every timer that falls due, in
 * order, letting promises settle between them. For unit tests of timed logic without sleeps.
 */
export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: Scheduled[] = [];

  constructor(start = 1_700_000_000_000) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): ClockTimer {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), callback };
    this.timers.push(timer);
    return { id: timer.id };
  }

  clearTimeout(timer: ClockTimer): void {
    const id = (timer as { id: number }).id;
    this.timers = this.timers.filter((scheduled) => scheduled.id !== id);
  }

  /** Timers not yet run. */
  pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, running each timer that falls due at its own moment. */
  async advance(ms: number): Promise<void> {
    const until = this.current + ms;
    for (;;) {
      await flushPromises();
      const due = this.timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = until;
    await flushPromises();
  }
}

/** Lets every queued promise continuation run (a few macrotask turns). */
export async function flushPromises(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}
