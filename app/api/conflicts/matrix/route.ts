import { getRuntime } from '@/lib/server/runtime';
import { handle, parseQuery } from '@/lib/server/http';
import { MatrixParams, conflictMatrix } from '@/lib/server/conflicts';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const parsed = parseQuery(MatrixParams, request.url);
    if (!parsed.ok) return parsed.response;
    return Response.json(await conflictMatrix(getRuntime(), parsed.value.window));
  });
}
