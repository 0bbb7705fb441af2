'use client';

import { useQuery } from '@tanstack/react-query';
import { SloDetail, SloList } from '@/lib/api/types';
import { createQueryFn } from './fetch';
import { pollEvery, shouldRetry } from './hooks';
import { queryKeys } from './keys';

/**
 * SLI counts are recorded about once a second; the list is cheap and shown on the overview,
 * the detail re-reads the whole window's history, so it polls a little more slowly.
 */
export const SLO_REFRESH_MS = { list: 2_000, detail: 3_000 } as const;

/** The burn-down spans the page (≤ ~1500 px); STYLE §5 allows about 2× its width in points. */
export const BURN_DOWN_POINTS = 1_200;

/** Every SLO's budget, burn rates and alert state (`GET /api/slo`). */
export function useSloListQuery() {
  return useQuery({
    queryKey: queryKeys.sloList(),
    queryFn: createQueryFn('/api/slo', SloList),
    refetchInterval: pollEvery(SLO_REFRESH_MS.list),
    retry: shouldRetry,
  });
}

/**
 * One SLO with its burn-down and burn-rate series (`GET /api/slo/{name}`). Every panel of
 * the SLO page calls this; they share one request. A 404 (no such SLO) stops the polling.
 */
export function useSloDetailQuery(name: string, points = BURN_DOWN_POINTS) {
  return useQuery({
    queryKey: queryKeys.sloDetail(name, points),
    queryFn: createQueryFn(sloDetailPath(name, points), SloDetail),
    refetchInterval: pollEvery(SLO_REFRESH_MS.detail),
    retry: shouldRetry,
  });
}

export function sloDetailPath(name: string, points: number): string {
  return `/api/slo/${encodeURIComponent(name)}?${new URLSearchParams({ points: String(points) })}`;
}
