'use client';

import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { AnnotationMarker, BurnDownModel } from '@/lib/slo-view/burn-down';
import { formatBudget, formatBudgetTick } from '@/lib/slo-view/format';
import { CHART_COLOURS } from './TimeSeriesChart';
import { formatTickTime, formatTooltipTime, timeTicks } from './time-ticks';

/** Marker colours by annotation kind; the list under the chart uses the same ones. */
export const MARKER_COLOURS: Record<AnnotationMarker['kind'], string> = {
  failover: CHART_COLOURS.threshold,
  conflict_spike: CHART_COLOURS.conflicts,
  mixed: CHART_COLOURS.warning,
};

const SERIES_NAMES = { remaining: 'Budget remaining', ideal: 'Ideal' } as const;

interface BurnDownChartProps {
  model: BurnDownModel;
  /** Accessible name, e.g. "Error budget of lag-under-1s over the 30d window". */
  label: string;
  height?: number;
}

/**
 * Budget remaining across the SLO window beside the ideal straight line (dashed), the
 * overspent zone shaded, and a numbered marker per annotation (failovers, conflict spikes).
 */
export function BurnDownChart({ model, label, height = 320 }: BurnDownChartProps) {
  const { ticks, stepMs } = timeTicks(model.fromMs, model.toMs, -new Date(model.fromMs).getTimezoneOffset() * 60_000);
  // An overspent budget reads `-12000 %`: size the axis to its longest tick so labels never wrap.
  const axisWidth = Math.max(56, 16 + 7 * Math.max(...model.yTicks.map((tick) => formatBudgetTick(tick).length)));
  return (
    <figure className="time-series-chart burn-down-chart" role="img" aria-label={label} data-testid="burn-down" data-from-ms={model.fromMs} data-to-ms={model.toMs} style={{ minHeight: height }}>
      <LineChart responsive data={model.rows} style={{ width: '100%', height }} margin={{ top: 22, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={CHART_COLOURS.grid} vertical={false} />
        {model.yDomain[0] < 0 ? <ReferenceArea y1={model.yDomain[0]} y2={0} fill={CHART_COLOURS.threshold} fillOpacity={0.04} ifOverflow="hidden" /> : null}
        <XAxis
          dataKey="atMs"
          type="number"
          domain={[model.fromMs, model.toMs]}
          allowDataOverflow
          ticks={ticks}
          tickFormatter={(atMs: number) => formatTickTime(atMs, stepMs)}
          stroke={CHART_COLOURS.axis}
          tick={{ fontSize: 11, fill: CHART_COLOURS.axis }}
        />
        <YAxis
          domain={model.yDomain}
          ticks={model.yTicks}
          allowDataOverflow
          tickFormatter={formatBudgetTick}
          width={axisWidth}
          stroke={CHART_COLOURS.axis}
          tick={{ fontSize: 11, fill: CHART_COLOURS.axis }}
        />
        <ReferenceLine y={0} stroke={CHART_COLOURS.threshold} strokeOpacity={0.6} />
        {model.markers.map((marker) => (
          <ReferenceLine
            key={marker.number}
            x={marker.atMs}
            stroke={MARKER_COLOURS[marker.kind]}
            strokeDasharray="2 3"
            label={{ value: String(marker.number), position: 'top', fill: MARKER_COLOURS[marker.kind], fontSize: 11 }}
          />
        ))}
        <Tooltip
          labelFormatter={(atMs) => formatTooltipTime(Number(atMs))}
          formatter={(value, name) => [formatBudget(Number(value)), name]}
          contentStyle={{ background: 'var(--surface-raised)', border: '1px solid var(--border-strong)', color: 'var(--text)', fontSize: 12 }}
          labelStyle={{ color: 'var(--muted)' }}
          isAnimationActive={false}
        />
        <Line
          type="linear"
          dataKey="ideal"
          name={SERIES_NAMES.ideal}
          className="burn-down-ideal"
          stroke={CHART_COLOURS.ideal}
          strokeDasharray="6 4"
          strokeWidth={1}
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
        <Line
          type="linear"
          dataKey="remaining"
          name={SERIES_NAMES.remaining}
          className="burn-down-remaining"
          stroke={CHART_COLOURS.line}
          strokeWidth={1.75}
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
      </LineChart>
    </figure>
  );
}
