import type { Fault } from '@/lib/config/scenario';

// Plain types, no zod schema: only tests and benches read this endpoint, and a fault's config
// schema parses duration strings while the response carries the milliseconds they became.

/** A fault as it actually happened (epoch ms). */
export interface FaultRecord {
  kind: Fault['kind'];
  spec: Fault;
  started_at: number | null;
  ended_at: number | null;
  /** False for kinds this build accepts but does not simulate yet. */
  simulated: boolean;
}

/**
 * Rows of a dataset that differ between two regions and will stay different once every change
 * in flight has landed: real divergence, whatever caused it.
 */
export interface SimDivergence {
  dataset: string;
  /** The pair in name order: `region_a < region_b`. */
  region_a: string;
  region_b: string;
  /** Keys of rows that differ or exist on one side only, sorted numerically. */
  keys: string[];
}

/** What the demo injected, for checking measurements against (`GET /api/sim/truth`). */
export interface SimTruth {
  started_at: number;
  delays: Record<string, number>;
  jitter_ms: number;
  clock_offsets: Record<string, number>;
  faults: FaultRecord[];
  corrupted: { dataset: string; region: string; keys: string[] }[];
  /** Every pair of regions, computed from the stores when asked (keys empty where they agree). */
  divergent: SimDivergence[];
  conflicts: { source: string; target: string; resolution: string; count: number }[];
  gtm_changes: { at: number; geo: string; region: string }[];
  failovers: { region: string; started_at: number; rerouted_at: number | null; recovered_at: number | null }[];
}
