import { DEFAULT_RUNBOOKS, type IncidentKind } from '@/lib/domain/incident';

export type Severity = 'page' | 'ticket';

/** What an operator reads when an alert reaches them: served at /runbooks/NAME and linked from `runbook_url`. */
export interface Runbook {
  /** The alert rule (or rules) that link here. */
  alert: string;
  title: string;
  severity: Severity;
  /** What the alert says is true. */
  meaning: string;
  /** What users and data suffer while it lasts. */
  impact: string;
  /** First checks, in order. */
  diagnose: string[];
  /** What to do about it, in order. */
  mitigate: string[];
  /** The incident kind regionwatch opens for the same condition, whose timeline and text match. */
  incident?: IncidentKind;
}

export const RUNBOOKS = {
  'error-budget-burn': {
    alert: 'RegionwatchErrorBudgetBurn',
    title: 'An SLO is burning its error budget too fast',
    severity: 'page',
    meaning:
      'Over both the long and the short window named in the alert, the SLO has been failing faster than its objective allows, by at least the factor in the summary. Both windows agree, so this is neither a blip (the short window) nor an old problem that has since ended (the long window).',
    impact:
      'A page means the whole budget of the SLO window is gone within days at this rate (14.4× spends 2 % of a 30 d budget per hour); a ticket means it will be spent before the window ends unless the trend changes.',
    diagnose: [
      'Open the SLO page from the dashboard link: the burn-down shows when the burn started, and its annotations show the failovers and conflict spikes around it.',
      'Match the SLI kind to its signal: replication_lag → the lag heatmap and the pair pages; availability → region status and failovers; failover_time → the failover timeline; conflict_resolution → the manual queue; divergence → the divergence page.',
      'Check the incidents on the failovers page: an open isolation, backlog or stale-reads incident usually names the cause.',
    ],
    mitigate: [
      'Fix the cause the signal points to (the incident runbooks below say how), then watch the short-window burn rate fall under 1×.',
      'If the objective is wrong rather than the system, change the SLO in the config; do not silence the alert for the rest of the window.',
    ],
  },
  'replication-isolated': {
    alert: 'RegionwatchReplicationIsolated',
    title: 'Replication between two healthy regions has stalled',
    severity: 'page',
    meaning:
      'Both regions answer their health checks, yet heartbeats written in the source stop arriving in the target: lag is over the threshold and still growing with wall time. A lag that keeps growing is not a wait that ends.',
    impact: 'Writes accepted in either region now are invisible to the other and will conflict when replication resumes; clients routed to the target read ever older data.',
    diagnose: [
      'Open the pair page: the lag line rises at one second per second from the moment replication stopped.',
      'Check the replication link itself: the subscription or replica thread on the target (pg_stat_subscription, SHOW REPLICA STATUS), and the network path between the regions.',
      'Look at the other pairs of both regions on the heatmap: if every pair into the target stalls, the target cannot apply; if every pair out of the source does, the source cannot ship.',
    ],
    mitigate: [
      'Restore the link (restart the subscription or replica thread, repair the path).',
      'Until it is back, drain writes from the isolated side or route its clients elsewhere, so fewer writes conflict later.',
    ],
    incident: 'isolation',
  },
  'replication-backlog': {
    alert: 'RegionwatchReplicationBacklog',
    title: 'Replication is behind the lag threshold and not catching up',
    severity: 'ticket',
    meaning:
      'The pair has been over the lag threshold with a backlog of unapplied heartbeats for minutes, while both regions are up. Replication moves (it is not stalled) but too slowly, typically a region catching up after an outage.',
    impact: 'Reads in the target are stale by more than the threshold until the backlog drains; the lag SLO burns meanwhile.',
    diagnose: [
      'Open the pair page: a falling lag line is a drain in progress; a flat one means the target applies no faster than the source writes.',
      'On the failovers page, a backlog incident gives the drain rate and the time until caught up.',
      'Check the apply side of the target: CPU, IO, lock waits, a long transaction holding replay.',
    ],
    mitigate: [
      'Keep the target out of read routing until the backlog is near zero.',
      'If the drain rate is flat, relieve the target (pause batch jobs, raise apply parallelism) or slow writes in the source.',
    ],
    incident: 'backlog',
  },
  'split-brain': {
    alert: 'RegionwatchSplitBrain',
    title: 'Two regions take the same clients or the same data at once',
    severity: 'page',
    meaning:
      'Either the traffic manager answers one geo with two regions for minutes (split="routing"), or a domain whose writes belong to one home region is being written in another (split="writes").',
    impact:
      'Routing: the same users write in two regions, so their writes conflict. Writes: a domain that is not active-active gets concurrent writers; its conflicts may reach the manual queue or lose data under last-write-wins.',
    diagnose: [
      'Routing: compare the health checks the traffic manager uses with regionwatch_region_up; check DNS TTLs and resolvers that ignore them.',
      'Writes: the ownership violations name the domain, its home and the region writing it; find the client or job writing there.',
    ],
    mitigate: [
      'Routing: fix the disagreeing health check or lower the TTL, and wait for the answers to converge.',
      'Writes: stop writes to the domain outside its home region, then work the manual conflict queue for the affected entities.',
    ],
    incident: 'split_brain',
  },
  'stale-reads': {
    alert: 'RegionwatchStaleReads',
    title: 'Clients read from a region that is behind',
    severity: 'page',
    meaning: 'Lag into the region is over the threshold while the traffic manager still sends clients there; the region and its sources are up.',
    impact: 'Users routed to the region read data older than the lag SLO allows: their own recent writes may be missing (read-after-write breaks).',
    diagnose: [
      'Open the overview: the heatmap column of the region shows which sources lag into it.',
      'Check whether a replication isolation or backlog alert fires for the same region: it is usually the cause.',
    ],
    mitigate: ['Route the geos the region serves elsewhere, or serve their reads from the writer, until lag recovers.', 'Then follow the isolation or backlog runbook for the lagging pairs.'],
    incident: 'stale_reads',
  },
  'collector-down': {
    alert: 'RegionwatchCollectorDown',
    title: 'A regionwatch collector is failing',
    severity: 'ticket',
    meaning: 'One collector (heartbeat, conflicts, divergence, probes…) for one region has failed every run for minutes: regionwatch_collector_up is 0. The rest of the scrape still works.',
    impact: 'The figures that collector feeds are stale or missing for that region, so alerts built on them stay silent.',
    diagnose: [
      "Read regionwatch's log: every failed run is logged with the region and the error (connection refused, permission denied, missing table).",
      'GET /api/health lists every collector with its last successful run.',
    ],
    mitigate: ['Fix the store connection or the permissions the error names; the collector recovers on its next run without a restart.'],
  },
  'metrics-absent': {
    alert: 'RegionwatchMetricsAbsent',
    title: 'Prometheus has no regionwatch figures',
    severity: 'ticket',
    meaning:
      'A regionwatch series that always exists is missing from Prometheus: regionwatch itself is not scraped (metric="regionwatch_collector_up"), or it runs but has no lag figures (metric="regionwatch_replication_lag_seconds").',
    impact: 'Every other regionwatch alert is blind: nothing pages for lag, conflicts, divergence or outages until this is fixed.',
    diagnose: [
      "Check Prometheus's targets page for the regionwatch job: is it listed, up, and what was the last scrape error?",
      'If it is scraped but lag is absent, no heartbeat has ever been applied: check the heartbeat collector and its table in every region.',
    ],
    mitigate: ['Restore the process or the scrape config (target, auth, TLS), or the heartbeat writes.'],
  },
} as const satisfies Record<string, Runbook>;

export type RunbookName = keyof typeof RUNBOOKS;

export const RUNBOOK_NAMES = Object.keys(RUNBOOKS) as RunbookName[];

/** A runbook by its page name, or null for a name that is not one. */
export function findRunbook(name: string): (Runbook & { name: RunbookName }) | null {
  return Object.hasOwn(RUNBOOKS, name) ? { ...RUNBOOKS[name as RunbookName], name: name as RunbookName } : null;
}

/** The first-response text of the incident a runbook shares its condition with (the config may replace it). */
export function incidentGuidance(runbook: Runbook, overrides: Partial<Record<IncidentKind, string>> = {}): string | null {
  return runbook.incident ? (overrides[runbook.incident] ?? DEFAULT_RUNBOOKS[runbook.incident]) : null;
}
