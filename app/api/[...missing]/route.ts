import { errorResponse } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** Every `/api/*` path no route serves: a JSON 404 an API client can read, never an HTML page. */
function notFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  return errorResponse(404, 'not_found', `no API route at ${path.slice(0, 200)}`);
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
