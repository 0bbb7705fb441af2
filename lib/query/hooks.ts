'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Health, LagMatrix, LagSeries, Topology } from '@/lib/api/types';
import { ApiRequestError, createQueryFn } from './fetch';
import { queryKeys } from './keys';

/** Live panels poll; these are the cadences the collectors can actually feed. */
export const REFRESH_MS = { lagMatrix: 1_000, topology: 1_000, lagSeries: 2_000, health: 5_000 } as const;

const MAX_RETRIES = 2;

/**
 * Retries network failures and 5xx, never a 4xx: a bad pair name will not get better.
 * Polling resumes on the next interval anyway, so a couple of retries is enough.
 */
export function shouldRetry(failureCount: number, error: Error): boolean {
  return !isClientError(error) && failureCount < MAX_RETRIES;
}

/** Polls every `intervalMs`, but stops once the server has said the request itself is wrong. */
export function pollEvery(intervalMs: number) {
  return (query: { state: { error: Error | null } }): number | false => (isClientError(query.state.error) ? false : intervalMs);
}

function isClientError(error: Error | null): boolean {
  return error instanceof ApiRequestError && error.status !== undefined && error.status >= 400 && error.status < 500;
}

/** Replication lag per ordered region pair (`GET /api/lag/matrix`). */
export function useLagMatrixQuery() {
  return useQuery({
    queryKey: queryKeys.lagMatrix(),
    queryFn: createQueryFn('/api/lag/matrix', LagMatrix),
    refetchInterval: pollEvery(REFRESH_MS.lagMatrix),
    retry: shouldRetry,
  });
}

/** Lag of one pair over the last `rangeMs`, downsampled to `points` (`GET /api/lag/series`). */
export function useLagSeriesQuery(sourceRegion: string, targetRegion: string, rangeMs: number, points: number) {
  return useQuery({
    queryKey: queryKeys.lagSeries(sourceRegion, targetRegion, rangeMs, points),
    queryFn: createQueryFn(() => lagSeriesPath(sourceRegion, targetRegion, rangeMs, points, Date.now()), LagSeries),
    refetchInterval: pollEvery(REFRESH_MS.lagSeries),
    retry: shouldRetry,
    // Switching range keeps the old chart on screen instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  });
}

/** Regions, geos, domains and pairs with per-region health (`GET /api/topology`). */
export function useTopologyQuery() {
  return useQuery({
    queryKey: queryKeys.topology(),
    queryFn: createQueryFn('/api/topology', Topology),
    refetchInterval: pollEvery(REFRESH_MS.topology),
    retry: shouldRetry,
  });
}

/** Collector health (`GET /api/health`); a 503 still carries the body, so it is data, not an error. */
export function useHealthQuery() {
  return useQuery({
    queryKey: queryKeys.health(),
    queryFn: createQueryFn('/api/health', Health, { acceptStatuses: [503] }),
    refetchInterval: pollEvery(REFRESH_MS.health),
    retry: shouldRetry,
  });
}

/** Builds the series URL for the window ending at `nowMs`. */
export function lagSeriesPath(sourceRegion: string, targetRegion: string, rangeMs: number, points: number, nowMs: number): string {
  const query = new URLSearchParams({
    source: sourceRegion,
    target: targetRegion,
    from: String(nowMs - rangeMs),
    to: String(nowMs),
    points: String(points),
  });
  return `/api/lag/series?${query}`;
}
