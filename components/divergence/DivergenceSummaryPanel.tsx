'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { formatTimestamp } from '@/components/conflicts/time';
import { useNow } from '@/components/conflicts/useNow';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import { StatusBadge } from '@/components/ui/StatusBadge';
import type { DivergenceOverview } from '@/lib/api/types';
import { DIVERGENCE_PATH } from '@/lib/divergence/format';
import { shapeDivergenceMatrix } from '@/lib/divergence/matrix';
import { summariseDatasets, type DatasetSummary } from '@/lib/divergence/summary';
import { useDivergenceOverviewQuery } from '@/lib/query/divergence';
import { VerdictBadge } from './CheckStatusBadge';

interface DivergenceSummaryPanelProps {
  /** `overview`: the compact card on `/`; `page`: the dataset list under the matrix, with what each compares. */
  variant: 'overview' | 'page';
}

/** Per dataset: how many pairs have diverged and by how much, what is still in flight, the worst pair linked. */
export function DivergenceSummaryPanel({ variant }: DivergenceSummaryPanelProps) {
  const { data: overview, error, isPending, refetch } = useDivergenceOverviewQuery();
  const nowMs = useNow(5_000);
  const summaries = useMemo(() => (overview ? summariseDatasets(shapeDivergenceMatrix(overview, nowMs)) : null), [overview, nowMs]);
  const actions =
    variant === 'overview' ? (
      <Link href={DIVERGENCE_PATH} className="panel-link">
        Open matrix →
      </Link>
    ) : null;
  return (
    <Panel title={variant === 'overview' ? 'Divergence' : 'Datasets'} actions={actions} className="divergence-summary">
      {isPending ? (
        <PanelLoading label="Loading divergence checks…" lines={3} />
      ) : !overview || !summaries ? (
        <PanelError title="Divergence checks are unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
      ) : summaries.length === 0 ? (
        <PanelEmpty title="No datasets are compared">
          Add tables to <span className="mono">collectors.divergence.datasets</span> to compare their copies across regions.
        </PanelEmpty>
      ) : (
        <>
          {error ? <StaleNotice error={error} /> : null}
          <div className={error ? 'is-stale' : undefined}>
            <DatasetTable summaries={summaries} overview={overview} variant={variant} nowMs={nowMs} />
          </div>
          <p className="panel-footnote">
            A row that differs on several pairs is counted once per pair. In flight: rows seen different before every region’s earlier writes had landed in both copies; not divergence yet.
          </p>
        </>
      )}
    </Panel>
  );
}

interface DatasetTableProps {
  summaries: DatasetSummary[];
  overview: DivergenceOverview;
  variant: DivergenceSummaryPanelProps['variant'];
  nowMs: number;
}

function DatasetTable({ summaries, overview, variant, nowMs }: DatasetTableProps) {
  const schemas = new Map(overview.datasets.map((dataset) => [dataset.name, dataset]));
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Divergence by dataset">
        <thead>
          <tr>
            <th scope="col">Dataset</th>
            {variant === 'page' ? <th scope="col">Compares</th> : null}
            <th scope="col" className="numeric">
              Pairs diverged
            </th>
            <th scope="col" className="numeric">
              Divergent entities
            </th>
            <th scope="col" className="numeric">
              In flight
            </th>
            <th scope="col">Worst pair</th>
            {variant === 'page' ? <th scope="col">Last check</th> : null}
          </tr>
        </thead>
        <tbody>
          {summaries.map((summary) => {
            const schema = schemas.get(summary.dataset);
            return (
              <tr key={summary.dataset}>
                <th scope="row" className="mono">
                  {summary.dataset}
                </th>
                {variant === 'page' ? <td className="mono">{schema ? `${schema.table} (${schema.key.join(', ')}) · ${schema.columns.join(', ')}` : '—'}</td> : null}
                <td className="numeric mono">
                  {summary.divergentPairs} / {summary.pairCount}
                  {summary.failedChecks ? <span className="cell-note meta-warning">{summary.failedChecks} failed</span> : null}
                  {summary.notCurrentPairs ? <span className="cell-note meta-unknown">{summary.notCurrentPairs} not current</span> : null}
                </td>
                <td className="numeric mono">
                  <StatusBadge tone={summary.divergentEntities ? 'breach' : summary.checkedPairs ? 'ok' : 'unknown'}>
                    {summary.checkedPairs ? summary.divergentEntities.toLocaleString('en-US') : 'not checked'}
                  </StatusBadge>
                </td>
                <td className="numeric mono">
                  {summary.unsettledEntities ? (
                    <VerdictBadge tone="pending">{summary.unsettledEntities.toLocaleString('en-US')}</VerdictBadge>
                  ) : (
                    <span className="muted">{summary.checkedPairs ? '0' : '—'}</span>
                  )}
                  {summary.inFlightPairs ? (
                    <span className="cell-note meta-pending">
                      {summary.inFlightPairs} pair{summary.inFlightPairs === 1 ? '' : 's'} only in flight
                    </span>
                  ) : null}
                </td>
                <td className="mono">
                  {summary.worst ? (
                    <Link href={summary.worst.href} prefetch={false}>
                      {summary.worst.pair.title}: {summary.worst.count}
                    </Link>
                  ) : (
                    <span className="muted">none</span>
                  )}
                </td>
                {variant === 'page' ? <td className="mono">{summary.lastCheckedAt === null ? '—' : formatTimestamp(summary.lastCheckedAt, nowMs)}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
