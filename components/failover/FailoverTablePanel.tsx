'use client';

import { useNow } from '@/components/conflicts/useNow';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import { StatusBadge } from '@/components/ui/StatusBadge';
import type { FailoverItem } from '@/lib/api/types';
import { formatFailoverCount, formatSpan, listRegions } from '@/lib/failovers/format';
import { FAILOVER_RANGES, type FailoverRange } from '@/lib/failovers/ranges';
import { STATUS_DISPLAY, describeReroute, failoverEvents, failoverStatus, newestFirst } from '@/lib/failovers/timeline';
import { useFailoversQuery } from '@/lib/query/failovers';
import { Timestamp } from './Timestamp';

/** Every failover in the range, newest first, one row each; shares the timeline's request. */
export function FailoverTablePanel({ range }: { range: FailoverRange }) {
  const { ms: rangeMs, description } = FAILOVER_RANGES[range];
  const { data: list, error, isPending, isPlaceholderData, refetch } = useFailoversQuery(rangeMs);
  const nowMs = useNow(5_000);
  const failovers = list?.items;
  return (
    <Panel
      title="Failovers"
      actions={
        failovers ? (
          <p className="panel-meta">
            {formatFailoverCount(failovers.length)}, {description}
          </p>
        ) : null
      }
    >
      {isPending ? (
        <PanelLoading label="Loading failovers…" lines={5} />
      ) : !failovers ? (
        <PanelError title="Failovers are unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
      ) : failovers.length === 0 ? (
        <PanelEmpty title={`No failovers in the ${description}`}>Widen the time range to see older ones.</PanelEmpty>
      ) : (
        <>
          {error ? <StaleNotice error={error} /> : null}
          <div className={error || isPlaceholderData ? 'is-stale' : undefined}>
            <FailoverTable failovers={newestFirst(failovers)} nowMs={nowMs} />
          </div>
        </>
      )}
    </Panel>
  );
}

function FailoverTable({ failovers, nowMs }: { failovers: FailoverItem[]; nowMs: number }) {
  return (
    <div className="table-scroll">
      <table className="data-table failover-table" aria-label="Failovers, newest first">
        <thead>
          <tr>
            <th scope="col">Region</th>
            <th scope="col">Geos</th>
            <th scope="col">Detected at</th>
            <th scope="col" className="numeric">
              Rerouted after
            </th>
            <th scope="col">To</th>
            <th scope="col">Recovered at</th>
            <th scope="col">Failback at</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {failovers.map((failover) => (
            <FailoverRow key={failover.id} failover={failover} nowMs={nowMs} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FailoverRow({ failover, nowMs }: { failover: FailoverItem; nowMs: number }) {
  const status = STATUS_DISPLAY[failoverStatus(failover)];
  const events = new Map(failoverEvents(failover).map((event) => [event.kind, event]));
  const awaited = (kind: 'recovered' | 'failed_back') => <span className="muted">{events.get(kind)?.pendingText ?? '—'}</span>;
  return (
    <tr data-failover-id={failover.id}>
      <th scope="row" className="mono">
        <a href={`#failover-${failover.id}`} className="quiet-link">
          {failover.region}
        </a>
      </th>
      <td className="mono">{failover.geos.length ? failover.geos.join(', ') : <span className="muted">none</span>}</td>
      <td>
        <Timestamp atMs={failover.detected_at} nowMs={nowMs} />
      </td>
      <td className="numeric mono">{failover.duration_seconds !== null ? describeReroute(failover) : <span className="muted">{describeReroute(failover)}</span>}</td>
      <td className="mono">{failover.to_regions.length ? listRegions(failover.to_regions) : <span className="muted">—</span>}</td>
      <td>{failover.recovered_at !== null ? <Timestamp atMs={failover.recovered_at} nowMs={nowMs} /> : awaited('recovered')}</td>
      <td>
        {failover.failback_at !== null ? (
          <>
            <Timestamp atMs={failover.failback_at} nowMs={nowMs} />
            {failover.recovered_at !== null ? <span className="cell-note">{formatSpan(failover.failback_at - failover.recovered_at)} after recovery</span> : null}
          </>
        ) : (
          awaited('failed_back')
        )}
      </td>
      <td>
        <StatusBadge tone={status.tone}>{status.text}</StatusBadge>
      </td>
    </tr>
  );
}
