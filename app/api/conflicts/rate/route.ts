import { getRuntime } from '@/lib/server/runtime';
import { handle, parseQuery, unknownRegion } from '@/lib/server/http';
import { RateParams, conflictRate } from '@/lib/server/conflicts';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const parsed = parseQuery(RateParams, request.url);
    if (!parsed.ok) return parsed.response;
    const runtime = getRuntime();
    const unknown = unknownRegion(
      runtime.config.regions.map((region) => region.name),
      { source: parsed.value.source, target: parsed.value.target },
    );
    if (unknown) return unknown;
    return Response.json(await conflictRate(runtime, parsed.value));
  });
}
