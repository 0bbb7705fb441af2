'use client';

import Link from 'next/link';
import { useNow } from '@/components/conflicts/useNow';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import type { IncidentItem } from '@/lib/api/types';
import { formatAge } from '@/lib/conflicts/format';
import { listRegions } from '@/lib/failovers/format';
import { describeKindCounts, mostUrgentFirst, splitIncidents } from '@/lib/failovers/incidents';
import { FAILOVERS_PATH } from '@/lib/failovers/ranges';
import { useIncidentsQuery } from '@/lib/query/failovers';
import { IncidentKindBadge } from './IncidentKindBadge';

/** The card counts incidents closed over this window beside the open ones. */
const RECENT_MS = 60 * 60_000;
/** One outage can open an incident per reading region; the card names the most urgent few and counts the rest. */
const SHOWN = 5;

/** Overview card: what is wrong right now, one line per open incident; details and runbooks on /failovers. */
export function OpenIncidentsPanel() {
  const { data: list, error, isPending, refetch } = useIncidentsQuery(RECENT_MS);
  const nowMs = useNow(1_000);
  const split = list ? splitIncidents(list.items) : null;
  return (
    <Panel
      title="Open incidents"
      className="open-incidents"
      actions={
        <Link href={`${FAILOVERS_PATH}#incidents`} className="panel-link">
          All incidents →
        </Link>
      }
    >
      {isPending ? (
        <PanelLoading label="Loading incidents…" lines={2} />
      ) : !split ? (
        <PanelError title="Incidents are unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
      ) : (
        <>
          {error ? <StaleNotice error={error} /> : null}
          <div className={error ? 'is-stale' : undefined}>
            {split.open.length === 0 ? (
              <PanelEmpty title="No open incidents">{split.closedCount ? describeClosed(split.closedCount) : 'Nothing was opened in the last hour.'}</PanelEmpty>
            ) : (
              <>
                <p className="open-incident-counts">
                  <span className="meta-breach">{split.open.length} open</span>: {describeKindCounts(split.open)}
                </p>
                <OpenIncidentList incidents={mostUrgentFirst(split.open).slice(0, SHOWN)} nowMs={nowMs} />
                <p className="panel-footnote">
                  {split.open.length > SHOWN ? `${split.open.length - SHOWN} more open. ` : ''}
                  {describeClosed(split.closedCount)}
                </p>
              </>
            )}
          </div>
        </>
      )}
    </Panel>
  );
}

function OpenIncidentList({ incidents, nowMs }: { incidents: IncidentItem[]; nowMs: number }) {
  return (
    <ul className="open-incident-list" aria-label="Open incidents, most urgent first">
      {incidents.map((incident) => (
        <li key={incident.id}>
          <IncidentKindBadge kind={incident.kind} />
          <span className="open-incident-title">{incident.title}</span>
          <span className="open-incident-meta mono">
            {listRegions(incident.regions)} · {formatAge(nowMs - incident.opened_at)}
          </span>
        </li>
      ))}
    </ul>
  );
}

function describeClosed(count: number): string {
  if (count === 0) return 'None closed in the last hour.';
  return `${count} closed in the last hour.`;
}
