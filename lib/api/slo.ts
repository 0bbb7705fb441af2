import { z } from 'zod';

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
