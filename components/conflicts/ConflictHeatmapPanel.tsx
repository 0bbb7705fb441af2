'use client';

import { useMemo } from 'react';
import { Heatmap } from '@/components/charts/Heatmap';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import type { ConflictMatrix } from '@/lib/api/types';
import { formatConflictCount, formatWindow } from '@/lib/conflicts/format';
import { conflictLegendCaption, conflictRateLegend, conflictTotals, shapeConflictHeatmap, type RateTone } from '@/lib/conflicts/heatmap';
import type { HeatmapModel } from '@/lib/heatmap/shape';
import { useConflictMatrixQuery } from '@/lib/query/conflicts';

/** The grid's accessible name is fixed: tests and screen readers look the heatmap up by it. */
export const CONFLICT_HEATMAP_LABEL = 'Conflict rate by region pair';
/** The trailing window the overview counts conflicts over. */
export const CONFLICT_HEATMAP_WINDOW = '5m';

/** Overview tile: conflicts per ordered region pair over the last five minutes. */
export function ConflictHeatmapPanel() {
  const { data: matrix, error, isPending, refetch } = useConflictMatrixQuery(CONFLICT_HEATMAP_WINDOW);
  const model = useMemo(() => (matrix ? shapeConflictHeatmap(matrix) : null), [matrix]);
  return (
    <Panel title="Write conflicts" actions={matrix ? <ConflictSummaryLine matrix={matrix} /> : null}>
      <ConflictHeatmapBody model={model} windowSeconds={matrix?.window_seconds ?? null} error={error} isPending={isPending} onRetry={() => refetch()} />
    </Panel>
  );
}

interface ConflictHeatmapBodyProps {
  model: HeatmapModel<RateTone> | null;
  windowSeconds: number | null;
  error: Error | null;
  isPending: boolean;
  onRetry: () => void;
}

function ConflictHeatmapBody({ model, windowSeconds, error, isPending, onRetry }: ConflictHeatmapBodyProps) {
  if (isPending) return <PanelLoading label="Loading conflict rates…" lines={6} />;
  if (!model) return <PanelError title="Conflict rates are unavailable" error={error ?? new Error('no answer')} onRetry={onRetry} />;
  if (model.regions.length < 2) {
    return <PanelEmpty title="No region pairs to show">Conflicts need at least two regions writing the same entities.</PanelEmpty>;
  }
  return (
    <>
      {error ? <StaleNotice error={error} /> : null}
      <div className={error ? 'is-stale' : undefined}>
        <Heatmap label={CONFLICT_HEATMAP_LABEL} model={model} legend={conflictRateLegend()} legendCaption={windowSeconds === null ? undefined : conflictLegendCaption(windowSeconds)} />
      </div>
      <p className="panel-footnote">Rows are the region that wrote the incoming version, columns the region that detected and resolved the conflict. Select a cell for the pair’s conflicts.</p>
    </>
  );
}

function ConflictSummaryLine({ matrix }: { matrix: ConflictMatrix }) {
  const { count, pairsWithConflicts } = conflictTotals(matrix);
  return (
    <p className="panel-meta" aria-live="polite">
      {formatConflictCount(count)} in {formatWindow(matrix.window_seconds)}
      {count ? ` · ${pairsWithConflicts} pair${pairsWithConflicts === 1 ? '' : 's'}` : null}
    </p>
  );
}
