import type { SloDetail } from '@/lib/api/types';
import type { SloRange } from './params';

type Annotation = SloDetail['annotations'][number];

/** One x position of the burn-down: the measured budget, the ideal line's value, or both. */
export interface BurnDownRow {
  atMs: number;
  remaining?: number;
  ideal?: number;
}

/** One or more annotations close enough in time to share a marker. */
export interface AnnotationMarker {
  /** 1-based, shown on the marker and in the list below the chart. */
  number: number;
  atMs: number;
  kind: Annotation['kind'] | 'mixed';
  label: string;
  annotations: Annotation[];
}

export interface BurnDownModel {
  fromMs: number;
  toMs: number;
  rows: BurnDownRow[];
  yDomain: [number, number];
  yTicks: number[];
  markers: AnnotationMarker[];
  /** The first recorded budget reading, or null before any. */
  recordedFromMs: number | null;
  /** Share of the SLO window that has recorded readings (0–1). */
  recordedShare: number;
}

/** Markers closer than this share of the chart's width merge, so their numbers do not overlap. */
const MARKER_MERGE_SHARE = 0.02;

/**
 * Shapes the API's burn-down for the chart: the measured budget and the ideal straight line
 * on one set of rows, the span the chosen range covers, a budget axis that always shows
 * 0 % and 100 %, and the annotations inside the span merged into numbered markers.
 */
export function shapeBurnDown(detail: Pick<SloDetail, 'burn_down' | 'ideal' | 'annotations'>, range: SloRange): BurnDownModel {
  const windowFrom = detail.ideal[0]?.[0] ?? detail.burn_down[0]?.[0] ?? 0;
  const windowTo = detail.ideal[detail.ideal.length - 1]?.[0] ?? detail.burn_down[detail.burn_down.length - 1]?.[0] ?? windowFrom;
  const recordedFromMs = detail.burn_down[0]?.[0] ?? null;
  const fromMs = range === 'recorded' && recordedFromMs !== null && recordedFromMs < windowTo ? Math.max(windowFrom, recordedFromMs) : windowFrom;
  const toMs = windowTo;
  const rows = mergeRows(
    detail.burn_down.filter(([atMs]) => atMs >= fromMs && atMs <= toMs),
    [
      [fromMs, idealAt(detail.ideal, fromMs)],
      [toMs, idealAt(detail.ideal, toMs)],
    ],
  );
  const values = rows.flatMap((row) => [row.remaining, row.ideal]).filter((value): value is number => value !== undefined);
  const axis = budgetAxis(Math.min(0, ...values));
  const windowMs = windowTo - windowFrom;
  return {
    fromMs,
    toMs,
    rows,
    yDomain: axis.domain,
    yTicks: axis.ticks,
    markers: clusterAnnotations(insideData(detail.annotations, windowFrom, recordedFromMs), fromMs, toMs),
    recordedFromMs,
    recordedShare: recordedFromMs === null || windowMs <= 0 ? 0 : Math.min(1, Math.max(0, (windowTo - recordedFromMs) / windowMs)),
  };
}

/**
 * A conflict spike is dated by the start of its bucket, which can precede the first reading:
 * it is drawn where the data begins, never before it. Failovers keep their own times.
 */
function insideData(annotations: readonly Annotation[], windowFrom: number, recordedFromMs: number | null): Annotation[] {
  if (recordedFromMs === null) return [...annotations];
  const early = (annotation: Annotation) => annotation.kind === 'conflict_spike' && annotation.at >= windowFrom && annotation.at < recordedFromMs;
  return annotations.map((annotation) => (early(annotation) ? { ...annotation, at: recordedFromMs } : annotation));
}

