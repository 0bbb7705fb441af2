import { z } from 'zod';
import type { Runtime } from '@/lib/server/runtime';
import { type MetricName, metricNamed, Payload } from './catalog';
import { divergenceQuery } from './divergence';
import { badRequest, parseWith } from './errors';
import { annotationsQuery, failoversQuery } from './events';
import type { QueryContext, QueryResult } from './frames';
import { conflictsQuery, lagQuery } from './replication';
import { sloQuery } from './slo';
import { Filters } from './values';

const IsoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time (2024-05-01T12:00:00Z)' }).transform((text) => Date.parse(text));

const Target = z.object({
  target: z.string().max(200),
  refId: z.string().max(100).optional(),
  hide: z.boolean().optional(),
  payload: Payload,
});

/** `POST /query`, as the plugin sends it; fields the API does not read (scopedVars, panelId, …) are ignored. */
export const QueryRequest = z.object({
  range: z.object({ from: IsoTime, to: IsoTime }).optional(),
  intervalMs: z.number().min(0).optional(),
  maxDataPoints: z.number().min(1).optional(),
  targets: z.array(Target).max(50),
  filters: z.unknown().optional(),
});

const DEFAULT_RANGE_MS = 3_600_000;
/** As `/api/lag/series`: its default and maximum points. */
const DEFAULT_POINTS = 600;
const MAX_POINTS = 5000;

const QUERIES: Record<MetricName, (ctx: QueryContext, payload: Payload, field: string) => QueryResult[] | Promise<QueryResult[]>> = {
  lag: lagQuery,
  conflicts: conflictsQuery,
  divergence: divergenceQuery,
  failovers: failoversQuery,
  slo: sloQuery,
  annotations: annotationsQuery,
};

/** The range (last hour by default), the point budget and the compiled filters of a request. */
export function queryContext(runtime: Runtime, request: z.infer<typeof QueryRequest>, now: number): QueryContext {
  const to = request.range?.to ?? now;
  const from = request.range?.from ?? to - DEFAULT_RANGE_MS;
  if (from >= to) throw badRequest('range.from', 'must be before range.to');
  let points = Math.min(MAX_POINTS, Math.floor(request.maxDataPoints ?? DEFAULT_POINTS));
  // Grafana's intervalMs is the step it wants at least: no more points than the range holds steps.
  if (request.intervalMs) points = Math.min(points, Math.floor((to - from) / request.intervalMs));
  return { runtime, from, to, now, points: Math.max(1, points), filters: Filters.compile(request.filters) };
}

/** `POST /query`: each visible target's series or tables, in target order. */
export async function runQuery(runtime: Runtime, body: unknown, now = Date.now()): Promise<QueryResult[]> {
  const request = parseWith(QueryRequest, body);
  const ctx = queryContext(runtime, request, now);
  const results: QueryResult[] = [];
  for (const [index, target] of request.targets.entries()) {
    if (target.hide) continue;
    const metric = metricNamed(target.target.trim(), `targets[${index}].target`);
    results.push(...(await QUERIES[metric](ctx, target.payload, `targets[${index}].payload`)));
  }
  return results;
}
