import type { FailoverItem } from '@/lib/api/types';
import type { Tone } from '@/lib/heatmap/tone';
import { formatLag } from '@/lib/heatmap/format';
import { formatSpan, listRegions } from './format';

/**
 * Where a failover stands: clients still sent to the dead region (`rerouting`), served
 * elsewhere while it is down (`recovering`), back up but not yet answered for its geos
 * again (`failing_back`), or over (`done`).
 */
export type FailoverStatus = 'rerouting' | 'recovering' | 'failing_back' | 'done';

export function failoverStatus(failover: FailoverItem): FailoverStatus {
  if (failover.recovered_at === null) return failover.rerouted_at === null ? 'rerouting' : 'recovering';
  // A region that served no geo has nothing to fail back.
  if (failover.failback_at === null && failover.geos.length > 0) return 'failing_back';
  return 'done';
}

/** Words and tone of each status; the pending ones end in an ellipsis because they are still moving. */
export const STATUS_DISPLAY: Record<FailoverStatus, { text: string; tone: Tone }> = {
  rerouting: { text: 'rerouting…', tone: 'breach' },
  recovering: { text: 'recovering…', tone: 'warning' },
  failing_back: { text: 'failing back…', tone: 'warning' },
  done: { text: 'over', tone: 'ok' },
};

export type FailoverEventKind = 'detected' | 'rerouted' | 'recovered' | 'failed_back';

/** One step of a failover as the timeline lists it: `rerouted 07:20:05.465`, or what is awaited. */
export interface FailoverEvent {
  kind: FailoverEventKind;
  label: string;
  atMs: number | null;
  /** Shown instead of a time while the step has not happened: `rerouting…`, `not rerouted`, or null (not reached yet). */
  pendingText: string | null;
  /** Extra words after the time: `after 2.00 s to r2`. */
  note: string | null;
}

/** The steps of one failover in order; failback is left out for a region that served no geo. */
export function failoverEvents(failover: FailoverItem): FailoverEvent[] {
  const status = failoverStatus(failover);
  const rerouteNote = failover.rerouted_at === null ? null : `after ${formatSpan(failover.rerouted_at - failover.detected_at)} to ${listRegions(failover.to_regions)}`;
  const events: FailoverEvent[] = [
    { kind: 'detected', label: 'detected', atMs: failover.detected_at, pendingText: null, note: null },
    {
      kind: 'rerouted',
      label: 'rerouted',
      atMs: failover.rerouted_at,
      pendingText: status === 'rerouting' ? 'rerouting…' : failover.rerouted_at === null ? 'not rerouted' : null,
      note: failover.geos.length === 0 ? 'no geos to move' : rerouteNote,
    },
    { kind: 'recovered', label: 'recovered', atMs: failover.recovered_at, pendingText: status === 'recovering' ? 'recovering…' : null, note: null },
  ];
  if (failover.geos.length > 0) {
    events.push({
      kind: 'failed_back',
      label: 'failed back',
      atMs: failover.failback_at,
      pendingText: status === 'failing_back' ? 'failing back…' : null,
      note: failover.failback_at !== null && failover.recovered_at !== null ? `${formatSpan(failover.failback_at - failover.recovered_at)} after recovery` : null,
    });
  }
  return events;
}

/** The failover time as tables show it: `2.00 s`, or `rerouting…` / `not rerouted` while there is none. */
export function describeReroute(failover: FailoverItem): string {
  if (failover.duration_seconds !== null) return formatLag(failover.duration_seconds);
  return failoverStatus(failover) === 'rerouting' ? 'rerouting…' : 'not rerouted';
}

/** `reroute`: detection until no client goes to the region; `elsewhere`: served by other regions; `failback`: recovery until its geos return. */
export type SegmentKind = 'reroute' | 'elsewhere' | 'failback';

export interface LaneSegment {
  kind: SegmentKind;
  /** Milliseconds after detection. */
  startMs: number;
  endMs: number;
  pending: boolean;
  label: string;
}

/** The phases of one failover, measured from its detection; a pending phase runs until `nowMs`. */
export function laneSegments(failover: FailoverItem, nowMs: number): LaneSegment[] {
  const { detected_at: detectedAt, rerouted_at: reroutedAt, recovered_at: recoveredAt, failback_at: failbackAt } = failover;
  const offset = (atMs: number) => Math.max(0, atMs - detectedAt);
  const segments: LaneSegment[] = [];
  const rerouteEnd = reroutedAt ?? recoveredAt;
  segments.push({
    kind: 'reroute',
    startMs: 0,
    endMs: offset(rerouteEnd ?? nowMs),
    pending: rerouteEnd === null,
    label: rerouteEnd === null ? 'rerouting…' : reroutedAt === null ? 'not rerouted' : `failover ${formatSpan(reroutedAt - detectedAt)}`,
  });
  if (reroutedAt !== null && (recoveredAt === null || recoveredAt > reroutedAt)) {
    segments.push({
      kind: 'elsewhere',
      startMs: offset(reroutedAt),
      endMs: offset(recoveredAt ?? nowMs),
      pending: recoveredAt === null,
      label: `${recoveredAt === null ? 'recovering…' : 'down'} · on ${listRegions(failover.to_regions)}`,
    });
  }
  if (recoveredAt !== null && failover.geos.length > 0) {
    segments.push({
      kind: 'failback',
      startMs: offset(recoveredAt),
      endMs: offset(failbackAt ?? nowMs),
      pending: failbackAt === null,
      label: failbackAt === null ? 'failing back…' : `failback ${formatSpan(failbackAt - recoveredAt)}`,
    });
  }
  return segments;
}

/** Detection to the last step so far (or now, while pending). */
export function failoverSpanMs(failover: FailoverItem, nowMs: number): number {
  const status = failoverStatus(failover);
  const end = status === 'done' ? (failover.failback_at ?? failover.recovered_at ?? nowMs) : nowMs;
  return Math.max(0, end - failover.detected_at);
}

export interface FailoverSummary {
  count: number;
  inProgress: number;
  /** How many have a failover time (rerouted); the median and slowest are over these. */
  rerouted: number;
  /** Median detection-to-reroute time over the failovers that rerouted; null when none did. */
  medianSeconds: number | null;
  slowest: { region: string; seconds: number } | null;
}

export function summariseFailovers(failovers: readonly FailoverItem[]): FailoverSummary {
  const rerouted = failovers.filter((failover) => failover.duration_seconds !== null);
  const durations = rerouted.map((failover) => failover.duration_seconds!).sort((a, b) => a - b);
  const middle = Math.floor(durations.length / 2);
  const medianSeconds = durations.length === 0 ? null : durations.length % 2 ? durations[middle] : (durations[middle - 1] + durations[middle]) / 2;
  const slowest = rerouted.reduce<FailoverItem | null>((worst, failover) => (worst === null || failover.duration_seconds! > worst.duration_seconds! ? failover : worst), null);
  return {
    count: failovers.length,
    inProgress: failovers.filter((failover) => failoverStatus(failover) !== 'done').length,
    rerouted: rerouted.length,
    medianSeconds,
    slowest: slowest ? { region: slowest.region, seconds: slowest.duration_seconds! } : null,
  };
}

/** The API lists oldest first; pages read newest first, with whatever is in progress on top by recency. */
export function newestFirst(failovers: readonly FailoverItem[]): FailoverItem[] {
  return [...failovers].sort((a, b) => b.detected_at - a.detected_at || b.id - a.id);
}
