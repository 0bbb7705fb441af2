import type { ConflictSignal } from './conflicts';
import type { DivergenceSignal } from './divergence';
import type { IncidentSignal } from './incidents';
import type { LagSignal } from './lag';
import type { ProbeSignal } from './probes';
import type { SloSignal } from './slo';

export type { ConflictSignal } from './conflicts';
export type { DivergenceSignal } from './divergence';
export type { IncidentSignal } from './incidents';
export type { LagSignal } from './lag';
export type { ProbeSignal } from './probes';
export type { SloSignal } from './slo';

/** How each collector fared, per region (the runner owns it). */
export interface CollectorHealth {
  statuses(): { name: string; region: string; up: boolean; lastRun: number | null; error: string | null }[];
  durations(): { name: string; seconds: number }[];
  ready(): boolean;
}

/**
 * Every signal's owner, one per process. `/metrics`, the API routes, the history recorder,
 * incident detection and ingest read these; nothing recomputes a figure they hold.
 */
export interface Signals {
  lag: LagSignal;
  conflicts: ConflictSignal;
  divergence: DivergenceSignal;
  probes: ProbeSignal;
  incidents: IncidentSignal;
  slo: SloSignal;
  collectors: CollectorHealth;
}