/** The ideal line's value at `atMs`, by straight interpolation between its end points. */
export function idealAt(ideal: ReadonlyArray<readonly [number, number]>, atMs: number): number {
  if (ideal.length === 0) return 1;
  const [startMs, startValue] = ideal[0];
  const [endMs, endValue] = ideal[ideal.length - 1];
  if (endMs <= startMs) return startValue;
  return startValue + ((endValue - startValue) * (atMs - startMs)) / (endMs - startMs);
}

/** Measured and ideal points on one time-ordered row list; a shared timestamp becomes one row. */
export function mergeRows(actual: ReadonlyArray<readonly [number, number]>, ideal: ReadonlyArray<readonly [number, number]>): BurnDownRow[] {
  const rows = new Map<number, BurnDownRow>();
  for (const [atMs, remaining] of actual) rows.set(atMs, { atMs, remaining });
  for (const [atMs, value] of ideal) rows.set(atMs, { ...(rows.get(atMs) ?? { atMs }), ideal: value });
  return [...rows.values()].sort((a, b) => a.atMs - b.atMs);
}

const TICK_STEPS = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];

/**
 * A budget axis from `lowest` (≤ 0) up to 100 %: round steps, about six ticks, always with
 * 0 % (budget spent) and 100 % (untouched) among them.
 */
export function budgetAxis(lowest: number, targetTicks = 6): { domain: [number, number]; ticks: number[] } {
  const bottom = Number.isFinite(lowest) ? Math.min(0, lowest) : 0;
  const span = 1 - bottom;
  const step = TICK_STEPS.find((candidate) => span / candidate <= targetTicks) ?? Math.ceil(span / targetTicks);
  const low = Math.floor(bottom / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let index = 0; low + index * step <= 1 + 1e-9; index++) ticks.push(round(low + index * step));
  if (!ticks.includes(0)) ticks.push(0);
  if (!ticks.includes(1)) ticks.push(1);
  return { domain: [round(low), 1], ticks: ticks.sort((a, b) => a - b) };
}

/** Annotations inside [fromMs, toMs], merged when closer than 2 % of the span, numbered in time order. */
export function clusterAnnotations(annotations: readonly Annotation[], fromMs: number, toMs: number): AnnotationMarker[] {
  const mergeMs = Math.max(0, toMs - fromMs) * MARKER_MERGE_SHARE;
  const inside = annotations.filter((annotation) => annotation.at >= fromMs && annotation.at <= toMs).sort((a, b) => a.at - b.at);
  const groups: Annotation[][] = [];
  for (const annotation of inside) {
    const current = groups[groups.length - 1];
    if (current && annotation.at - current[0].at <= mergeMs) current.push(annotation);
    else groups.push([annotation]);
  }
  return groups.map((group, index) => ({
    number: index + 1,
    atMs: group[0].at,
    kind: group.every((annotation) => annotation.kind === group[0].kind) ? group[0].kind : 'mixed',
    label: describeGroup(group),
    annotations: group,
  }));
}

/**
 * A marker's words, failovers first since they explain the spikes around them:
 * `r1 failed over`, `conflict spike: 42 conflicts/min`, `r1 failed over · 2 conflict spikes`.
 */
function describeGroup(group: readonly Annotation[]): string {
  const failovers = group.filter((annotation) => annotation.kind === 'failover');
  const spikes = group.filter((annotation) => annotation.kind !== 'failover');
  const parts: string[] = [];
  if (failovers.length > 2) parts.push(`${failovers.length} failovers`);
  else if (failovers.length) parts.push(failovers.map((annotation) => annotation.label).join(', '));
  if (spikes.length > 1) parts.push(`${spikes.length} conflict spikes`);
  else if (spikes.length === 1) parts.push(describeAnnotation(spikes[0]));
  return parts.join(' · ');
}

/** One annotation in words: the API's label, with what kind of event a bare rate is. */
export function describeAnnotation(annotation: Annotation): string {
  return annotation.kind === 'conflict_spike' ? `conflict spike: ${annotation.label}` : annotation.label;
}

function round(value: number): number {
  return Number(value.toFixed(6));
}
