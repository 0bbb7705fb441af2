'use client';

import { LagChart } from '@/components/charts/LagChart';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import type { LagSeries } from '@/lib/api/types';
import { pairTitle } from '@/lib/heatmap/shape';
import { useLagMatrixQuery, useLagSeriesQuery } from '@/lib/query/hooks';
import { CurrentLag } from './CurrentLag';
import { RangeSelector } from './RangeSelector';
import { LAG_RANGES, SERIES_POINTS, type LagRange } from './ranges';

interface PairLagPanelProps {
  sourceRegion: string;
  targetRegion: string;
  range: LagRange;
}

/** Pair page tile: the lag estimate now (from the matrix) and its history over the chosen range. */
export function PairLagPanel({ sourceRegion, targetRegion, range }: PairLagPanelProps) {
  const { ms: rangeMs, description } = LAG_RANGES[range];
  const seriesQuery = useLagSeriesQuery(sourceRegion, targetRegion, rangeMs, SERIES_POINTS);
  const matrixQuery = useLagMatrixQuery();
  const lagCell = matrixQuery.data?.cells.find((cell) => cell.source_region === sourceRegion && cell.target_region === targetRegion);
  const thresholdSeconds = matrixQuery.data?.threshold_seconds ?? null;

  return (
    <Panel title="Replication lag" actions={<RangeSelector sourceRegion={sourceRegion} targetRegion={targetRegion} current={range} />}>
      <CurrentLag lagCell={lagCell} thresholdSeconds={thresholdSeconds} isPending={matrixQuery.isPending} error={matrixQuery.error} />
      <LagHistory
        series={seriesQuery.data}
        error={seriesQuery.error}
        isPending={seriesQuery.isPending}
        onRetry={() => seriesQuery.refetch()}
        thresholdSeconds={thresholdSeconds}
        chartLabel={`Replication lag ${pairTitle(sourceRegion, targetRegion)}, ${description}`}
        description={description}
      />
    </Panel>
  );
}

interface LagHistoryProps {
  series: LagSeries | undefined;
  error: Error | null;
  isPending: boolean;
  onRetry: () => void;
  thresholdSeconds: number | null;
  chartLabel: string;
  description: string;
}

function LagHistory({ series, error, isPending, onRetry, thresholdSeconds, chartLabel, description }: LagHistoryProps) {
  if (isPending) return <PanelLoading label="Loading lag history…" lines={5} />;
  if (!series) return <PanelError title="Lag history is unavailable" error={error ?? new Error('no answer')} onRetry={onRetry} />;
  if (series.points.length === 0) {
    return <PanelEmpty title={`No lag samples in the ${description}`}>Samples appear once heartbeats from the source are applied at the target.</PanelEmpty>;
  }
  return (
    <>
      {error ? <StaleNotice error={error} /> : null}
      <div className={error ? 'is-stale' : undefined}>
        <LagChart points={series.points} fromMs={series.from} toMs={series.to} thresholdSeconds={thresholdSeconds} label={chartLabel} />
      </div>
    </>
  );
}
