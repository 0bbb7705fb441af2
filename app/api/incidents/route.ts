import { getRuntime } from '@/lib/server/runtime';
import { handle, parseQuery } from '@/lib/server/http';
import { TimeRange } from '@/lib/server/params';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return handle(() => {
    const parsed = parseQuery(TimeRange, request.url);
    if (!parsed.ok) return parsed.response;
    const items = getRuntime()
      .signals.incidents.snapshot(parsed.value.from, parsed.value.to)
      .incidents.map((incident) => ({
        id: incident.id,
        kind: incident.kind,
        title: incident.title,
        regions: incident.regions,
        opened_at: incident.openedAt,
        closed_at: incident.closedAt,
        details: incident.details,
        runbook: incident.runbook,
      }));
    return Response.json({ items });
  });
}
