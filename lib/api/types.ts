import { z } from 'zod';

/**
 * Response types of the JSON API (SPEC §5). The server builds them; the dashboard's
 * fetch wrapper parses them with these schemas, so a drifting field fails loudly.
 */

export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ApiError = z.infer<typeof ApiError>;

export const LagStatus = z.enum(['ok', 'warning', 'breach', 'unknown']);
export type LagStatus = z.infer<typeof LagStatus>;

export const LagCell = z.object({
  source_region: z.string(),
  target_region: z.string(),
  /** null while the pair has no estimate yet, or its target cannot be read. */
  lag_seconds: z.number().nullable(),
  error_bound_seconds: z.number().nullable(),
  status: LagStatus,
  backlog: z.number().nullable(),
});
export type LagCell = z.infer<typeof LagCell>;

export const LagMatrix = z.object({
  at: z.number(),
  /** The lag SLO threshold colours are relative to (seconds). */
  threshold_seconds: z.number(),
  regions: z.array(z.string()),
  cells: z.array(LagCell),
});
export type LagMatrix = z.infer<typeof LagMatrix>;

export const LagSeries = z.object({
  source: z.string(),
  target: z.string(),
  from: z.number(),
  to: z.number(),
  /** [epoch_ms, seconds] */
  points: z.array(z.tuple([z.number(), z.number()])),
});
export type LagSeries = z.infer<typeof LagSeries>;

export const CollectorHealth = z.object({
  name: z.string(),
  region: z.string(),
  up: z.boolean(),
  last_run: z.number().nullable(),
  error: z.string().nullable(),
});
export type CollectorHealth = z.infer<typeof CollectorHealth>;

export const Health = z.object({
  status: z.enum(['ok', 'starting', 'degraded']),
  collectors: z.array(CollectorHealth),
});
export type Health = z.infer<typeof Health>;

export const RegionSummary = z.object({
  name: z.string(),
  geos: z.array(z.string()),
  /** Did the last heartbeat write into this region succeed? null before the first. */
  heartbeat_write_success: z.boolean().nullable(),
  clock_offset_seconds: z.number().nullable(),
  clock_offset_error_seconds: z.number().nullable(),
  up: z.boolean(),
});
export type RegionSummary = z.infer<typeof RegionSummary>;

export const Topology = z.object({
  regions: z.array(RegionSummary),
  geos: z.array(z.string()),
  domains: z.array(z.object({ name: z.string(), mode: z.string(), home: z.string() })),
  pairs: z.array(z.object({ source_region: z.string(), target_region: z.string() })),
  demo: z.boolean(),
});
export type Topology = z.infer<typeof Topology>;

export const Resolution = z.enum(['lww', 'crdt', 'merge', 'manual']);
export type Resolution = z.infer<typeof Resolution>;

/** One conflict as lists show it. `source_region` wrote the incoming (remote) version; `target_region` detected it. */
export const ConflictSummary = z.object({
  id: z.number(),
  detected_at: z.number(),
  source_region: z.string(),
  target_region: z.string(),
  entity_type: z.string(),
  entity_key: z.string(),
  resolution: Resolution,
  /** Region whose version won, `merged` when both contributed, null while pending. */
  winner: z.string().nullable(),
  resolved_at: z.number().nullable(),
  pending: z.boolean(),
  /** `log`: read from a region's conflict log; `ingest`: posted by an application. */
  origin: z.enum(['log', 'ingest']),
});
export type ConflictSummary = z.infer<typeof ConflictSummary>;

export const ConflictDetail = ConflictSummary.extend({
  /** Human description of the entity type's resolution policy. */
  policy: z.string(),
  local_version: z.unknown(),
  remote_version: z.unknown(),
  local_ts: z.number().nullable(),
  remote_ts: z.number().nullable(),
  merged: z.unknown(),
  /** Top-level fields whose values differ between the two versions. */
  differing_fields: z.array(z.string()),
});
export type ConflictDetail = z.infer<typeof ConflictDetail>;

export const ConflictList = z.object({
  items: z.array(ConflictSummary),
  /** Pass as `cursor` for the next page; null on the last page. */
  next_cursor: z.string().nullable(),
});
export type ConflictList = z.infer<typeof ConflictList>;

/** `GET /api/conflicts/matrix?window=`: conflicts per ordered pair over the trailing window. */
export const ConflictMatrix = z.object({
  at: z.number(),
  window_seconds: z.number(),
  regions: z.array(z.string()),
  cells: z.array(
    z.object({
      source_region: z.string(),
      target_region: z.string(),
      count: z.number(),
      per_minute: z.number(),
    }),
  ),
  pending_by_region: z.record(z.string(), z.number()),
});
export type ConflictMatrix = z.infer<typeof ConflictMatrix>;

/** `GET /api/conflicts/rate?from=&to=&points=&source=&target=&entity_type=&resolution=`: [epoch_ms, conflicts per minute]. */
export const ConflictRate = z.object({
  from: z.number(),
  to: z.number(),
  step_seconds: z.number(),
  points: z.array(z.tuple([z.number(), z.number()])),
});
export type ConflictRate = z.infer<typeof ConflictRate>;

/** `POST /api/conflicts` answer (202, or 400 when nothing was stored). */
export const IngestResult = z.object({
  accepted: z.number(),
  duplicates: z.number(),
  rejected: z.array(z.object({ index: z.number(), errors: z.array(z.object({ field: z.string(), message: z.string() })) })),
});
export type IngestResult = z.infer<typeof IngestResult>;

