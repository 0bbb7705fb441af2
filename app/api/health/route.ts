import { getRuntime } from '@/lib/server/runtime';
import { handle } from '@/lib/server/http';
import { health } from '@/lib/server/lag';

export const dynamic = 'force-dynamic';

/** 200 once the first collection cycle has completed, 503 before. */
export function GET(): Promise<Response> {
  return handle(() => {
    const body = health(getRuntime());
    return Response.json(body, { status: body.status === 'starting' ? 503 : 200 });
  });
}
