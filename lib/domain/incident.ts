/** The failure scenarios of active-active that incidents are opened for. */
export type IncidentKind = 'isolation' | 'backlog' | 'split_brain' | 'stale_reads';

export interface Incident {
  id: number;
  kind: IncidentKind;
  key: string;
  title: string;
  regions: string[];
  openedAt: number;
  closedAt: number | null;
  details: Record<string, unknown>;
  runbook: string;
}

/*
 * The thresholds below define the incidents twice over: the collectors open incidents with
 * them, and the generated alert rules (lib/alerts) ask Prometheus the same questions.
 */

/** A pair whose backlog is at most this many heartbeats is caught up (in-flight ones always exist). */
export const CAUGHT_UP_BACKLOG = 3;

/** Replication has stalled when lag grows at least this many seconds per second of wall time. */
export const STALLED_LAG_GROWTH = 0.5;

/** How long after recovery a region's backlog counts as "after the outage". */
export const RECOVERY_WINDOW_MS = 10 * 60_000;

/** What to do first for each kind of incident, unless the config's `runbooks` replaces it. */
export const DEFAULT_RUNBOOKS: Record<IncidentKind, string> = {
  isolation:
    'The region answers health checks but does not exchange changes with some peers. Check the replication links (subscriptions, replica threads, network paths) between the listed regions. Writes accepted there now will conflict later: consider draining writes from the region until replication resumes.',
  backlog:
    'The region is back after an outage and is catching up. Keep it out of read routing until the backlog is near zero (see the ETA); if the drain rate is flat, check the apply process on the target.',
  split_brain:
    'Two regions accept the same clients or the same data at once. For routing: wait for the TTL or lower it; verify health checks agree. For domain writes: stop writes in the non-home region, then reconcile the manual conflict queue.',
  stale_reads: 'Clients are routed to a region whose copy is older than the lag SLO. Route the listed geos elsewhere or serve reads from the writer until lag recovers.',
};
