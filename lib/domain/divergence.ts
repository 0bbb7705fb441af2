export type DivergenceKind = 'missing_in_a' | 'missing_in_b' | 'differs';

/** One entity whose rows differ between two regions (region_a < region_b). */
export interface DivergentEntity {
  /** Key values as text; composite keys joined by `/`. */
  key: string;
  kind: DivergenceKind;
  a: { hash: string; row: Record<string, unknown> } | null;
  b: { hash: string; row: Record<string, unknown> } | null;
}

/** A candidate still waiting for in-flight writes: seen different at `firstSeenAt`, not yet settled. */
export interface UnsettledEntity extends DivergentEntity {
  firstSeenAt: number;
  /** Ordered pairs `source->target` whose writes from before `firstSeenAt` had not all landed. */
  waitingOn: string[];
}

export interface CheckStats {
  rowsA: number;
  rowsB: number;
  bucketsCompared: number;
  /** Sequential exchanges with the stores (the two regions are asked in parallel). */
  roundTrips: number;
  bytes: number;
  durationMs: number;
  candidates: number;
}

/** The last check of one dataset on one region pair (region_a < region_b). */
export interface PairCheck {
  dataset: string;
  regionA: string;
  regionB: string;
  checkedAt: number;
  /** Settled: still different after every region's earlier writes landed in both regions. */
  entities: DivergentEntity[];
  /** Candidates whose in-flight writes had not all landed when the check ended. */
  unsettled: UnsettledEntity[];
  stats: CheckStats | null;
  error: string | null;
}
