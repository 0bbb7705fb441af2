import { getRuntime } from '@/lib/server/runtime';
import { handle, parseQuery } from '@/lib/server/http';
import { RateParams, conflictRate } from '@/lib/server/conflicts';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const parsed = parseQuery(RateParams, request.url);
    if (!parsed.ok) return parsed.response;
    return Response.json(await conflictRate(getRuntime(), parsed.value));
  });
}
