import { z } from 'zod';
import { getRuntime } from '@/lib/server/runtime';
import { errorResponse, handle, parseQuery, unknownRegion } from '@/lib/server/http';
import { divergenceEntities, findCheck } from '@/lib/server/divergence';

export const dynamic = 'force-dynamic';

const Params = z.strictObject({
  region_a: z.string().min(1, { error: 'required' }),
  region_b: z.string().min(1, { error: 'required' }),
});

export function GET(request: Request, { params }: { params: Promise<{ dataset: string }> }): Promise<Response> {
  return handle(async () => {
    const { dataset } = await params;
    const parsed = parseQuery(Params, request.url);
    if (!parsed.ok) return parsed.response;
    const runtime = getRuntime();
    if (!runtime.config.collectors.divergence.datasets.some((candidate) => candidate.name === dataset)) {
      return errorResponse(404, 'unknown_dataset', `dataset: unknown dataset "${dataset.slice(0, 60)}"`, { field: 'dataset' });
    }
    const regions = runtime.config.regions.map((region) => region.name);
    const unknown = unknownRegion(regions, { region_a: parsed.value.region_a, region_b: parsed.value.region_b });
    if (unknown) return unknown;
    if (parsed.value.region_a === parsed.value.region_b) return errorResponse(400, 'bad_request', 'region_b: must differ from region_a', { field: 'region_b' });
    const { region_a: regionA, region_b: regionB } = parsed.value;
    return Response.json(divergenceEntities(dataset, regionA, regionB, findCheck(runtime, dataset, regionA, regionB)));
  });
}
