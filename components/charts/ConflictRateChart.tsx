'use client';

import { formatRate } from '@/lib/conflicts/format';
import { CHART_COLOURS, TimeSeriesChart } from './TimeSeriesChart';

interface ConflictRateChartProps {
  /** `[epoch_ms, conflicts per minute]`, one point per server bucket. */
  points: Array<[number, number]>;
  fromMs: number;
  toMs: number;
  /** Accessible name, e.g. "Conflict rate us-east → eu-west, last hour". */
  label: string;
  height?: number;
}

/** Conflicts per minute over time; steps, because each point is a bucket's count, not a sample. */
export function ConflictRateChart({ points, fromMs, toMs, label, height = 220 }: ConflictRateChartProps) {
  return (
    <TimeSeriesChart
      className="rate-chart"
      points={points}
      fromMs={fromMs}
      toMs={toMs}
      label={label}
      seriesName="Conflicts"
      formatValue={formatRate}
      formatTick={formatRateTick}
      curve="stepAfter"
      colour={CHART_COLOURS.conflicts}
      height={height}
    />
  );
}

function formatRateTick(perMinute: number): string {
  return `${Number(perMinute.toPrecision(3))}/min`;
}
