import { getRuntime } from '@/lib/server/runtime';
import { handle } from '@/lib/server/http';
import { sloSummary } from '@/lib/server/slo';

export const dynamic = 'force-dynamic';

export function GET(): Promise<Response> {
  return handle(() => {
    const runtime = getRuntime();
    return Response.json({ items: runtime.config.slos.map((slo) => sloSummary(runtime, slo)) });
  });
}
