import type { RegionHealth } from '@/lib/api/types';

/**
 * How a geo is routed now: to the region that serves it first (`home`), to another one
 * (`failed_over`), to two at once (`split`: resolvers disagree, so writes land in both),
 * or nowhere (`unrouted`).
 */
export type RouteState = 'home' | 'failed_over' | 'split' | 'unrouted';

export interface GeoRoute {
  geo: string;
  regions: string[];
  /** The region whose `geos` list it, if any. */
  homeRegion: string | null;
  state: RouteState;
}

/**
 * The GTM's current answer per geo, beside the region configured to serve it. Geos the
 * config names but the GTM did not answer for are `unrouted`, unless nothing was answered
 * at all (no GTM configured): then there is nothing to show.
 */
export function shapeRoutes(routes: RegionHealth['routes'], regions: ReadonlyArray<{ name: string; geos: string[] }>): GeoRoute[] {
  if (routes.length === 0) return [];
  const homes = new Map(regions.flatMap((region) => region.geos.map((geo) => [geo, region.name] as const)));
  const answers = new Map(routes.map((route) => [route.geo, route.regions]));
  const geos = [...new Set([...answers.keys(), ...homes.keys()])].sort();
  return geos.map((geo) => {
    const answered = answers.get(geo) ?? [];
    const homeRegion = homes.get(geo) ?? null;
    return { geo, regions: answered, homeRegion, state: routeState(answered, homeRegion) };
  });
}

function routeState(regions: string[], homeRegion: string | null): RouteState {
  if (regions.length === 0) return 'unrouted';
  if (regions.length > 1) return 'split';
  return homeRegion !== null && regions[0] !== homeRegion ? 'failed_over' : 'home';
}

/** Counts for the panel summary: `2 geos split`, `1 failed over`. */
export function routeCounts(routes: readonly GeoRoute[]): Record<RouteState, number> {
  const counts: Record<RouteState, number> = { home: 0, failed_over: 0, split: 0, unrouted: 0 };
  for (const route of routes) counts[route.state] += 1;
  return counts;
}
