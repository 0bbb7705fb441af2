'use client';

import { useId, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatLag, formatLagTick, lagAxisUnit } from '@/lib/heatmap/format';
import { timeTicks } from './time-ticks';

/** SVG presentation attributes do not resolve CSS variables, so the palette is repeated here. */
const COLOURS = {
  line: '#4c9aff',
  grid: '#262c36',
  axis: '#8b95a5',
  threshold: '#e5534b',
  tooltipBackground: '#1b2029',
  tooltipBorder: '#343b47',
} as const;

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
  const gradientId = `lag-fill-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const samples = useMemo(() => points.map(([atMs, lagSeconds]) => ({ atMs, lagSeconds })), [points]);
  const unit = lagAxisUnit(Math.max(thresholdSeconds ?? 0, largestLag(points)));
  const { ticks, stepMs } = timeTicks(fromMs, toMs, -new Date(fromMs).getTimezoneOffset() * 60_000);

  return (
    <figure className="lag-chart" role="img" aria-label={label}>
      <AreaChart responsive data={samples} style={{ width: '100%', height: 280 }} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
        <defs>
          <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor={COLOURS.line} stopOpacity={0.35} />
            <stop offset="100%" stopColor={COLOURS.line} stopOpacity={0.02} />
          </linearGradient>
        </defs>
        <CartesianGrid stroke={COLOURS.grid} vertical={false} />
        <XAxis
          dataKey="atMs"
          type="number"
          domain={[fromMs, toMs]}
          ticks={ticks}
          tickFormatter={(atMs: number) => formatAxisTime(atMs, stepMs)}
          stroke={COLOURS.axis}
          tick={{ fontSize: 11, fill: COLOURS.axis }}
        />
        <YAxis
          domain={[0, 'auto']}
          tickFormatter={(seconds: number) => formatLagTick(seconds, unit)}
          width={64}
          stroke={COLOURS.axis}
          tick={{ fontSize: 11, fill: COLOURS.axis }}
        />
        <Tooltip
          labelFormatter={(atMs) => formatTooltipTime(Number(atMs))}
          formatter={(lagSeconds) => [formatLag(Number(lagSeconds)), 'Lag']}
          contentStyle={{ background: COLOURS.tooltipBackground, border: `1px solid ${COLOURS.tooltipBorder}`, fontSize: 12 }}
          labelStyle={{ color: COLOURS.axis }}
          isAnimationActive={false}
        />
        {thresholdSeconds !== null && thresholdSeconds > 0 ? (
          <ReferenceLine
            y={thresholdSeconds}
            ifOverflow="extendDomain"
            stroke={COLOURS.threshold}
            strokeDasharray="6 4"
            label={{ value: `SLO ${formatLag(thresholdSeconds)}`, position: 'insideTopRight', fill: COLOURS.threshold, fontSize: 11 }}
          />
        ) : null}
        <Area
          type="monotone"
          dataKey="lagSeconds"
          name="Lag"
          stroke={COLOURS.line}
          strokeWidth={1.5}
          fill={`url(#${gradientId})`}
          isAnimationActive={false}
          dot={false}
        />
      </AreaChart>
    </figure>
  );
}

function largestLag(points: Array<[number, number]>): number {
  let largest = 0;
  for (const [, lagSeconds] of points) largest = Math.max(largest, lagSeconds);
  return largest;
}

function formatAxisTime(atMs: number, stepMs: number): string {
  const withSeconds = stepMs < 60_000;
  return new Date(atMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: withSeconds ? '2-digit' : undefined, hour12: false });
}

function formatTooltipTime(atMs: number): string {
  return new Date(atMs).toLocaleString([], { hour12: false });
}
