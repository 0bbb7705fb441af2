import { type Clock, type ClockTimer, systemClock } from '@/lib/domain/clock';
import { type Collector, type CycleContext, type RegionOutcome, defaultCycleDeadlineMs } from './types';
import { redactSecrets } from './adapters/redact';

/** One `regionwatch_collector_up` series: a collector's state in one region. */
export interface CollectorStatus {
  name: string;
  region: string;
  up: boolean;
  lastRun: number | null;
  error: string | null;
}

/** Options of {@link CollectorRunner}. */
export interface RunnerOptions {
  /** Where state changes are written, one line each; stderr by default. */
  log?: (line: string) => void;
  /** Times and schedules every cycle; the system clock by default. */
  clock?: Clock;
}

/** An outcome tagged with the cycle that produced it, so an older cycle never overwrites a newer one. */
interface TaggedOutcome extends RegionOutcome {
  cycle: number;
  /** Set by the runner when it abandoned the cycle, not reported by the collector. */
  abandoned: boolean;
}

interface Cycle {
  id: number;
  abandoned: boolean;
}

interface Entry {
  collector: Collector;
  outcomes: Map<string, TaggedOutcome>;
  lastDurationMs: number | null;
  /** Cycles that finished or were abandoned. */
  cyclesEnded: number;
  cyclesAbandoned: number;
  /** Abandoned cycles since one last finished; the first is logged, the rest are not. */
  abandonedInARow: number;
  lastCycleId: number;
  timer: ClockTimer | null;
  deadline: ClockTimer | null;
}

/**
 * Runs an explicit list of collectors, each on its own interval, timing every cycle
 * and keeping per-region up/down state for `regionwatch_collector_up`. Cycles of one
 * collector never overlap, except that a cycle still unsettled at its deadline is
 * abandoned: its regions are reported down and the next cycle starts on schedule.
 */
export class CollectorRunner {
  private readonly entries: Entry[];
  private stopped = false;
  private readonly log: (line: string) => void;
  private readonly clock: Clock;

  constructor(collectors: Collector[], options: RunnerOptions = {}) {
    this.log = options.log ?? ((line) => console.error(line));
    this.clock = options.clock ?? systemClock;
    this.entries = collectors.map((collector) => ({
      collector,
      outcomes: new Map(),
      lastDurationMs: null,
      cyclesEnded: 0,
      cyclesAbandoned: 0,
      abandonedInARow: 0,
      lastCycleId: 0,
      timer: null,
      deadline: null,
    }));
  }

  start(): void {
    for (const entry of this.entries) void this.loop(entry);
  }

  /**
   * Stops scheduling and closes each collector (which closes only what it opened, such as
   * checksum sessions). Stores are not closed here: whoever opened them closes them.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.entries) {
      if (entry.timer) this.clock.clearTimeout(entry.timer);
      if (entry.deadline) this.clock.clearTimeout(entry.deadline);
    }
    await Promise.all(this.entries.map((entry) => entry.collector.close()));
  }

  /** True once every collector has finished or abandoned at least one cycle (readiness). */
  ready(): boolean {
    return this.entries.every((entry) => entry.cyclesEnded > 0);
  }

  statuses(): CollectorStatus[] {
    return this.entries.flatMap(({ collector, outcomes }) =>
      collector.regions.map((region) => {
        const outcome = outcomes.get(region);
        return { name: collector.name, region, up: outcome?.up ?? false, lastRun: outcome?.lastRun ?? null, error: outcome?.error ?? null };
      }),
    );
  }

  durations(): { name: string; seconds: number }[] {
    return this.entries.filter((entry) => entry.lastDurationMs !== null).map((entry) => ({ name: entry.collector.name, seconds: entry.lastDurationMs! / 1000 }));
  }

  /** Cycles each collector has had abandoned at their deadline since start. */
  abandonedCycles(): { name: string; count: number }[] {
    return this.entries.map((entry) => ({ name: entry.collector.name, count: entry.cyclesAbandoned }));
  }

  private async loop(entry: Entry): Promise<void> {
    if (this.stopped) return;
    const { collector } = entry;
    const cycle: Cycle = { id: ++entry.lastCycleId, abandoned: false };
    const deadlineMs = collector.cycleDeadlineMs ?? defaultCycleDeadlineMs(collector.intervalMs);
    const started = this.clock.now();
    const ended = await this.runWithDeadline(entry, cycle, deadlineMs);
    if (ended === 'abandoned') this.abandon(entry, cycle, deadlineMs);
    else if (entry.abandonedInARow > 0) {
      this.log(`collector ${collector.name}: recovered, a cycle finished after ${entry.abandonedInARow} abandoned`);
      entry.abandonedInARow = 0;
    }
    entry.lastDurationMs = ended === 'abandoned' ? deadlineMs : this.clock.now() - started;
    entry.cyclesEnded++;
    if (this.stopped) return;
    const wait = Math.max(0, collector.intervalMs - entry.lastDurationMs);
    entry.timer = this.clock.setTimeout(() => void this.loop(entry), wait);
  }

  /** Settles when the cycle does (a rejection marks every region down) or at its deadline, whichever is first. */
  private runWithDeadline(entry: Entry, cycle: Cycle, deadlineMs: number): Promise<'finished' | 'abandoned'> {
    const context = this.contextFor(entry, cycle);
    // The executor also turns a synchronous throw from runCycle into a rejection.
    const finished = new Promise<void>((resolve) => resolve(entry.collector.runCycle(context))).then(
      () => 'finished' as const,
      (error) => {
        for (const region of entry.collector.regions) context.report(region, false, error);
        return 'finished' as const;
      },
    );
    const abandoned = new Promise<'abandoned'>((resolve) => {
      entry.deadline = this.clock.setTimeout(() => resolve('abandoned'), deadlineMs);
    });
    return Promise.race([finished, abandoned]).finally(() => {
      if (entry.deadline) this.clock.clearTimeout(entry.deadline);
      entry.deadline = null;
    });
  }

  private abandon(entry: Entry, cycle: Cycle, deadlineMs: number): void {
    cycle.abandoned = true;
    entry.cyclesAbandoned++;
    entry.abandonedInARow++;
    const error = redactSecrets(`collector ${entry.collector.name}: cycle abandoned after ${deadlineMs} ms`);
    const lastRun = this.clock.now();
    for (const region of entry.collector.regions) entry.outcomes.set(region, { up: false, lastRun, error, cycle: cycle.id, abandoned: true });
    // A collector stuck for hours would otherwise log a line every deadline.
    if (entry.abandonedInARow === 1) this.log(`${error}; its regions are down until a cycle finishes`);
  }

  private contextFor(entry: Entry, cycle: Cycle): CycleContext {
    const { collector } = entry;
    return {
      report: (region, up, error) => {
        const previous = entry.outcomes.get(region);
        // A stale cycle (abandoned, or overtaken for this region) must not undo what a newer one said.
        if (cycle.abandoned || (previous && previous.cycle > cycle.id)) return;
        const message = up ? null : redactSecrets(error instanceof Error ? error.message : String(error ?? 'down'));
        // After an abandonment the collector-level lines told the story; compare with what the collector itself last said.
        const wasUp = previous?.abandoned ? undefined : previous?.up;
        if (!up && wasUp !== false) this.log(`collector ${collector.name} ${region}: ${message}`);
        if (up && wasUp === false) this.log(`collector ${collector.name} ${region}: recovered`);
        entry.outcomes.set(region, { up, lastRun: this.clock.now(), error: message, cycle: cycle.id, abandoned: false });
      },
    };
  }
}
