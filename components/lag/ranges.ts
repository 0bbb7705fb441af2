import { z } from 'zod';

/** Time windows the pair page offers; the key is what appears in `?range=`. */
export const LAG_RANGES = {
  '5m': { ms: 5 * 60_000, description: 'last 5 minutes' },
  '1h': { ms: 60 * 60_000, description: 'last hour' },
  '24h': { ms: 24 * 60 * 60_000, description: 'last 24 hours' },
} as const;

export type LagRange = keyof typeof LAG_RANGES;

/** Parses `?range=`; anything unknown falls back to the shortest window rather than failing the page. */
export const LagRangeParam = z.enum(['5m', '1h', '24h']).catch('5m');

/** The pair chart is at most ~1200 px wide; STYLE §5 allows about 2× its width in points. */
export const SERIES_POINTS = 600;
