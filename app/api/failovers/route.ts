import { getRuntime } from '@/lib/server/runtime';
import { handle, parseQuery } from '@/lib/server/http';
import { TimeRange } from '@/lib/server/params';
import { failoverList } from '@/lib/server/failovers';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return handle(() => {
    const parsed = parseQuery(TimeRange, request.url);
    if (!parsed.ok) return parsed.response;
    return Response.json(failoverList(getRuntime(), parsed.value.from, parsed.value.to));
  });
}
