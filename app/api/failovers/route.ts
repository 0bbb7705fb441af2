import { z } from 'zod';
import { getRuntime } from '@/lib/server/runtime';
import { handle, parseQuery } from '@/lib/server/http';
import { failoverList } from '@/lib/server/failovers';

export const dynamic = 'force-dynamic';

const EpochMs = z.coerce.number().int().min(0, { error: 'must be epoch milliseconds' });
const Params = z.strictObject({ from: EpochMs.optional(), to: EpochMs.optional() });

export function GET(request: Request): Promise<Response> {
  return handle(() => {
    const parsed = parseQuery(Params, request.url);
    if (!parsed.ok) return parsed.response;
    return Response.json(failoverList(getRuntime(), parsed.value.from, parsed.value.to));
  });
}
