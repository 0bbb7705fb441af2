'use client';

import { useId, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTickTime, formatTooltipTime, timeTicks } from './time-ticks';

/**
 * SVG presentation attributes do not resolve CSS variables, so the palette is repeated here;
 * grid and axis colours follow the colour scheme through charts.css, tooltips (inline styles) through variables.
 */
export const CHART_COLOURS = {
  line: '#4c9aff',
  conflicts: '#b36ad6',
  grid: '#262c36',
  axis: '#8b95a5',
  threshold: '#e5534b',
  warning: '#d9a21b',
  ideal: '#8b95a5',
} as const;

/** A horizontal line across the chart (an SLO threshold, an alert factor). */
export interface ChartReference {
  value: number;
  label: string;
  /** Defaults to the threshold red. */
  colour?: string;
  /** Where the label sits on the line; alternate sides keep close references readable. */
  labelSide?: 'left' | 'right';
}

export interface TimeSeriesChartProps {
  /** `[epoch_ms, value]`, already downsampled by the server. */
  points: Array<[number, number]>;
  fromMs: number;
  toMs: number;
  /** Accessible name of the chart, e.g. "Replication lag us-east → eu-west, last 5 minutes". */
  label: string;
  /** Name of the value in the tooltip ("Lag", "Conflicts"). */
  seriesName: string;
  formatValue: (value: number) => string;
  formatTick: (value: number) => string;
  /** Horizontal references (SLO threshold, alert factors); always kept inside the y axis. */
  references?: readonly ChartReference[];
  /** `monotone` for sampled values, `stepAfter` for per-bucket counts, `linear` for ratios that must not overshoot. */
  curve?: 'monotone' | 'stepAfter' | 'linear';
  /** About how many time ticks to draw; fewer for small charts. */
  timeTickCount?: number;
  colour?: string;
  /** Extra class on the figure, for page-specific styling and tests. */
  className?: string;
  height?: number;
}

/** One value over time as a filled area, with round local-time ticks and an optional reference line. */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { points, fromMs, toMs, label, seriesName, formatValue, formatTick, references = [], curve = 'monotone', colour = CHART_COLOURS.line } = props;
  const height = props.height ?? 280;
  const gradientId = `series-fill-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const samples = useMemo(() => points.map(([atMs, value]) => ({ atMs, value })), [points]);
  const { ticks, stepMs } = timeTicks(fromMs, toMs, -new Date(fromMs).getTimezoneOffset() * 60_000, props.timeTickCount);

  return (
    <figure className={`time-series-chart ${props.className ?? ''}`} role="img" aria-label={label} style={{ minHeight: height }}>
      <AreaChart responsive data={samples} style={{ width: '100%', height }} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
        <defs>
          <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor={colour} stopOpacity={0.35} />
            <stop offset="100%" stopColor={colour} stopOpacity={0.02} />
          </linearGradient>
        </defs>
        <CartesianGrid stroke={CHART_COLOURS.grid} vertical={false} />
        <XAxis
          dataKey="atMs"
          type="number"
          domain={[fromMs, toMs]}
          ticks={ticks}
          tickFormatter={(atMs: number) => formatTickTime(atMs, stepMs)}
          stroke={CHART_COLOURS.axis}
          tick={{ fontSize: 11, fill: CHART_COLOURS.axis }}
        />
        <YAxis domain={[0, 'auto']} tickFormatter={formatTick} width={64} stroke={CHART_COLOURS.axis} tick={{ fontSize: 11, fill: CHART_COLOURS.axis }} />
        <Tooltip
          labelFormatter={(atMs) => formatTooltipTime(Number(atMs))}
          formatter={(value) => [formatValue(Number(value)), seriesName]}
          contentStyle={{ background: 'var(--surface-raised)', border: '1px solid var(--border-strong)', color: 'var(--text)', fontSize: 12 }}
          labelStyle={{ color: 'var(--muted)' }}
          isAnimationActive={false}
        />
        {references.map((reference) => (
          <ReferenceLine
            key={`${reference.value}-${reference.label}`}
            y={reference.value}
            ifOverflow="extendDomain"
            stroke={reference.colour ?? CHART_COLOURS.threshold}
            strokeDasharray="6 4"
            label={{
              value: reference.label,
              position: reference.labelSide === 'left' ? 'insideTopLeft' : 'insideTopRight',
              fill: reference.colour ?? CHART_COLOURS.threshold,
              fontSize: 11,
            }}
          />
        ))}
        <Area type={curve} dataKey="value" name={seriesName} stroke={colour} strokeWidth={1.5} fill={`url(#${gradientId})`} isAnimationActive={false} dot={false} />
      </AreaChart>
    </figure>
  );
}
