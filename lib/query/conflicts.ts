'use client';

import { keepPreviousData, useQuery, type Query } from '@tanstack/react-query';
import { ConflictDetail, ConflictList, ConflictMatrix, ConflictRate, type Resolution } from '@/lib/api/types';
import { createQueryFn } from './fetch';
import { pollEvery, shouldRetry } from './hooks';
import { queryKeys } from './keys';

/**
 * Conflict panels poll more slowly than lag: a list that reshuffles every second cannot be
 * read or clicked. Older pages only change when a pending conflict is resolved.
 */
export const CONFLICT_REFRESH_MS = { matrix: 2_000, rate: 5_000, latest: 5_000, olderPage: 15_000, pendingDetail: 5_000 } as const;

/** Narrows a conflict query; field names follow the API's query parameters. */
export interface ConflictSelection {
  source?: string;
  target?: string;
  entityType?: string;
  resolution?: Resolution;
}

export interface ConflictListRequest extends ConflictSelection {
  /** Only pending (true) or only resolved (false) conflicts; both when absent. */
  pending?: boolean;
  /** Only conflicts detected within this long before the query runs. */
  rangeMs?: number;
  limit: number;
  cursor?: string;
  order?: 'newest' | 'oldest';
}

/** Conflicts per ordered pair over the trailing `window` (`GET /api/conflicts/matrix`). */
export function useConflictMatrixQuery(window = '5m') {
  return useQuery({
    queryKey: queryKeys.conflictMatrix(window),
    queryFn: createQueryFn(`/api/conflicts/matrix?${new URLSearchParams({ window })}`, ConflictMatrix),
    refetchInterval: pollEvery(CONFLICT_REFRESH_MS.matrix),
    retry: shouldRetry,
  });
}

/** One page of conflicts (`GET /api/conflicts`); the first page polls, older pages refresh rarely. */
export function useConflictListQuery(request: ConflictListRequest) {
  return useQuery({
    queryKey: queryKeys.conflictList(request),
    queryFn: createQueryFn(() => conflictListPath(request, Date.now()), ConflictList),
    refetchInterval: pollEvery(request.cursor ? CONFLICT_REFRESH_MS.olderPage : CONFLICT_REFRESH_MS.latest),
    retry: shouldRetry,
    // A filter change keeps the old rows on screen (dimmed by the panel) instead of a skeleton.
    placeholderData: keepPreviousData,
  });
}

/** Conflicts per minute over the last `rangeMs`, downsampled to `points` (`GET /api/conflicts/rate`). */
export function useConflictRateQuery(selection: ConflictSelection, rangeMs: number, points: number) {
  return useQuery({
    queryKey: queryKeys.conflictRate({ ...selection, rangeMs, points }),
    queryFn: createQueryFn(() => conflictRatePath(selection, rangeMs, points, Date.now()), ConflictRate),
    refetchInterval: pollEvery(CONFLICT_REFRESH_MS.rate),
    retry: shouldRetry,
    placeholderData: keepPreviousData,
  });
}

/**
 * One conflict with both versions (`GET /api/conflicts/{id}`). A resolved conflict never
 * changes, so only a pending one is polled (to notice its resolution).
 */
export function useConflictDetailQuery(id: number) {
  const pollWhilePending = pollEvery(CONFLICT_REFRESH_MS.pendingDetail);
  return useQuery({
    queryKey: queryKeys.conflictDetail(id),
    queryFn: createQueryFn(`/api/conflicts/${id}`, ConflictDetail),
    // Annotated: reading `data` inside the option would otherwise defeat inference of the hook's type.
    refetchInterval: (query: Query<ConflictDetail, Error>) => (query.state.data && !query.state.data.pending ? false : pollWhilePending(query)),
    retry: shouldRetry,
  });
}

/** Builds the list URL; `from` is `rangeMs` before `nowMs`. */
export function conflictListPath(request: ConflictListRequest, nowMs: number): string {
  const query = selectionParams(request);
  if (request.pending !== undefined) query.set('pending', String(request.pending));
  if (request.rangeMs !== undefined) query.set('from', String(nowMs - request.rangeMs));
  query.set('limit', String(request.limit));
  if (request.cursor) query.set('cursor', request.cursor);
  if (request.order) query.set('order', request.order);
  return `/api/conflicts?${query}`;
}

/** Builds the rate URL for the window ending at `nowMs`. */
export function conflictRatePath(selection: ConflictSelection, rangeMs: number, points: number, nowMs: number): string {
  const query = selectionParams(selection);
  query.set('from', String(nowMs - rangeMs));
  query.set('to', String(nowMs));
  query.set('points', String(points));
  return `/api/conflicts/rate?${query}`;
}

function selectionParams(selection: ConflictSelection): URLSearchParams {
  const query = new URLSearchParams();
  if (selection.source) query.set('source', selection.source);
  if (selection.target) query.set('target', selection.target);
  if (selection.entityType) query.set('entity_type', selection.entityType);
  if (selection.resolution) query.set('resolution', selection.resolution);
  return query;
}
