'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { useNow } from '@/components/conflicts/useNow';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import { filterPairs, layoutDivergenceGrid, type PairFilter } from '@/lib/divergence/grid';
import { shapeDivergenceMatrix, type DivergenceMatrixModel } from '@/lib/divergence/matrix';
import { divergencePageHref } from '@/lib/divergence/params';
import { matrixTotals } from '@/lib/divergence/summary';
import { useDivergenceOverviewQuery } from '@/lib/query/divergence';
import { DivergenceMatrix } from './DivergenceMatrix';
import { PairFilterLinks } from './PairFilterLinks';

/** `/divergence`: the last check of every dataset on every region pair. */
export function DivergenceMatrixPanel({ show }: { show: PairFilter }) {
  const { data: overview, error, isPending, refetch } = useDivergenceOverviewQuery();
  // Re-shaped every few seconds so "checked 12s ago" keeps counting between polls.
  const nowMs = useNow(5_000);
  const model = useMemo(() => (overview ? shapeDivergenceMatrix(overview, nowMs) : null), [overview, nowMs]);
  return (
    <Panel
      title="Datasets × region pairs"
      actions={
        <>
          {model ? <MatrixSummaryLine model={model} /> : null}
          <PairFilterLinks current={show} />
        </>
      }
    >
      <MatrixBody model={model} show={show} error={error} isPending={isPending} onRetry={() => refetch()} />
    </Panel>
  );
}

interface MatrixBodyProps {
  model: DivergenceMatrixModel | null;
  show: PairFilter;
  error: Error | null;
  isPending: boolean;
  onRetry: () => void;
}

function MatrixBody({ model, show, error, isPending, onRetry }: MatrixBodyProps) {
  if (isPending) return <PanelLoading label="Loading divergence checks…" lines={5} />;
  if (!model) return <PanelError title="Divergence checks are unavailable" error={error ?? new Error('no answer')} onRetry={onRetry} />;
  if (model.datasets.length === 0) {
    return (
      <PanelEmpty title="No datasets are compared">
        List tables under <span className="mono">collectors.divergence.datasets</span> in the config to compare their copies across regions.
      </PanelEmpty>
    );
  }
  if (model.pairs.length === 0) {
    return <PanelEmpty title="No region pairs to compare">Divergence needs at least two regions holding the same data.</PanelEmpty>;
  }
  const shown = filterPairs(model, show);
  if (shown.pairs.length === 0) {
    return (
      <PanelEmpty title="No pair needs attention">
        Every check found clean copies or rows still in flight, or has not run yet. <Link href={divergencePageHref('all')}>Show all pairs</Link>
      </PanelEmpty>
    );
  }
  const { unchecked, cells } = matrixTotals(model);
  return (
    <>
      {error ? <StaleNotice error={error} /> : null}
      <div className={error ? 'is-stale' : undefined}>
        <DivergenceMatrix grid={layoutDivergenceGrid(shown)} />
      </div>
      <p className="panel-footnote">
        {unchecked === cells
          ? 'No check has completed yet; cells fill in as the first comparisons finish. '
          : 'Counts are from each pair’s last check; hover or focus a cell for when it ran and what it cost. '}
        A row is divergent once every region’s earlier writes have landed in both copies and they still differ; until then it is in flight (<span className="mono">3 · 12</span> is 3 divergent and 12
        in flight). A verdict whose state has since moved on is dated. Select a cell for the divergent keys, the keys in flight and both copies of each row.
      </p>
    </>
  );
}

function MatrixSummaryLine({ model }: { model: DivergenceMatrixModel }) {
  const { cells, divergent, inFlight, failed, unchecked, notCurrent } = matrixTotals(model);
  // Only what needs attention is announced: rows in flight and verdict ages change with every check.
  return (
    <p className="panel-meta">
      <span aria-live="polite">
        {model.pairs.length} pair{model.pairs.length === 1 ? '' : 's'} · {cells} comparison{cells === 1 ? '' : 's'}
        {divergent ? <span className="meta-breach"> · {divergent} divergent</span> : null}
        {failed ? <span className="meta-warning"> · {failed} failed</span> : null}
      </span>
      {inFlight ? <span className="meta-pending"> · {inFlight} in flight</span> : null}
      {notCurrent ? <span className="meta-unknown"> · {notCurrent} not current</span> : null}
      {unchecked ? <span className="meta-unknown"> · {unchecked} not checked</span> : null}
    </p>
  );
}
