'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { FailoverList, IncidentList, RegionHealth } from '@/lib/api/types';
import { createQueryFn } from './fetch';
import { pollEvery, shouldRetry } from './hooks';
import { queryKeys } from './keys';

/**
 * Probes run every few hundred milliseconds and the GTM is checked about once a second, so a
 * 2 s poll shows a failover's steps as they happen without re-reading the same answer.
 */
export const FAILOVER_REFRESH_MS = { failovers: 2_000, incidents: 2_000, regionHealth: 2_000 } as const;

/** Failovers detected within the last `rangeMs`, oldest first (`GET /api/failovers`). */
export function useFailoversQuery(rangeMs: number) {
  return useQuery({
    queryKey: queryKeys.failoverList(rangeMs),
    queryFn: createQueryFn(() => failoverListPath(rangeMs, Date.now()), FailoverList),
    refetchInterval: pollEvery(FAILOVER_REFRESH_MS.failovers),
    retry: shouldRetry,
    // A range change keeps the old timeline on screen instead of a skeleton.
    placeholderData: keepPreviousData,
  });
}

/** Open incidents plus those opened within the last `rangeMs`, newest first (`GET /api/incidents`). */
export function useIncidentsQuery(rangeMs: number) {
  return useQuery({
    queryKey: queryKeys.incidentList(rangeMs),
    queryFn: createQueryFn(() => incidentListPath(rangeMs, Date.now()), IncidentList),
    refetchInterval: pollEvery(FAILOVER_REFRESH_MS.incidents),
    retry: shouldRetry,
    placeholderData: keepPreviousData,
  });
}

/** Probe error rate and latency per region over `window` (at most 15m), and the GTM's routes now (`GET /api/regions/health`). */
export function useRegionHealthQuery(window = '5m') {
  return useQuery({
    queryKey: queryKeys.regionHealth(window),
    queryFn: createQueryFn(regionHealthPath(window), RegionHealth),
    refetchInterval: pollEvery(FAILOVER_REFRESH_MS.regionHealth),
    retry: shouldRetry,
  });
}

/** Builds the failovers URL; `from` is `rangeMs` before `nowMs`, and no `to`, so one still being detected is included. */
export function failoverListPath(rangeMs: number, nowMs: number): string {
  return `/api/failovers?${new URLSearchParams({ from: String(nowMs - rangeMs) })}`;
}

/** Builds the incidents URL; the API adds the open incidents whatever their age. */
export function incidentListPath(rangeMs: number, nowMs: number): string {
  return `/api/incidents?${new URLSearchParams({ from: String(nowMs - rangeMs) })}`;
}

export function regionHealthPath(window: string): string {
  return `/api/regions/health?${new URLSearchParams({ window })}`;
}
