import { z } from 'zod';
import { Resolution } from '@/lib/api/types';
import { RegionName } from '@/lib/domain/region';

/** Time ranges the conflicts page offers; the key is what appears in `?range=`. */
export const CONFLICT_RANGES = {
  '15m': { ms: 15 * 60_000, description: 'last 15 minutes' },
  '1h': { ms: 60 * 60_000, description: 'last hour' },
  '24h': { ms: 24 * 60 * 60_000, description: 'last 24 hours' },
  '7d': { ms: 7 * 24 * 60 * 60_000, description: 'last 7 days' },
} as const;

export type ConflictRange = keyof typeof CONFLICT_RANGES;
export const DEFAULT_CONFLICT_RANGE: ConflictRange = '1h';

/** What the conflicts list and its rate chart are narrowed to; every field lives in the URL. */
export interface ConflictFilters {
  source?: string;
  target?: string;
  entityType?: string;
  resolution?: Resolution;
  pendingOnly: boolean;
  range: ConflictRange;
}

export const NO_FILTERS: ConflictFilters = { pendingOnly: false, range: DEFAULT_CONFLICT_RANGE };

// Applications name their own entity types; keep to characters that are safe in a URL and a label.
const EntityType = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]+$/)
  .max(100);
// Cursors are opaque to the UI; bound them so a pasted URL cannot carry anything large.
const Cursor = z.string().min(1).max(500);

/** One value per name: `?source=a&source=b` means `a`. Empty values mean "not set". */
const single = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => {
    const first = Array.isArray(value) ? value[0] : value;
    return first === '' ? undefined : first;
  }, schema.optional().catch(undefined));

/**
 * Parses `/conflicts` search params. A bad value is dropped (the filter is just not
 * applied) rather than failing the page: URLs are typed and shared by people.
 */
export const ConflictSearchParams = z.object({
  source: single(RegionName),
  target: single(RegionName),
  entity_type: single(EntityType),
  resolution: single(Resolution),
  pending: single(z.enum(['true', 'false'])),
  range: single(z.enum(['15m', '1h', '24h', '7d'])),
  cursor: single(Cursor),
});

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

/** The filters and the page cursor a `/conflicts` (or queue) URL asks for. */
export function parseConflictSearch(params: SearchParamsRecord): { filters: ConflictFilters; cursor: string | undefined } {
  const parsed = ConflictSearchParams.parse(params);
  const filters: ConflictFilters = { pendingOnly: parsed.pending === 'true', range: parsed.range ?? DEFAULT_CONFLICT_RANGE };
  // Unset filters are absent, not undefined, so filters compare and serialise cleanly.
  if (parsed.source) filters.source = parsed.source;
  if (parsed.target) filters.target = parsed.target;
  if (parsed.entity_type) filters.entityType = parsed.entity_type;
  if (parsed.resolution) filters.resolution = parsed.resolution;
  return { filters, cursor: parsed.cursor };
}

/**
 * The URL of `/conflicts` (or another list page at `basePath`) for these filters and
 * cursor; defaults are left out so the plain page stays `/conflicts`.
 */
export function conflictsPageHref(filters: ConflictFilters, cursor?: string, basePath = '/conflicts'): string {
  const query = new URLSearchParams();
  if (filters.source) query.set('source', filters.source);
  if (filters.target) query.set('target', filters.target);
  if (filters.entityType) query.set('entity_type', filters.entityType);
  if (filters.resolution) query.set('resolution', filters.resolution);
  if (filters.pendingOnly) query.set('pending', 'true');
  if (filters.range !== DEFAULT_CONFLICT_RANGE) query.set('range', filters.range);
  if (cursor) query.set('cursor', cursor);
  const search = query.toString();
  return search ? `${basePath}?${search}` : basePath;
}

/** True when anything narrows the list beyond the time range. */
export function hasNarrowingFilters(filters: ConflictFilters): boolean {
  return Boolean(filters.source || filters.target || filters.entityType || filters.resolution || filters.pendingOnly);
}

/** The manual reconciliation queue page. */
export const QUEUE_PATH = '/conflicts/queue';
