import { z } from 'zod';
import { getRuntime } from '@/lib/server/runtime';
import { handle, parseQuery } from '@/lib/server/http';
import { regionHealth } from '@/lib/server/failovers';
import { parseDurationMs } from '@/lib/config/duration';

export const dynamic = 'force-dynamic';

const Params = z.strictObject({
  window: z
    .string()
    .default('5m')
    .refine((text) => {
      const ms = parseDurationMs(text);
      return ms !== null && ms > 0 && ms <= 15 * 60_000;
    }, { error: 'must be a duration up to 15m' })
    .transform((text) => parseDurationMs(text)!),
});

export function GET(request: Request): Promise<Response> {
  return handle(() => {
    const parsed = parseQuery(Params, request.url);
    if (!parsed.ok) return parsed.response;
    return Response.json(regionHealth(getRuntime(), parsed.value.window));
  });
}
