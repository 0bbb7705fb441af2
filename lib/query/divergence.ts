'use client';

import { useQuery } from '@tanstack/react-query';
import { DivergenceEntities, DivergenceOverview } from '@/lib/api/types';
import { canonicalPair } from '@/lib/divergence/format';
import { createQueryFn } from './fetch';
import { pollEvery, shouldRetry } from './hooks';
import { queryKeys } from './keys';

/**
 * Checks run every `collectors.divergence.interval` (a minute or more in practice), so
 * polling faster than a few seconds would only re-read the same answer.
 */
export const DIVERGENCE_REFRESH_MS = { overview: 5_000, entities: 5_000 } as const;

/** The last check per dataset and unordered pair (`GET /api/divergence`); shared by every divergence panel. */
export function useDivergenceOverviewQuery() {
  return useQuery({
    queryKey: queryKeys.divergenceOverview(),
    queryFn: createQueryFn('/api/divergence', DivergenceOverview),
    refetchInterval: pollEvery(DIVERGENCE_REFRESH_MS.overview),
    retry: shouldRetry,
  });
}

/**
 * The divergent keys of one dataset on one pair, with both rows
 * (`GET /api/divergence/{dataset}/entities`). The pair is unordered: both orders share one cache entry.
 */
export function useDivergenceEntitiesQuery(dataset: string, regionA: string, regionB: string) {
  const [first, second] = canonicalPair(regionA, regionB);
  return useQuery({
    queryKey: queryKeys.divergenceEntities(dataset, first, second),
    queryFn: createQueryFn(divergenceEntitiesPath(dataset, first, second), DivergenceEntities),
    refetchInterval: pollEvery(DIVERGENCE_REFRESH_MS.entities),
    retry: shouldRetry,
  });
}

/** Builds the entities URL, with the pair in canonical order. */
export function divergenceEntitiesPath(dataset: string, regionA: string, regionB: string): string {
  const [first, second] = canonicalPair(regionA, regionB);
  return `/api/divergence/${encodeURIComponent(dataset)}/entities?${new URLSearchParams({ region_a: first, region_b: second })}`;
}
