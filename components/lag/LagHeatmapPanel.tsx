'use client';

import { useMemo } from 'react';
import { Heatmap } from '@/components/charts/Heatmap';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import type { LagMatrix } from '@/lib/api/types';
import { useLagMatrixQuery } from '@/lib/query/hooks';
import { shapeLagHeatmap, toneCounts, type HeatmapModel } from '@/lib/heatmap/shape';
import { lagLegend } from '@/lib/heatmap/tone';

/** The grid's accessible name is fixed: tests and screen readers look the heatmap up by it. */
export const LAG_HEATMAP_LABEL = 'Replication lag by region pair';

/** Overview tile: lag of every ordered region pair, coloured against the lag SLO. */
export function LagHeatmapPanel() {
  const { data: matrix, error, isPending, refetch } = useLagMatrixQuery();
  const model = useMemo(() => (matrix ? shapeLagHeatmap(matrix) : null), [matrix]);
  return (
    <Panel title="Replication lag" actions={model ? <PairSummary model={model} /> : null}>
      <LagHeatmapBody matrix={matrix} model={model} error={error} isPending={isPending} onRetry={() => refetch()} />
    </Panel>
  );
}

interface LagHeatmapBodyProps {
  matrix: LagMatrix | undefined;
  model: HeatmapModel | null;
  error: Error | null;
  isPending: boolean;
  onRetry: () => void;
}

function LagHeatmapBody({ matrix, model, error, isPending, onRetry }: LagHeatmapBodyProps) {
  if (isPending) return <PanelLoading label="Loading replication lag…" lines={6} />;
  if (!matrix || !model) {
    return <PanelError title="Replication lag is unavailable" error={error ?? new Error('no answer')} onRetry={onRetry} />;
  }
  if (model.regions.length < 2) {
    return <PanelEmpty title="No region pairs to show">A deployment needs at least two regions before lag can be measured.</PanelEmpty>;
  }
  return (
    <>
      {error ? <StaleNotice error={error} /> : null}
      <div className={error ? 'is-stale' : undefined}>
        <Heatmap label={LAG_HEATMAP_LABEL} model={model} legend={lagLegend(matrix.threshold_seconds)} />
      </div>
      <p className="panel-footnote">Rows are the writing region, columns the region applying its writes. Select a cell for its history.</p>
    </>
  );
}

function PairSummary({ model }: { model: HeatmapModel }) {
  const counts = toneCounts(model);
  const pairs = counts.ok + counts.warning + counts.breach + counts.unknown;
  return (
    <p className="panel-meta" aria-live="polite">
      {pairs} pairs
      {counts.breach ? <span className="meta-breach"> · {counts.breach} over SLO</span> : null}
      {counts.warning ? <span className="meta-warning"> · {counts.warning} approaching</span> : null}
      {counts.unknown ? <span className="meta-unknown"> · {counts.unknown} no data</span> : null}
    </p>
  );
}
