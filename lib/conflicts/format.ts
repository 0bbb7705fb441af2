import { NO_VALUE } from '@/lib/heatmap/format';

/**
 * A window or range in the short form operators type (`30s`, `5m`, `1h`, `1h 30m`, `7d`),
 * as in `4 conflicts in 5m`.
 */
export function formatWindow(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return NO_VALUE;
  const whole = Math.round(seconds);
  const units: Array<[string, number]> = [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = whole;
  for (const [unit, size] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    } else if (parts.length) {
      break;
    }
  }
  return parts.join(' ');
}

/** `1 conflict`, `4 conflicts`, `1,204 conflicts`. */
export function formatConflictCount(count: number): string {
  return `${count.toLocaleString('en-US')} conflict${count === 1 ? '' : 's'}`;
}

/** Conflicts per minute with precision that matches the size: `0/min`, `0.08/min`, `4.2/min`, `36/min`. */
export function formatRate(perMinute: number): string {
  if (!Number.isFinite(perMinute)) return NO_VALUE;
  if (perMinute <= 0) return '0/min';
  if (perMinute < 0.1) return `${Number(perMinute.toPrecision(1))}/min`;
  if (perMinute < 10) return `${Number(perMinute.toFixed(1))}/min`;
  return `${Math.round(perMinute).toLocaleString('en-US')}/min`;
}

/** How long something has waited: `42s`, `3m 05s`, `2h 10m`, `3d 4h`. */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms)) return NO_VALUE;
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)}h ${pad(Math.floor(seconds / 60) % 60)}m`;
  return `${Math.floor(seconds / 86_400)}d ${Math.floor(seconds / 3_600) % 24}h`;
}

/** The signed gap between two writes: `remote 120 ms later`, `local 2.5 s later`, `same millisecond`. */
export function describeWriteGap(localTs: number | null, remoteTs: number | null): string | null {
  if (localTs === null || remoteTs === null) return null;
  const gapMs = remoteTs - localTs;
  if (gapMs === 0) return 'written in the same millisecond';
  const later = gapMs > 0 ? 'remote' : 'local';
  const magnitude = Math.abs(gapMs);
  const text = magnitude < 1000 ? `${magnitude} ms` : formatAgeOrSeconds(magnitude);
  return `${later} written ${text} later`;
}

function formatAgeOrSeconds(ms: number): string {
  return ms < 60_000 ? `${Number((ms / 1000).toFixed(ms < 10_000 ? 2 : 1))} s` : formatAge(ms);
}

/** A conflict as people name it: entity type and key (`profile u-1042`). */
export function conflictTitle(entityType: string, entityKey: string): string {
  return `${entityType} ${entityKey}`;
}

/** The detail page of a conflict. */
export function conflictHref(id: number): string {
  return `/conflicts/${id}`;
}

/**
 * Who won, in words relative to the conflict's sides: `eu-west (local)`,
 * `us-east (remote)`, `merged`, or `pending` while the manual queue holds it.
 */
export function describeWinner(conflict: { winner: string | null; source_region: string; target_region: string; pending: boolean }): string {
  const { winner } = conflict;
  if (winner === null) return conflict.pending ? 'pending' : NO_VALUE;
  if (winner === 'merged') return 'merged';
  if (winner === conflict.target_region) return `${winner} (local)`;
  if (winner === conflict.source_region) return `${winner} (remote)`;
  // The incoming version is the source's, so a third region can only have written the local one.
  return `${winner} (local version, written there and replicated to ${conflict.target_region})`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
