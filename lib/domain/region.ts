import { z } from 'zod';

/** The one pattern for region (and dataset) names: lowercase letters, digits and dashes. */
export const REGION_NAME_PATTERN = /^[a-z0-9-]+$/;

/** Longest region name accepted from outside (URLs, bodies, GTM answers). */
export const MAX_REGION_NAME_LENGTH = 64;

/** A region name as config, routes, bodies and GTM answers must spell it. */
export const RegionName = z
  .string()
  .max(MAX_REGION_NAME_LENGTH, { error: `must be at most ${MAX_REGION_NAME_LENGTH} characters` })
  .regex(REGION_NAME_PATTERN, { error: 'must match [a-z0-9-]+ (lowercase letters, digits, dashes)' });
export type RegionName = z.infer<typeof RegionName>;

/**
 * SLO and dataset names follow the region rule on purpose: each appears in URL segments and
 * metric labels the same way. Separate names so a schema says which one it expects.
 */
export const SloName = RegionName;
export type SloName = RegionName;
export const DatasetName = RegionName;
export type DatasetName = RegionName;

/** `source->target`, the key of one ordered region pair. */
export const pairKey = (source: string, target: string): string => `${source}->${target}`;

/** Every ordered pair of distinct regions, `[source, target]`, in region order. */
export const orderedPairs = (regions: readonly string[]): [string, string][] =>
  regions.flatMap((source) => regions.filter((target) => target !== source).map((target): [string, string] => [source, target]));
