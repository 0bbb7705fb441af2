import { z } from 'zod';
import { getRuntime } from '@/lib/server/runtime';
import { errorResponse, handle, parseQuery, unknownRegion } from '@/lib/server/http';
import { lagSeries } from '@/lib/server/lag';
import { EpochMs } from '@/lib/server/params';

export const dynamic = 'force-dynamic';

const HOUR_MS = 3_600_000;

const SeriesParams = z
  .strictObject({
    source: z.string().min(1, { error: 'required' }),
    target: z.string().min(1, { error: 'required' }),
    from: EpochMs.optional(),
    to: EpochMs.optional(),
    points: z.coerce.number().int().min(2).max(5000).default(600),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from < query.to, {
    error: 'must be before `to`',
    path: ['from'],
  });

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const parsed = parseQuery(SeriesParams, request.url);
    if (!parsed.ok) return parsed.response;
    const runtime = getRuntime();
    const { source, target, points } = parsed.value;
    const unknown = unknownRegion(
      runtime.config.regions.map((region) => region.name),
      { source, target },
    );
    if (unknown) return unknown;
    if (source === target) return errorResponse(400, 'bad_request', 'target: must differ from source', { field: 'target' });
    const to = parsed.value.to ?? Date.now();
    const from = parsed.value.from ?? to - HOUR_MS;
    return Response.json(await lagSeries(runtime, { source, target, from, to, points }));
  });
}
