import type { FailoverItem } from '@/lib/api/types';
import type { Tone } from '@/lib/heatmap/tone';
import { formatSpan } from './format';
import { STATUS_DISPLAY, failoverEvents, failoverSpanMs, failoverStatus, laneSegments, newestFirst, type FailoverEvent, type FailoverStatus, type LaneSegment } from './timeline';

/** Round spans a duration axis steps by. */
const DURATION_STEPS_MS = [100, 250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000];
const TARGET_TICKS = 5;
const MIN_SCALE_MS = 1_000;

export interface PositionedSegment extends LaneSegment {
  leftPct: number;
  widthPct: number;
}

export interface LaneMarker {
  kind: FailoverEvent['kind'];
  label: string;
  atMs: number;
  leftPct: number;
}

/** One failover drawn on the shared duration axis. */
export interface FailoverLane {
  failover: FailoverItem;
  status: FailoverStatus;
  statusText: string;
  tone: Tone;
  spanMs: number;
  segments: PositionedSegment[];
  markers: LaneMarker[];
  events: FailoverEvent[];
}

export interface DurationTick {
  offsetMs: number;
  leftPct: number;
  label: string;
}

export interface FailoverLanes {
  lanes: FailoverLane[];
  /** Width of every lane in ms after detection, so lanes compare at a glance. */
  scaleMs: number;
  ticks: DurationTick[];
  /** Older failovers left out by `limit` (the table still lists them). */
  hiddenCount: number;
}

/**
 * Lanes for the newest `limit` failovers, all aligned at their detection and drawn to one
 * duration scale (the longest of them, rounded up to a whole tick). Failovers take seconds
 * while the page range spans hours, so a shared wall-clock axis would draw them as slivers.
 */
export function shapeFailoverLanes(failovers: readonly FailoverItem[], nowMs: number, limit = 20): FailoverLanes {
  const shown = newestFirst(failovers).slice(0, limit);
  const longest = Math.max(MIN_SCALE_MS, ...shown.map((failover) => failoverSpanMs(failover, nowMs)));
  const stepMs = DURATION_STEPS_MS.find((step) => longest / step <= TARGET_TICKS) ?? DURATION_STEPS_MS[DURATION_STEPS_MS.length - 1];
  const scaleMs = Math.ceil(longest / stepMs) * stepMs;
  const ticks: DurationTick[] = [];
  for (let offsetMs = 0; offsetMs <= scaleMs; offsetMs += stepMs) ticks.push({ offsetMs, leftPct: percent(offsetMs, scaleMs), label: formatTickSpan(offsetMs) });
  return {
    lanes: shown.map((failover) => shapeLane(failover, nowMs, scaleMs)),
    scaleMs,
    ticks,
    hiddenCount: failovers.length - shown.length,
  };
}

function shapeLane(failover: FailoverItem, nowMs: number, scaleMs: number): FailoverLane {
  const status = failoverStatus(failover);
  const events = failoverEvents(failover);
  return {
    failover,
    status,
    statusText: STATUS_DISPLAY[status].text,
    tone: STATUS_DISPLAY[status].tone,
    spanMs: failoverSpanMs(failover, nowMs),
    segments: laneSegments(failover, nowMs).map((segment) => ({
      ...segment,
      leftPct: percent(segment.startMs, scaleMs),
      widthPct: percent(segment.endMs, scaleMs) - percent(segment.startMs, scaleMs),
    })),
    markers: events
      .filter((event): event is FailoverEvent & { atMs: number } => event.atMs !== null)
      .map((event) => ({ kind: event.kind, label: event.label, atMs: event.atMs, leftPct: percent(event.atMs - failover.detected_at, scaleMs) })),
    events,
  };
}

/** One failover on the page's wall-clock range: where it starts and how far it reaches. */
export interface RangeMark {
  id: number;
  region: string;
  tone: Tone;
  leftPct: number;
  widthPct: number;
}

/** Failovers placed on the range `[fromMs, toMs]`, oldest first, so the strip shows when they happened. */
export function shapeRangeMarks(failovers: readonly FailoverItem[], fromMs: number, toMs: number, nowMs: number): RangeMark[] {
  const rangeMs = toMs - fromMs;
  if (!(rangeMs > 0)) return [];
  return failovers
    .filter((failover) => failover.detected_at <= toMs)
    .map((failover) => {
      const start = percent(failover.detected_at - fromMs, rangeMs);
      const end = percent(failover.detected_at + failoverSpanMs(failover, nowMs) - fromMs, rangeMs);
      return { id: failover.id, region: failover.region, tone: STATUS_DISPLAY[failoverStatus(failover)].tone, leftPct: start, widthPct: end - start };
    });
}

function percent(offsetMs: number, scaleMs: number): number {
  return Math.min(100, Math.max(0, (offsetMs / scaleMs) * 100));
}

/** Axis labels: `0`, `500 ms`, `2 s`, `1m 30s`, `2h`. */
function formatTickSpan(offsetMs: number): string {
  if (offsetMs === 0) return '0';
  if (offsetMs < 1_000) return `${offsetMs} ms`;
  if (offsetMs < 60_000) return `${offsetMs / 1_000} s`;
  return formatSpan(offsetMs).replace(/ 00[sm]$/, '');
}
