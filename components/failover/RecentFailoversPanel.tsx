'use client';

import Link from 'next/link';
import { useNow } from '@/components/conflicts/useNow';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import { StatusBadge } from '@/components/ui/StatusBadge';
import type { FailoverItem } from '@/lib/api/types';
import { listRegions } from '@/lib/failovers/format';
import { FAILOVER_RANGES, FAILOVERS_PATH } from '@/lib/failovers/ranges';
import { STATUS_DISPLAY, describeReroute, failoverStatus, newestFirst } from '@/lib/failovers/timeline';
import { useFailoversQuery } from '@/lib/query/failovers';
import { Timestamp } from './Timestamp';

const SHOWN = 5;
/** Failovers are rare; a week back still finds the last few (and shares the /failovers 7d request). */
const LOOKBACK = FAILOVER_RANGES['7d'];

/** Overview card: the last few failovers with how long each took to reroute. */
export function RecentFailoversPanel() {
  const { data: list, error, isPending, refetch } = useFailoversQuery(LOOKBACK.ms);
  const nowMs = useNow(1_000);
  const recent = list ? newestFirst(list.items).slice(0, SHOWN) : null;
  return (
    <Panel
      title="Recent failovers"
      className="recent-failovers"
      actions={
        <Link href={FAILOVERS_PATH} className="panel-link">
          Timeline →
        </Link>
      }
    >
      {isPending ? (
        <PanelLoading label="Loading failovers…" lines={3} />
      ) : !recent ? (
        <PanelError title="Failovers are unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
      ) : recent.length === 0 ? (
        <PanelEmpty title={`No failovers in the ${LOOKBACK.description}`}>Every region has answered its health probes.</PanelEmpty>
      ) : (
        <>
          {error ? <StaleNotice error={error} /> : null}
          <div className={error ? 'is-stale' : undefined}>
            <RecentTable failovers={recent} nowMs={nowMs} />
          </div>
        </>
      )}
    </Panel>
  );
}

function RecentTable({ failovers, nowMs }: { failovers: FailoverItem[]; nowMs: number }) {
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Recent failovers, newest first">
        <thead>
          <tr>
            <th scope="col">Region</th>
            <th scope="col">Detected</th>
            <th scope="col" className="numeric">
              Rerouted after
            </th>
            <th scope="col">To</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {failovers.map((failover) => {
            const status = STATUS_DISPLAY[failoverStatus(failover)];
            return (
              <tr key={failover.id} data-testid="recent-failover" data-region={failover.region}>
                <th scope="row" className="mono">
                  <Link href={`${FAILOVERS_PATH}?range=7d#failover-${failover.id}`} prefetch={false}>
                    {failover.region}
                  </Link>
                </th>
                <td>
                  <Timestamp atMs={failover.detected_at} nowMs={nowMs} />
                </td>
                <td className="numeric mono">{failover.duration_seconds !== null ? describeReroute(failover) : <span className="muted">{describeReroute(failover)}</span>}</td>
                <td className="mono">{failover.to_regions.length ? listRegions(failover.to_regions) : <span className="muted">—</span>}</td>
                <td>
                  <StatusBadge tone={status.tone}>{status.text}</StatusBadge>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
