'use client';

import { useMemo } from 'react';
import { useNow } from '@/components/conflicts/useNow';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import type { IncidentItem } from '@/lib/api/types';
import { firstOfEachKind, mostUrgentFirst, orderIncidents, splitIncidents } from '@/lib/failovers/incidents';
import { FAILOVER_RANGES, type FailoverRange } from '@/lib/failovers/ranges';
import { useIncidentsQuery } from '@/lib/query/failovers';
import { ClosedIncidentRow, IncidentCard } from './IncidentCard';

/** Closed incidents beyond this are summarised in a line; a flapping condition can open hundreds. */
const MAX_CLOSED_SHOWN = 50;

/** The failovers page's incidents: open ones first with their runbooks, then those closed in the range. */
export function IncidentsPanel({ range }: { range: FailoverRange }) {
  const { ms: rangeMs, description } = FAILOVER_RANGES[range];
  const { data: list, error, isPending, isPlaceholderData, refetch } = useIncidentsQuery(rangeMs);
  const nowMs = useNow(1_000);
  const incidents = useMemo(() => (list ? orderIncidents(list.items) : null), [list]);
  const counts = incidents ? splitIncidents(incidents) : null;
  return (
    <Panel
      title="Incidents"
      className="incidents-panel"
      actions={
        counts ? (
          <p className="panel-meta" aria-live="polite">
            {counts.open.length ? <span className="meta-breach">{counts.open.length} open</span> : 'none open'} · {counts.closedCount} closed, {description}
          </p>
        ) : null
      }
    >
      {isPending ? (
        <PanelLoading label="Loading incidents…" lines={5} />
      ) : !incidents ? (
        <PanelError title="Incidents are unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
      ) : incidents.length === 0 ? (
        <PanelEmpty title={`No incidents in the ${description}`}>Isolation, replication backlog, split-brain routing or writes, and stale reads are opened here when detected.</PanelEmpty>
      ) : (
        <>
          {error ? <StaleNotice error={error} /> : null}
          <div className={error || isPlaceholderData ? 'is-stale' : undefined}>
            <IncidentList incidents={incidents} nowMs={nowMs} />
          </div>
        </>
      )}
    </Panel>
  );
}

function IncidentList({ incidents, nowMs }: { incidents: IncidentItem[]; nowMs: number }) {
  // Open ones by urgency, like the overview card; closed ones stay newest first.
  const open = mostUrgentFirst(splitIncidents(incidents).open);
  const closed = incidents.filter((incident) => incident.closed_at !== null);
  const shownClosed = closed.slice(0, MAX_CLOSED_SHOWN);
  const unfolded = firstOfEachKind(open);
  return (
    <>
      {open.length ? (
        <ol className="incident-list" aria-label="Open incidents, most urgent first">
          {open.map((incident) => (
            <li key={incident.id}>
              <IncidentCard incident={incident} nowMs={nowMs} runbookOpen={unfolded.has(incident.id)} />
            </li>
          ))}
        </ol>
      ) : null}
      {shownClosed.length ? (
        <>
          <h3 className="panel-subheading">Closed</h3>
          <ol className="incident-rows" aria-label="Closed incidents, newest first">
            {shownClosed.map((incident) => (
              <li key={incident.id}>
                <ClosedIncidentRow incident={incident} nowMs={nowMs} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {closed.length > shownClosed.length ? <p className="panel-footnote">{closed.length - shownClosed.length} older closed incidents in this range are not shown.</p> : null}
    </>
  );
}
