import { z } from 'zod';

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
