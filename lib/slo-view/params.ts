import { z } from 'zod';
import { SloName } from '@/lib/domain/region';

/** The `/slo/[name]` route param: a name the config could have accepted. */
export const SloNameParam = z.object({ name: SloName });

/**
 * How much of the SLO window the charts span (`?range=`): only the `recorded` part, since the
 * first counted event (the default: a fresh install has minutes of a 30 d window, which drawn
 * whole would be a sliver), or the whole `window`. Once data fills the window they are the same.
 */
export const SLO_RANGES = {
  recorded: { description: 'the part of the window with recorded events' },
  window: { description: 'the whole SLO window' },
} as const;
export type SloRange = keyof typeof SLO_RANGES;

/** Anything unknown (or repeated) means the recorded part, as the SLO page draws it by default. */
export const SloRangeParam = z.enum(['window', 'recorded']).catch('recorded');

/** The route's SLO name, or null when it cannot name one (the page is then a 404). */
export function parseSloName(params: unknown): string | null {
  const parsed = SloNameParam.safeParse(params);
  return parsed.success ? parsed.data.name : null;
}
