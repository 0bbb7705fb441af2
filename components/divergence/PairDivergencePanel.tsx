'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { formatFullTimestamp, formatTimestamp } from '@/components/conflicts/time';
import { useNow } from '@/components/conflicts/useNow';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import { DIVERGENCE_PATH, unorderedPairTitle } from '@/lib/divergence/format';
import type { DivergenceCell } from '@/lib/divergence/matrix';
import { pairDivergence } from '@/lib/divergence/summary';
import { useDivergenceOverviewQuery } from '@/lib/query/divergence';
import { CheckStatusBadge } from './CheckStatusBadge';

interface PairDivergencePanelProps {
  sourceRegion: string;
  targetRegion: string;
}

/** Pair page tile: per dataset, do the pair's two copies agree? Divergence has no direction. */
export function PairDivergencePanel({ sourceRegion, targetRegion }: PairDivergencePanelProps) {
  const { data: overview, error, isPending, refetch } = useDivergenceOverviewQuery();
  const nowMs = useNow(5_000);
  const cells = useMemo(() => (overview ? pairDivergence(overview, sourceRegion, targetRegion, nowMs) : null), [overview, sourceRegion, targetRegion, nowMs]);
  return (
    <Panel
      title="Divergence"
      actions={
        <Link href={DIVERGENCE_PATH} className="panel-link">
          All pairs →
        </Link>
      }
    >
      {isPending ? (
        <PanelLoading label="Loading the pair’s divergence…" lines={2} />
      ) : !cells ? (
        <PanelError title="The pair’s divergence is unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
      ) : cells.length === 0 ? (
        <PanelEmpty title="No datasets are compared">
          Add tables to <span className="mono">collectors.divergence.datasets</span> to compare their copies in these regions.
        </PanelEmpty>
      ) : (
        <>
          {error ? <StaleNotice error={error} /> : null}
          <div className={error ? 'is-stale' : undefined}>
            <PairDivergenceTable cells={cells} nowMs={nowMs} />
          </div>
          <p className="panel-footnote">
            A check compares both copies, so this is the same for <span className="mono">{unorderedPairTitle(sourceRegion, targetRegion)}</span> in either direction.
          </p>
        </>
      )}
    </Panel>
  );
}

function PairDivergenceTable({ cells, nowMs }: { cells: DivergenceCell[]; nowMs: number }) {
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Divergence by dataset for this pair">
        <thead>
          <tr>
            <th scope="col">Dataset</th>
            <th scope="col">Last check</th>
            <th scope="col">Checked at</th>
            <th scope="col">
              <span className="visually-hidden">Drill-down</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {cells.map((cell) => (
            <tr key={cell.dataset} data-dataset={cell.dataset}>
              <th scope="row" className="mono">
                {cell.dataset}
              </th>
              <td>
                <CheckStatusBadge cell={cell} />
              </td>
              <td className="mono">
                {cell.checkedAt === null ? (
                  '—'
                ) : (
                  <time dateTime={new Date(cell.checkedAt).toISOString()} title={formatFullTimestamp(cell.checkedAt)}>
                    {formatTimestamp(cell.checkedAt, nowMs)}
                  </time>
                )}
              </td>
              <td>
                <Link href={cell.href} prefetch={false} aria-label={`Divergent keys of ${cell.dataset}, ${cell.pair.title}`}>
                  Keys →
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
