import { getRuntime } from '@/lib/server/runtime';
import { errorResponse, handle } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** What the demo injected; 404 outside the demo. Fields: docs/api.md. */
export function GET(): Promise<Response> {
  return handle(() => {
    const truth = getRuntime().simTruth;
    if (!truth) return errorResponse(404, 'not_demo', 'sim truth exists only under `regionwatch demo`');
    return Response.json(truth());
  });
}
