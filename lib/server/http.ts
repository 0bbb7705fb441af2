import type { z } from 'zod';
import { isPromBackendError } from '@/lib/promql/client';
import { RuntimeMissingError } from './runtime';

/** The API's error body: `{"error": {code, message, details?}}` (docs/api.md). */
export function errorResponse(status: number, code: string, message: string, details?: unknown): Response {
  return Response.json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, { status });
}

/** Validates query parameters; a failure names each bad field. */
export function parseQuery<S extends z.ZodType>(schema: S, url: string): { ok: true; value: z.infer<S> } | { ok: false; response: Response } {
  const params = Object.fromEntries(new URL(url).searchParams);
  const result = schema.safeParse(params);
  if (result.success) return { ok: true, value: result.data };
  const fields = result.error.issues.map((issue) => ({ field: issue.path.join('.') || '(query)', message: issue.message }));
  const message = fields.map((field) => `${field.field}: ${field.message}`).join('; ');
  return { ok: false, response: errorResponse(400, 'bad_request', message, { fields }) };
}

/** Runs a handler, turning anything unexpected into a JSON error instead of an HTML 500 page. */
export async function handle(work: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RuntimeMissingError) return errorResponse(503, 'not_running', error.message);
    if (isPromBackendError(error)) return errorResponse(error.kind === 'unavailable' ? 503 : 502, error.kind === 'unavailable' ? 'backend_unavailable' : 'backend_error', error.message);
    console.error('api error:', error);
    return errorResponse(500, 'internal', 'internal error; see the server log');
  }
}

/**
 * 404 naming the first field that holds a region not in the config (fields left out pass), or
 * null when every region is known: unknown regions are never answered as if they existed.
 */
export function unknownRegion(regions: readonly string[], fields: Record<string, string | undefined>): Response | null {
  for (const [field, region] of Object.entries(fields)) {
    if (region !== undefined && !regions.includes(region)) return errorResponse(404, 'unknown_region', `${field}: unknown region "${region}"`, { field });
  }
  return null;
}

/** `/api` and every `/api/*` path no route serves: a JSON 404 an API client can read, never an HTML page. */
export function apiNotFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  return errorResponse(404, 'not_found', `no API route at ${path.slice(0, 200)}`);
}
