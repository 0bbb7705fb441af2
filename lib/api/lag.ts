import { z } from 'zod';

/** Core and lag responses of the JSON API (docs/api.md). */

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
  /** With a shared event store: whether it answers, events not yet sent, and the cursors this process holds. */
  event_store: z
    .object({
      connected: z.boolean(),
      error: z.string().nullable(),
      pending: z.number(),
      cursors: z.array(z.string()),
    })
    .optional(),
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
