import type { Resolution } from '@/lib/api/conflicts';
import { resolutionSeconds, type ConflictRecord } from '@/lib/domain/conflict';

/** Cumulative counts as the embedded store keeps them (so they survive restarts). */
export interface ConflictCounts {
  counts(): { source_region: string; target_region: string; entity_type: string; resolution: Resolution; count: number }[];
  pendingByRegion(): Record<string, number>;
  violations(): { domain: string; home_region: string; write_region: string; count: number }[];
}

export interface ConflictObservers {
  /** The resolution histogram and the conflict-resolution SLIs, fed by the same observation. */
  observeResolution(entityType: string, resolution: Resolution, seconds: number): void;
}

export interface ConflictSnapshot {
  counts: ReturnType<ConflictCounts['counts']>;
  pendingByRegion: Record<string, number>;
  violations: ReturnType<ConflictCounts['violations']>;
}

/**
 * The owner of conflict signals. Whichever way a conflict arrives (a region's conflict log
 * or `POST /api/conflicts`), it is observed here once, so the histogram and the SLO counts agree.
 */
export class ConflictSignal {
  constructor(
    private readonly store: ConflictCounts,
    private readonly observers: ConflictObservers[],
    /**
     * A per-region agent's own region: a store shared by several agents holds every region's
     * conflicts, and each agent reports only those resolved (or written, for ownership) in its
     * region, so a backend summing the agents counts each conflict once.
     */
    private readonly region?: string,
  ) {}

  /** Conflicts newly stored: those already resolved are observed now, pending ones when settled. */
  observeStored(records: ConflictRecord[]): void {
    for (const record of records) {
      const seconds = resolutionSeconds(record);
      if (seconds !== null) this.observeResolved(record.entityType, record.resolution, seconds);
    }
  }

  /** A conflict that was resolved `seconds` after it was detected. */
  observeResolved(entityType: string, resolution: Resolution, seconds: number): void {
    for (const observer of this.observers) observer.observeResolution(entityType, resolution, seconds);
  }

  snapshot(): ConflictSnapshot {
    const { region } = this;
    const snapshot = { counts: this.store.counts(), pendingByRegion: this.store.pendingByRegion(), violations: this.store.violations() };
    if (region === undefined) return snapshot;
    return {
      counts: snapshot.counts.filter((count) => count.target_region === region),
      pendingByRegion: region in snapshot.pendingByRegion ? { [region]: snapshot.pendingByRegion[region] } : {},
      violations: snapshot.violations.filter((violation) => violation.write_region === region),
    };
  }
}
