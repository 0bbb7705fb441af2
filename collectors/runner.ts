import type { Collector, RegionOutcome } from './types';
import { redactSecrets } from './adapters/redact';

export interface CollectorStatus {
  name: string;
  region: string;
  up: boolean;
  lastRun: number | null;
  error: string | null;
}

interface Entry {
  collector: Collector;
  outcomes: Map<string, RegionOutcome>;
  lastDurationMs: number | null;
  cyclesCompleted: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Runs an explicit list of collectors, each on its own interval, timing every cycle
 * and keeping per-region up/down state for `regionwatch_collector_up`. Cycles of one
 * collector never overlap; a cycle that overruns delays only that collector.
 */
export class CollectorRunner {
  private readonly entries: Entry[];
  private stopped = false;
  private readonly log: (line: string) => void;

  constructor(collectors: Collector[], options: { log?: (line: string) => void } = {}) {
    this.log = options.log ?? ((line) => console.error(line));
    this.entries = collectors.map((collector) => ({
      collector,
      outcomes: new Map(),
      lastDurationMs: null,
      cyclesCompleted: 0,
      timer: null,
    }));
  }

  start(): void {
    for (const entry of this.entries) void this.loop(entry);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.entries) if (entry.timer) clearTimeout(entry.timer);
    await Promise.all(this.entries.map((entry) => entry.collector.close()));
  }

  /** True once every collector has finished at least one cycle (readiness). */
  ready(): boolean {
    return this.entries.every((entry) => entry.cyclesCompleted > 0);
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
    return this.entries
      .filter((entry) => entry.lastDurationMs !== null)
      .map((entry) => ({ name: entry.collector.name, seconds: entry.lastDurationMs! / 1000 }));
  }

  private async loop(entry: Entry): Promise<void> {
    const { collector } = entry;
    const started = Date.now();
    const context = {
      report: (region: string, up: boolean, error?: unknown) => {
        const previous = entry.outcomes.get(region);
        const message = up ? null : redactSecrets(error instanceof Error ? error.message : String(error ?? 'down'));
        if (!up && previous?.up !== false) this.log(`collector ${collector.name} ${region}: ${message}`);
        if (up && previous?.up === false) this.log(`collector ${collector.name} ${region}: recovered`);
        entry.outcomes.set(region, { up, lastRun: Date.now(), error: message });
      },
    };
    try {
      await collector.runCycle(context);
    } catch (error) {
      for (const region of collector.regions) context.report(region, false, error);
    }
    entry.lastDurationMs = Date.now() - started;
    entry.cyclesCompleted++;
    if (this.stopped) return;
    const wait = Math.max(0, collector.intervalMs - entry.lastDurationMs);
    entry.timer = setTimeout(() => void this.loop(entry), wait);
  }
}
