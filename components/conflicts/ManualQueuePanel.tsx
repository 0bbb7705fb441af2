'use client';

import Link from 'next/link';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { QUEUE_PATH } from '@/lib/conflicts/filters';
import { summarisePendingQueue, type PendingQueueSummary } from '@/lib/conflicts/heatmap';
import { useConflictMatrixQuery } from '@/lib/query/conflicts';
import { CONFLICT_HEATMAP_WINDOW } from './ConflictHeatmapPanel';

/** Overview tile: how many conflicts wait for a person, per resolving region. */
export function ManualQueuePanel() {
  // Same query as the heatmap: react-query shares one request between the two tiles.
  const { data: matrix, error, isPending, refetch } = useConflictMatrixQuery(CONFLICT_HEATMAP_WINDOW);
  const summary = matrix ? summarisePendingQueue(matrix) : null;
  return (
    <Panel
      title="Manual queue"
      actions={
        <Link href={QUEUE_PATH} className="panel-link">
          Open queue →
        </Link>
      }
    >
      <ManualQueueBody summary={summary} error={error} isPending={isPending} onRetry={() => refetch()} />
    </Panel>
  );
}

interface ManualQueueBodyProps {
  summary: PendingQueueSummary | null;
  error: Error | null;
  isPending: boolean;
  onRetry: () => void;
}

function ManualQueueBody({ summary, error, isPending, onRetry }: ManualQueueBodyProps) {
  if (isPending) return <PanelLoading label="Loading the manual queue…" lines={3} />;
  if (!summary) return <PanelError title="The manual queue is unavailable" error={error ?? new Error('no answer')} onRetry={onRetry} />;
  return (
    <>
      {error ? <StaleNotice error={error} /> : null}
      <div className={error ? 'is-stale' : undefined}>
        <dl className="stat-row queue-stat">
          <div className={`stat ${summary.total ? 'tone-border-warning' : 'tone-border-ok'}`}>
            <dt>Pending conflicts</dt>
            <dd className="stat-value mono">{summary.total.toLocaleString('en-US')}</dd>
          </div>
        </dl>
        {summary.total === 0 ? <PanelEmpty title="Nothing waiting">Every conflict that needs a person has been reconciled.</PanelEmpty> : <QueueDepthTable summary={summary} />}
      </div>
    </>
  );
}

function QueueDepthTable({ summary }: { summary: PendingQueueSummary }) {
  return (
    <>
      <div className="table-scroll queue-depths">
        <table className="data-table" aria-label="Pending conflicts by region">
          <thead>
            <tr>
              <th scope="col">Resolving region</th>
              <th scope="col" className="numeric">
                Pending
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.regions.map(({ region, pending }) => (
              <tr key={region}>
                <th scope="row">
                  <Link href={`${QUEUE_PATH}?target=${encodeURIComponent(region)}`} className="mono">
                    {region}
                  </Link>
                </th>
                <td className="numeric mono">
                  <StatusBadge tone="warning">{pending.toLocaleString('en-US')}</StatusBadge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {summary.clearRegions.length ? <p className="panel-footnote">Empty in {summary.clearRegions.length === 1 ? summary.clearRegions[0] : `${summary.clearRegions.length} other regions`}.</p> : null}
    </>
  );
}
