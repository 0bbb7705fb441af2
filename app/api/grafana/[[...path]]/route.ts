import { getRuntime } from '@/lib/server/runtime';
import { errorResponse, handle } from '@/lib/server/http';
import { readLimited } from '@/lib/server/ingest';
import { MAX_GRAFANA_BODY_BYTES, grafanaAnswer, grafanaEndpoint, grafanaHealth, noGrafanaEndpoint, parseJsonBody } from '@/lib/grafana/datasource';

export const dynamic = 'force-dynamic';

/** The optional catch-all makes `/api/grafana` itself a route: `path` is then absent. */
type Context = { params: Promise<{ path?: string[] }> };

const pathOf = async (context: Context) => ((await context.params).path ?? []).join('/');

export function GET(_request: Request, context: Context): Promise<Response> {
  return handle(async () => {
    const path = await pathOf(context);
    if (path !== '') return noGrafanaEndpoint('GET', path);
    return grafanaAnswer(() => grafanaHealth(getRuntime()));
  });
}

export function POST(request: Request, context: Context): Promise<Response> {
  return handle(async () => {
    const path = await pathOf(context);
    const endpoint = grafanaEndpoint(path);
    if (!endpoint) return noGrafanaEndpoint('POST', path);
    const text = await readLimited(request, MAX_GRAFANA_BODY_BYTES);
    if (text === null) return errorResponse(413, 'too_large', `body exceeds ${MAX_GRAFANA_BODY_BYTES} bytes`);
    const runtime = getRuntime();
    return grafanaAnswer(() => endpoint(runtime, parseJsonBody(text)));
  });
}
