import { z } from 'zod';
import { CONFLICT_RANGES } from '@/lib/conflicts/filters';

/**
 * Time ranges of the failovers page (`?range=`). The same windows as the conflicts page,
 * so a conflict spike and the failover behind it are looked at over the same span.
 */
export const FAILOVER_RANGES = CONFLICT_RANGES;
export type FailoverRange = keyof typeof FAILOVER_RANGES;

/** Failovers are rare: a day shows the last few without choosing a range. */
export const DEFAULT_FAILOVER_RANGE: FailoverRange = '24h';

/** The failovers page. */
export const FAILOVERS_PATH = '/failovers';

/** Parses `?range=`; anything unknown (or repeated) falls back to the default rather than failing the page. */
export const FailoverRangeParam = z.enum(['15m', '1h', '24h', '7d']).catch(DEFAULT_FAILOVER_RANGE);
