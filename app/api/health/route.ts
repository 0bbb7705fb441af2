import { headers } from 'next/headers';
import { getRuntime } from '@/lib/server/runtime';
import { handle } from '@/lib/server/http';
import { health } from '@/lib/server/lag';
import { ANONYMOUS_HEADER } from '@/lib/security/headers';

export const dynamic = 'force-dynamic';

/**
 * 200 once the first collection cycle has completed, 503 before. A request without valid
 * credentials (when auth is on) learns the status alone: the server marks it anonymous.
 */
export function GET(): Promise<Response> {
  return handle(async () => {
    const body = health(getRuntime());
    const status = body.status === 'starting' ? 503 : 200;
    if ((await headers()).get(ANONYMOUS_HEADER) === '1') return Response.json({ status: body.status }, { status });
    return Response.json(body, { status });
  });
}
