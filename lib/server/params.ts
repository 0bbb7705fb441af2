import { z } from 'zod';
import { parseDurationMs } from '@/lib/config/duration';

/** Query-parameter schemas shared by the API routes. */
export const EpochMs = z.coerce.number().int().min(0, { error: 'must be epoch milliseconds' });

/** `?from=&to=` in epoch ms, both optional. */
export const TimeRange = z.strictObject({ from: EpochMs.optional(), to: EpochMs.optional() });

/** A duration parameter (`5m`), parsed to ms and bounded. */
export function DurationParam(fallback: string, maxMs: number, maxText: string) {
  return z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDurationMs(text);
      if (ms === null || ms <= 0 || ms > maxMs) {
        ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration between 1ms and ${maxText}` });
        return z.NEVER;
      }
      return ms;
    });
}
