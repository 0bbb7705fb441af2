import { z } from 'zod';
import { getRuntime } from '@/lib/server/runtime';
import { handle, parseQuery } from '@/lib/server/http';
import { regionHealth } from '@/lib/server/failovers';
import { DurationParam } from '@/lib/server/params';

export const dynamic = 'force-dynamic';

const Params = z.strictObject({ window: DurationParam('5m', 15 * 60_000, '15m') });

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const parsed = parseQuery(Params, request.url);
    if (!parsed.ok) return parsed.response;
    return Response.json(await regionHealth(getRuntime(), parsed.value.window));
  });
}
