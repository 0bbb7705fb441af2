import { z } from 'zod';

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
