import { z } from 'zod';
import { Resolution, type ConflictDetail, type ConflictList, type ConflictMatrix, type ConflictRate } from '@/lib/api/types';
import { DurationParam, EpochMs } from './params';
import { countByPair, getConflict, listConflicts, rateSeries, type ConflictFilter } from '@/lib/store/conflict-queries';
import { CONFLICTS_METRIC, PENDING_METRIC } from '@/lib/metrics/names';
import { quote, type PromClient } from '@/lib/promql/client';
import { RESOLUTION_POLICIES } from '@/lib/domain/conflict';
import { orderedPairs, RegionName } from '@/lib/domain/region';
import type { Runtime } from './runtime';

const Bool = z.enum(['true', 'false']).transform((value) => value === 'true');

const FilterParams = {
  source: RegionName.optional(),
  target: RegionName.optional(),
  entity_type: z.string().min(1).max(100).optional(),
  resolution: Resolution.optional(),
  from: EpochMs.optional(),
  to: EpochMs.optional(),
};

export const ListParams = z.strictObject({
  ...FilterParams,
  pending: Bool.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
  order: z.enum(['newest', 'oldest']).default('newest'),
});

export const RateParams = z.strictObject({ ...FilterParams, points: z.coerce.number().int().min(2).max(2000).default(120) });

export const MatrixParams = z.strictObject({ window: DurationParam('5m', 30 * 86_400_000, '30d') });

interface Cursor {
  detectedAt: number;
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.detectedAt}.${cursor.id}`).toString('base64url');
}

/** Returns null for a cursor this server did not issue. */
export function decodeCursor(text: string): Cursor | null {
  const match = /^(\d+)\.(\d+)$/.exec(Buffer.from(text, 'base64url').toString());
  return match ? { detectedAt: Number(match[1]), id: Number(match[2]) } : null;
}

export function conflictList(runtime: Runtime, params: z.infer<typeof ListParams>, cursor: Cursor | null): ConflictList {
  const { items, last } = listConflicts(
    runtime.conflicts.db,
    { source: params.source, target: params.target, entityType: params.entity_type, resolution: params.resolution, pending: params.pending, from: params.from, to: params.to },
    { limit: params.limit, order: params.order, after: cursor ?? undefined },
  );
  return { items, next_cursor: last ? encodeCursor(last) : null };
}

export function conflictDetail(runtime: Runtime, id: number): ConflictDetail | null {
  const conflict = getConflict(runtime.conflicts.db, id);
  if (!conflict) return null;
  return {
    ...conflict,
    // The config says how an entity type is resolved; otherwise the resolution kind the log recorded.
    policy: runtime.config.collectors.conflicts.policies[conflict.entity_type] ?? RESOLUTION_POLICIES[conflict.resolution],
    differing_fields: differingFields(conflict.local_version, conflict.remote_version),
  };
}

/** Top-level fields whose values differ between two versions (all of them when either is not an object). */
export function differingFields(local: unknown, remote: unknown): string[] {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(local) || !isObject(remote)) return JSON.stringify(local) === JSON.stringify(remote) ? [] : ['(value)'];
  return [...new Set([...Object.keys(local), ...Object.keys(remote)])].filter((field) => JSON.stringify(local[field]) !== JSON.stringify(remote[field])).sort();
}

/**
 * Conflicts per ordered pair over the last `windowMs`, and the manual queue per region: from the
 * agents' counters through PromQL in a dashboard without collectors, else from the event store.
 */
export async function conflictMatrix(runtime: Runtime, windowMs: number, now = Date.now()): Promise<ConflictMatrix> {
  const regions = runtime.config.regions.map((region) => region.name);
  const remote = runtime.remote ? await remoteConflictCounts(runtime.prom!, windowMs, now) : null;
  const counts = remote?.counts ?? new Map(countByPair(runtime.conflicts.db, now - windowMs).map((row) => [`${row.source_region}->${row.target_region}`, row.count]));
  const cells = orderedPairs(regions).map(([source, target]) => {
    const count = counts.get(`${source}->${target}`) ?? 0;
    return { source_region: source, target_region: target, count, per_minute: (count * 60_000) / windowMs };
  });
  return { at: now, window_seconds: windowMs / 1000, regions, cells, pending_by_region: remote?.pending ?? runtime.conflicts.pendingByRegion() };
}

async function remoteConflictCounts(prom: PromClient, windowMs: number, now: number) {
  const [increases, queued] = await Promise.all([
    prom.query(`sum by (source_region, target_region) (increase(${CONFLICTS_METRIC}[${windowMs / 1000}s]))`, now),
    prom.query(`max by (region) (${PENDING_METRIC})`, now),
  ]);
  // increase() extrapolates to the window's edges: counts of whole conflicts are rounded.
  const counts = new Map(increases.map((sample) => [`${sample.labels.source_region}->${sample.labels.target_region}`, Math.round(sample.value)]));
  const pending = Object.fromEntries(queued.filter((sample) => sample.labels.region).map((sample) => [sample.labels.region, sample.value]));
  return { counts, pending };
}

/**
 * Conflicts per minute in buckets of a whole number of seconds from `from` to `to`: through
 * PromQL when `prometheus` is configured (the counter's increase over each bucket), else from
 * the event store. Each point is the bucket's start; empty buckets are 0.
 */
export async function conflictRate(runtime: Runtime, params: z.infer<typeof RateParams>, now = Date.now()): Promise<ConflictRate> {
  const to = params.to ?? now;
  const from = params.from ?? to - 3_600_000;
  const stepMs = Math.max(1000, Math.ceil((to - from) / params.points / 1000) * 1000);
  const filter = { source: params.source, target: params.target, entityType: params.entity_type, resolution: params.resolution, from, to };
  const points = runtime.prom ? await remoteRateSeries(runtime.prom, filter, stepMs) : rateSeries(runtime.conflicts.db, filter, stepMs);
  return { from, to, step_seconds: stepMs / 1000, points };
}

async function remoteRateSeries(prom: PromClient, filter: ConflictFilter & { from: number; to: number }, stepMs: number): Promise<[number, number][]> {
  const labels = [
    ['source_region', filter.source],
    ['target_region', filter.target],
    ['entity_type', filter.entityType],
    ['resolution', filter.resolution],
  ].flatMap(([name, value]) => (value === undefined ? [] : [`${name}=${quote(value)}`]));
  const first = Math.floor(filter.from / stepMs) * stepMs;
  // The value at t is the increase over (t - step, t]: the bucket that starts at t - step.
  const expr = `sum(increase(${CONFLICTS_METRIC}{${labels.join(',')}}[${stepMs / 1000}s])) * 60000 / ${stepMs}`;
  const [series] = await prom.queryRange(expr, first + stepMs, Math.floor(filter.to / stepMs) * stepMs + stepMs, stepMs);
  const byBucket = new Map((series?.points ?? []).map(([at, value]) => [at - stepMs, value]));
  const out: [number, number][] = [];
  for (let bucket = first; bucket <= filter.to; bucket += stepMs) out.push([bucket, byBucket.get(bucket) ?? 0]);
  return out;
}
