import type { Fault } from '@/lib/config/scenario';

/** A fault as it actually happened (epoch ms). */
export interface FaultRecord {
  kind: Fault['kind'];
  spec: Fault;
  started_at: number | null;
  ended_at: number | null;
  /** False for kinds this build accepts but does not simulate yet. */
  simulated: boolean;
}

/** What the demo injected, for checking measurements against (SPEC §4 `GET /api/sim/truth`). */
export interface SimTruth {
  started_at: number;
  delays: Record<string, number>;
  jitter_ms: number;
  clock_offsets: Record<string, number>;
  faults: FaultRecord[];
  corrupted: { dataset: string; region: string; keys: string[] }[];
  conflicts: { source: string; target: string; resolution: string; count: number }[];
  gtm_changes: { at: number; geo: string; region: string }[];
  failovers: { region: string; started_at: number; rerouted_at: number | null; recovered_at: number | null }[];
}
