import { z } from 'zod';

export const DivergenceKind = z.enum(['missing_in_a', 'missing_in_b', 'differs']);
export type DivergenceKind = z.infer<typeof DivergenceKind>;

export const DivergenceVerdict = z.enum(['clean', 'divergent', 'in_flight', 'error']);
export type DivergenceVerdict = z.infer<typeof DivergenceVerdict>;

/** One pair's last check of one dataset (`GET /api/divergence`). */
export const DivergenceCheck = z.object({
  dataset: z.string(),
  region_a: z.string(),
  region_b: z.string(),
  checked_at: z.number(),
  /** Settled: still different after every region's earlier writes landed in both regions. */
  divergent_entities: z.number(),
  /** Candidates whose in-flight writes had not all landed when the check ended ("in flight"). */
  unsettled_entities: z.number(),
  verdict: DivergenceVerdict,
  /** Seconds since the check. */
  age_seconds: z.number(),
  /** False once the state the verdict describes has moved on (its in-flight writes landed, or checks stopped). */
  current: z.boolean(),
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

const EntityRow = z.object({ key: z.string(), region_a: z.string(), region_b: z.string(), kind: DivergenceKind, a: SideRow, b: SideRow });

/** `GET /api/divergence/{dataset}/entities?region_a=&region_b=` (docs/api.md). */
export const DivergenceEntities = z.object({
  dataset: z.string(),
  region_a: z.string(),
  region_b: z.string(),
  /** When the check these entities come from ran (a later failed attempt does not move it). */
  checked_at: z.number().nullable(),
  /** Why the latest attempt failed, if it did; the entities are then from `checked_at`. */
  error: z.string().nullable().optional(),
  /** Settled divergent entities. */
  entities: z.array(EntityRow),
  /** Candidates still in flight at the check: when first seen, and which ordered pairs had not landed. */
  unsettled: z.array(EntityRow.extend({ first_seen_at: z.number(), waiting_on: z.array(z.string()) })).default([]),
  verdict: DivergenceVerdict.optional(),
  current: z.boolean().optional(),
});
export type DivergenceEntities = z.infer<typeof DivergenceEntities>;
