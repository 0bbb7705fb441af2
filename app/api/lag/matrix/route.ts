import { getRuntime } from '@/lib/server/runtime';
import { handle } from '@/lib/server/http';
import { lagMatrix } from '@/lib/server/lag';

export const dynamic = 'force-dynamic';

export function GET(): Promise<Response> {
  return handle(() => Response.json(lagMatrix(getRuntime())));
}
