'use client';

import { formatLag, formatLagTick, lagAxisUnit } from '@/lib/heatmap/format';
import { TimeSeriesChart } from './TimeSeriesChart';

interface LagChartProps {
  /** `[epoch_ms, lag seconds]`, already downsampled by the server. */
  points: Array<[number, number]>;
  fromMs: number;
  toMs: number;
  /** The lag SLO threshold, drawn as a reference line; null while unknown. */
  thresholdSeconds: number | null;
  /** Accessible name of the chart, e.g. "Replication lag us-east → eu-west, last 5 minutes". */
  label: string;
}

/** Lag of one region pair over time with the SLO threshold marked. */
export function LagChart({ points, fromMs, toMs, thresholdSeconds, label }: LagChartProps) {
  const unit = lagAxisUnit(Math.max(thresholdSeconds ?? 0, largestValue(points)));
  const references = thresholdSeconds !== null && thresholdSeconds > 0 ? [{ value: thresholdSeconds, label: `SLO ${formatLag(thresholdSeconds)}` }] : [];
  return (
    <TimeSeriesChart
      className="lag-chart"
      points={points}
      fromMs={fromMs}
      toMs={toMs}
      label={label}
      seriesName="Lag"
      formatValue={formatLag}
      formatTick={(seconds) => formatLagTick(seconds, unit)}
      references={references}
    />
  );
}

function largestValue(points: Array<[number, number]>): number {
  let largest = 0;
  for (const [, value] of points) largest = Math.max(largest, value);
  return largest;
}
