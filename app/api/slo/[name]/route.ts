import { z } from 'zod';
import { getRuntime } from '@/lib/server/runtime';
import { errorResponse, handle, parseQuery } from '@/lib/server/http';
import { sloDetail } from '@/lib/server/slo';

export const dynamic = 'force-dynamic';

const Params = z.strictObject({ points: z.coerce.number().int().min(2).max(5000).default(1000) });

export function GET(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return handle(async () => {
    const { name } = await params;
    const parsed = parseQuery(Params, request.url);
    if (!parsed.ok) return parsed.response;
    const runtime = getRuntime();
    const slo = runtime.config.slos.find((candidate) => candidate.name === name);
    if (!slo) return errorResponse(404, 'not_found', `no SLO named "${name.slice(0, 60)}"`);
    return Response.json(await sloDetail(runtime, slo, parsed.value.points));
  });
}
