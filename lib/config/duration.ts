import { z } from 'zod';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const DURATION_PATTERN = /^(?:(\d+(?:\.\d+)?)(ms|s|m|h|d|w))+$/;
const PART_PATTERN = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

/**
 * Parses a Prometheus-style duration (`250ms`, `30s`, `1h30m`, `30d`) into milliseconds.
 * A leading `-` is allowed where a signed duration makes sense (clock steps).
 * Returns null when the text is not a duration.
 */
export function parseDurationMs(text: string): number | null {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  if (!DURATION_PATTERN.test(body)) return null;
  let total = 0;
  for (const match of body.matchAll(PART_PATTERN)) {
    total += Number(match[1]) * UNIT_MS[match[2]];
  }
  return negative ? -total : total;
}

/** Formats milliseconds as the shortest Prometheus duration (`90000` → `1m30s`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(Math.round(ms));
  let out = '';
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return sign + out;
}

function durationSchema(allowNegative: boolean) {
  return z.string().transform((text, ctx) => {
    const ms = parseDurationMs(text.trim());
    if (ms === null || (!allowNegative && ms < 0)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${text}" is not a duration (use e.g. 250ms, 30s, 5m, 1h, 30d)`,
      });
      return z.NEVER;
    }
    return ms;
  });
}

/** A non-negative duration string, parsed to milliseconds. */
export const Duration = durationSchema(false);
/** A duration that may be negative (`-400ms`), parsed to milliseconds. */
export const SignedDuration = durationSchema(true);
