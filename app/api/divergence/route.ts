import { getRuntime } from '@/lib/server/runtime';
import { handle } from '@/lib/server/http';
import { divergenceOverview } from '@/lib/server/divergence';

export const dynamic = 'force-dynamic';

/** The last check per dataset and region pair. */
export function GET(): Promise<Response> {
  return handle(() => Response.json(divergenceOverview(getRuntime())));
}
