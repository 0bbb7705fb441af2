'use client';

import { ConflictRateChart } from '@/components/charts/ConflictRateChart';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import { useConflictRateQuery, type ConflictSelection } from '@/lib/query/conflicts';

/** Rate buckets: a ~1200 px chart reads 120 steps fine, and coarser buckets keep per-minute rates steady. */
export const RATE_POINTS = 120;

interface ConflictRateHistoryProps {
  selection: ConflictSelection;
  rangeMs: number;
  /** `last hour`, for the empty state and the chart's name. */
  description: string;
  /** Accessible name of the chart. */
  chartLabel: string;
}

/** Conflicts per minute for a selection over a range, with loading, empty and error states. */
export function ConflictRateHistory({ selection, rangeMs, description, chartLabel }: ConflictRateHistoryProps) {
  const { data: rate, error, isPending, isPlaceholderData, refetch } = useConflictRateQuery(selection, rangeMs, RATE_POINTS);
  if (isPending) return <PanelLoading label="Loading conflict rate…" lines={4} />;
  if (!rate) return <PanelError title="Conflict rate is unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />;
  if (rate.points.length === 0 || rate.points.every(([, perMinute]) => perMinute === 0)) {
    return <PanelEmpty title={`No conflicts in the ${description}`}>The rate appears here as soon as conflicting writes are detected.</PanelEmpty>;
  }
  return (
    <>
      {error ? <StaleNotice error={error} /> : null}
      <div className={error || isPlaceholderData ? 'is-stale' : undefined}>
        <ConflictRateChart points={rate.points} fromMs={rate.from} toMs={rate.to} label={chartLabel} />
      </div>
    </>
  );
}