export const DivergenceKind = z.enum(['missing_in_a', 'missing_in_b', 'differs']);
export type DivergenceKind = z.infer<typeof DivergenceKind>;

/** One pair's last check of one dataset (`GET /api/divergence`). */
export const DivergenceCheck = z.object({
  dataset: z.string(),
  region_a: z.string(),
  region_b: z.string(),
  checked_at: z.number(),
  divergent_entities: z.number(),
  rows_a: z.number().nullable(),
  rows_b: z.number().nullable(),
  duration_seconds: z.number().nullable(),
  round_trips: z.number().nullable(),
  bytes: z.number().nullable(),
  /** Why the last check failed; the entity count is then the previous check's. */
  error: z.string().nullable(),
});
export type DivergenceCheck = z.infer<typeof DivergenceCheck>;

export const DivergenceOverview = z.object({
  datasets: z.array(z.object({ name: z.string(), table: z.string(), key: z.array(z.string()), columns: z.array(z.string()) })),
  regions: z.array(z.string()),
  checks: z.array(DivergenceCheck),
});
export type DivergenceOverview = z.infer<typeof DivergenceOverview>;

const SideRow = z.object({ hash: z.string(), row: z.record(z.string(), z.unknown()) }).nullable();

/** `GET /api/divergence/{dataset}/entities?region_a=&region_b=` (SPEC §5). */
export const DivergenceEntities = z.object({
  dataset: z.string(),
  region_a: z.string(),
  region_b: z.string(),
  /** When the check these entities come from ran (a later failed attempt does not move it). */
  checked_at: z.number().nullable(),
  /** Why the latest attempt failed, if it did; the entities are then from `checked_at`. */
  error: z.string().nullable().optional(),
  entities: z.array(z.object({ key: z.string(), region_a: z.string(), region_b: z.string(), kind: DivergenceKind, a: SideRow, b: SideRow })),
});
export type DivergenceEntities = z.infer<typeof DivergenceEntities>;

/** `GET /api/failovers?from=&to=` (epoch ms; null while pending). */
export const FailoverItem = z.object({
  id: z.number(),
  region: z.string(),
  geos: z.array(z.string()),
  detected_at: z.number(),
  rerouted_at: z.number().nullable(),
  recovered_at: z.number().nullable(),
  failback_at: z.number().nullable(),
  duration_seconds: z.number().nullable(),
  to_regions: z.array(z.string()),
});
export type FailoverItem = z.infer<typeof FailoverItem>;
export const FailoverList = z.object({ items: z.array(FailoverItem) });
export type FailoverList = z.infer<typeof FailoverList>;

/** `GET /api/regions/health?window=5m`: probe outcomes per region over the window. */
export const RegionHealth = z.object({
  window_seconds: z.number(),
  regions: z.array(
    z.object({
      region: z.string(),
      up: z.boolean().nullable(),
      probes: z.number(),
      error_rate: z.number().nullable(),
      latency_seconds: z.object({ p50: z.number(), p95: z.number(), p99: z.number() }).nullable(),
      last_error: z.string().nullable(),
    }),
  ),
  routes: z.array(z.object({ geo: z.string(), regions: z.array(z.string()) })),
});
export type RegionHealth = z.infer<typeof RegionHealth>;

export const IncidentKind = z.enum(['isolation', 'backlog', 'split_brain', 'stale_reads']);

/** `GET /api/incidents?from=&to=`: open incidents and those opened in the range, newest first. */
export const IncidentItem = z.object({
  id: z.number(),
  kind: IncidentKind,
  title: z.string(),
  regions: z.array(z.string()),
  opened_at: z.number(),
  closed_at: z.number().nullable(),
  details: z.record(z.string(), z.unknown()),
  runbook: z.string(),
});
export type IncidentItem = z.infer<typeof IncidentItem>;
export const IncidentList = z.object({ items: z.array(IncidentItem) });
export type IncidentList = z.infer<typeof IncidentList>;

const AlertRow = z.object({
  severity: z.enum(['page', 'ticket']),
  long_window: z.string(),
  short_window: z.string(),
  factor: z.number(),
  long_burn_rate: z.number().nullable(),
  short_burn_rate: z.number().nullable(),
  firing: z.boolean(),
});

/** `GET /api/slo`: every SLO's budget, burn rates and alert state. */
export const SloSummary = z.object({
  name: z.string(),
  objective: z.number(),
  window_seconds: z.number(),
  sli: z.object({ kind: z.string(), threshold_seconds: z.number().nullable(), source: z.string().nullable(), target: z.string().nullable() }),
  error_budget_remaining: z.number(),
  burn_rates: z.record(z.string(), z.number().nullable()),
  alerts: z.array(AlertRow),
  time_to_exhaustion_seconds: z.number().nullable(),
  events: z.object({ good: z.number(), total: z.number() }),
});
export type SloSummary = z.infer<typeof SloSummary>;
export const SloList = z.object({ items: z.array(SloSummary) });
export type SloList = z.infer<typeof SloList>;

/** `GET /api/slo/{name}?points=`: the summary plus the burn-down and burn-rate series. */
export const SloDetail = SloSummary.extend({
  burn_down: z.array(z.tuple([z.number(), z.number()])),
  ideal: z.array(z.tuple([z.number(), z.number()])),
  burn_rate_series: z.record(z.string(), z.array(z.tuple([z.number(), z.number()]))),
  annotations: z.array(z.object({ at: z.number(), kind: z.enum(['failover', 'conflict_spike']), label: z.string() })),
});
export type SloDetail = z.infer<typeof SloDetail>;
