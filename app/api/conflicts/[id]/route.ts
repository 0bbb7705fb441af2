import { getRuntime } from '@/lib/server/runtime';
import { errorResponse, handle } from '@/lib/server/http';
import { conflictDetail } from '@/lib/server/conflicts';

export const dynamic = 'force-dynamic';

export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handle(async () => {
    const { id } = await params;
    if (!/^\d{1,15}$/.test(id)) return errorResponse(400, 'bad_request', `id: "${id.slice(0, 40)}" is not a conflict id`, { field: 'id' });
    const conflict = conflictDetail(getRuntime(), Number(id));
    if (!conflict) return errorResponse(404, 'not_found', `no conflict ${id}`);
    return Response.json(conflict);
  });
}
