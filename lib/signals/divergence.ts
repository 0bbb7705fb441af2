import type { CheckStats, DivergentEntity, PairCheck, UnsettledEntity } from '@/lib/domain/divergence';
import { landedUpTo, type ReplicationFrontier } from '@/lib/domain/settlement';

/** What a pair's last check says, as every reader shows it. */
export type DivergenceVerdict = 'clean' | 'divergent' | 'in_flight' | 'error';

/** One dataset on one region pair, final values: every reader shows exactly these. */
export interface PairDivergence {
  dataset: string;
  regionA: string;
  regionB: string;
  checkedAt: number;
  ageSeconds: number;
  divergentEntities: number;
  unsettledEntities: number;
  verdict: DivergenceVerdict;
  /**
   * False when the verdict describes a state that has moved on: the writes it found in
   * flight have landed since (the backlog drained past it), or checks stopped arriving.
   */
  current: boolean;
  stats: CheckStats | null;
  error: string | null;
  entities: DivergentEntity[];
  unsettled: UnsettledEntity[];
}

export interface DivergenceSnapshot {
  at: number;
  pairs: PairDivergence[];
  /** Cumulative checks and checks that found settled divergence, per dataset and pair. */
  counts: { dataset: string; regionA: string; regionB: string; checks: number; diverged: number }[];
  durations: { dataset: string; seconds: number }[];
}

/** What the divergence collector writes through. */
export interface DivergenceSink {
  /** A completed comparison of one pair. */
  recordCheck(check: Omit<PairCheck, 'error'>): void;
  /** A comparison that failed: the last good result is kept, with this error. */
  recordFailure(dataset: string, regionA: string, regionB: string, error: string, at: number): void;
  recordDuration(dataset: string, ms: number): void;
}

const pairId = (dataset: string, regionA: string, regionB: string) => `${dataset}|${regionA}|${regionB}`;

/**
 * The owner of divergence results. The collector records checks; `/metrics`, the API, the
 * SLO counts and the pages read `snapshot()`, which decides verdict, age and currency once.
 */
export class DivergenceSignal implements DivergenceSink {
  private readonly results = new Map<string, PairCheck>();
  private readonly counters = new Map<string, { checks: number; diverged: number }>();
  private readonly durations = new Map<string, number>();

  constructor(
    private readonly options: {
      intervalMs: number;
      frontier?: ReplicationFrontier;
      /** Each pair's result as it changes (the embedded store keeps it, and sends it to a shared one). */
      onResult?: (check: PairCheck) => void;
    },
  ) {}

  recordCheck(check: Omit<PairCheck, 'error'>): void {
    const id = pairId(check.dataset, check.regionA, check.regionB);
    const counter = this.counters.get(id) ?? { checks: 0, diverged: 0 };
    counter.checks++;
    if (check.entities.length > 0) counter.diverged++;
    this.counters.set(id, counter);
    this.store(id, { ...check, error: null });
  }

  recordFailure(dataset: string, regionA: string, regionB: string, error: string, at: number): void {
    const id = pairId(dataset, regionA, regionB);
    const previous = this.results.get(id);
    this.store(id, previous ? { ...previous, error } : { dataset, regionA, regionB, checkedAt: at, entities: [], unsettled: [], stats: null, error });
    if (!this.counters.has(id)) this.counters.set(id, { checks: 0, diverged: 0 });
  }

  /**
   * A result this process did not compute: restored from the embedded store at start, or read
   * from the shared event store. Shown as the pair's last check; it counts no check here.
   */
  adopt(check: PairCheck): void {
    const id = pairId(check.dataset, check.regionA, check.regionB);
    const current = this.results.get(id);
    if (!current || current.checkedAt <= check.checkedAt) this.results.set(id, check);
  }

  recordDuration(dataset: string, ms: number): void {
    this.durations.set(dataset, ms);
  }

  snapshot(now = Date.now()): DivergenceSnapshot {
    const pairs = [...this.results.values()].map((check) => this.judge(check, now));
    const counts = [...this.counters].map(([id, value]) => {
      const [dataset, regionA, regionB] = id.split('|');
      return { dataset, regionA, regionB, ...value };
    });
    const durations = [...this.durations].map(([dataset, ms]) => ({ dataset, seconds: ms / 1000 }));
    return { at: now, pairs, counts, durations };
  }

  /** The SLI: checks are good unless they found settled divergence. */
  sliCounts(): { checks: number; diverged: number } {
    let checks = 0;
    let diverged = 0;
    for (const counter of this.counters.values()) {
      checks += counter.checks;
      diverged += counter.diverged;
    }
    return { checks, diverged };
  }

  private store(id: string, check: PairCheck): void {
    this.results.set(id, check);
    this.options.onResult?.(check);
  }

  private judge(check: PairCheck, now: number): PairDivergence {
    const verdict: DivergenceVerdict = check.stats === null ? 'error' : check.entities.length > 0 ? 'divergent' : check.unsettled.length > 0 ? 'in_flight' : 'clean';
    const landed = this.options.frontier ? landedUpTo(this.options.frontier, [check.regionA, check.regionB]) : null;
    const backlogDrainedSince = check.unsettled.length > 0 && landed !== null && landed > check.checkedAt;
    const checksStopped = now - check.checkedAt > 2 * this.options.intervalMs + (check.stats?.durationMs ?? 0);
    return {
      dataset: check.dataset,
      regionA: check.regionA,
      regionB: check.regionB,
      checkedAt: check.checkedAt,
      ageSeconds: Math.max(0, now - check.checkedAt) / 1000,
      divergentEntities: check.entities.length,
      unsettledEntities: check.unsettled.length,
      verdict,
      current: verdict !== 'error' && !backlogDrainedSince && !checksStopped,
      stats: check.stats,
      error: check.error,
      entities: check.entities,
      unsettled: check.unsettled,
    };
  }
}
