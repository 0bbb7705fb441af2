import { getRuntime } from '@/lib/server/runtime';
import { errorResponse, handle, parseQuery, unknownRegion } from '@/lib/server/http';
import { ListParams, conflictList, decodeCursor } from '@/lib/server/conflicts';
import { MAX_INGEST_BYTES, parseBatch, readLimited } from '@/lib/server/ingest';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return handle(() => {
    const parsed = parseQuery(ListParams, request.url);
    if (!parsed.ok) return parsed.response;
    const runtime = getRuntime();
    const unknown = unknownRegion(
      runtime.config.regions.map((region) => region.name),
      { source: parsed.value.source, target: parsed.value.target },
    );
    if (unknown) return unknown;
    const cursor = parsed.value.cursor === undefined ? null : decodeCursor(parsed.value.cursor);
    if (parsed.value.cursor !== undefined && !cursor) return errorResponse(400, 'bad_request', 'cursor: not a cursor this server issued', { field: 'cursor' });
    return Response.json(conflictList(runtime, parsed.value, cursor));
  });
}

/**
 * Ingests conflict events (JSON array or NDJSON). Good events are stored even when others
 * are bad, unless `?atomic=true`; 202 is sent only after the transaction is durable.
 */
export function POST(request: Request): Promise<Response> {
  return handle(async () => {
    const atomic = new URL(request.url).searchParams.get('atomic') === 'true';
    const text = await readLimited(request, MAX_INGEST_BYTES);
    if (text === null) return errorResponse(413, 'too_large', `body exceeds ${MAX_INGEST_BYTES} bytes; send smaller batches`);
    const runtime = getRuntime();
    const batch = parseBatch(
      text,
      runtime.config.regions.map((region) => region.name),
    );
    if (batch.events.length === 0 || (atomic && batch.rejected.length > 0)) {
      const message = batch.events.length === 0 && batch.rejected.length === 0 ? '(body): holds no events' : `${batch.rejected.length} event(s) rejected${atomic ? '; nothing stored (atomic)' : ''}`;
      return errorResponse(400, 'bad_request', message, { accepted: 0, duplicates: 0, rejected: batch.rejected });
    }
    const added = runtime.ingestConflicts(batch.events.map((event) => event.record));
    return Response.json({ accepted: added.length, duplicates: batch.events.length - added.length, rejected: batch.rejected }, { status: 202 });
  });
}
