import { z } from 'zod';
import { getRuntime } from '@/lib/server/runtime';
import { handle, parseQuery } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

const EpochMs = z.coerce.number().int().min(0, { error: 'must be epoch milliseconds' });
const Params = z.strictObject({ from: EpochMs.optional(), to: EpochMs.optional() });

export function GET(request: Request): Promise<Response> {
  return handle(() => {
    const parsed = parseQuery(Params, request.url);
    if (!parsed.ok) return parsed.response;
    const items = getRuntime()
      .incidentStore.list(parsed.value.from, parsed.value.to)
      .map((incident) => ({
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
