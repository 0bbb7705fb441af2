/**
 * The one place query keys are spelled, so invalidation and hooks agree. Keys nest from
 * general to specific: invalidating `['lag']` refreshes the matrix and every series.
 */
export const queryKeys = {
  all: ['regionwatch'] as const,
  health: () => [...queryKeys.all, 'health'] as const,
  topology: () => [...queryKeys.all, 'topology'] as const,
  lag: () => [...queryKeys.all, 'lag'] as const,
  lagMatrix: () => [...queryKeys.lag(), 'matrix'] as const,
  lagSeries: (sourceRegion: string, targetRegion: string, rangeMs: number, points: number) => [...queryKeys.lag(), 'series', { sourceRegion, targetRegion, rangeMs, points }] as const,
  conflicts: () => [...queryKeys.all, 'conflicts'] as const,
  conflictMatrix: (window: string) => [...queryKeys.conflicts(), 'matrix', { window }] as const,
  conflictList: (request: object) => [...queryKeys.conflicts(), 'list', request] as const,
  conflictRate: (request: object) => [...queryKeys.conflicts(), 'rate', request] as const,
  conflictDetail: (id: number) => [...queryKeys.conflicts(), 'detail', id] as const,
  divergence: () => [...queryKeys.all, 'divergence'] as const,
  divergenceOverview: () => [...queryKeys.divergence(), 'overview'] as const,
  divergenceEntities: (dataset: string, regionA: string, regionB: string) => [...queryKeys.divergence(), 'entities', { dataset, regionA, regionB }] as const,
  failovers: () => [...queryKeys.all, 'failovers'] as const,
  failoverList: (rangeMs: number) => [...queryKeys.failovers(), 'list', { rangeMs }] as const,
  incidents: () => [...queryKeys.all, 'incidents'] as const,
  incidentList: (rangeMs: number) => [...queryKeys.incidents(), 'list', { rangeMs }] as const,
  regionHealth: (window: string) => [...queryKeys.all, 'regions', 'health', { window }] as const,
  slo: () => [...queryKeys.all, 'slo'] as const,
  sloList: () => [...queryKeys.slo(), 'list'] as const,
  sloDetail: (name: string, points: number) => [...queryKeys.slo(), 'detail', { name, points }] as const,
};
