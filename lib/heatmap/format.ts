/** Shown wherever a value is unknown. */
export const NO_VALUE = '—';

/**
 * Formats a duration in seconds the way operators read lag: `82 ms`, `1.25 s`, `12.4 s`,
 * `3m 05s`, `2h 10m`; null (no estimate yet) as `—`.
 */
export function formatLag(lagSeconds: number | null): string {
  if (lagSeconds === null || !Number.isFinite(lagSeconds)) return NO_VALUE;
  const sign = lagSeconds < 0 ? '-' : '';
  const magnitude = formatMagnitude(Math.abs(lagSeconds));
  return magnitude === '0 ms' ? magnitude : `${sign}${magnitude}`;
}

function formatMagnitude(seconds: number): string {
  const milliseconds = Math.round(seconds * 1000);
  if (milliseconds < 1000) return `${milliseconds} ms`;
  if (seconds < 9.995) return `${seconds.toFixed(2)} s`;
  if (seconds < 59.95) return `${seconds.toFixed(1)} s`;
  const totalSeconds = Math.round(seconds);
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)}m ${pad(totalSeconds % 60)}s`;
  const totalMinutes = Math.round(seconds / 60);
  return `${Math.floor(totalMinutes / 60)}h ${pad(totalMinutes % 60)}m`;
}

/** `82 ms ± 4 ms`; the bound is left out while unknown. */
export function formatLagWithBound(lagSeconds: number | null, errorBoundSeconds: number | null): string {
  const lag = formatLag(lagSeconds);
  if (lagSeconds === null || errorBoundSeconds === null) return lag;
  return `${lag} ± ${formatLag(errorBoundSeconds)}`;
}

/** Signed, for clock offsets: `+300 ms`, `-400 ms`, `0 ms`. */
export function formatOffset(offsetSeconds: number | null): string {
  const formatted = formatLag(offsetSeconds);
  if (offsetSeconds === null || formatted === '0 ms' || offsetSeconds < 0) return formatted;
  return `+${formatted}`;
}

/** Heartbeats written to the source but not yet applied at the target. */
export function formatBacklog(backlog: number | null): string {
  if (backlog === null) return NO_VALUE;
  return `${backlog} heartbeat${backlog === 1 ? '' : 's'}`;
}

/** The unit a lag axis reads best in, given the largest value it shows. */
export function lagAxisUnit(maxSeconds: number): 'ms' | 's' {
  return maxSeconds < 1 ? 'ms' : 's';
}

/** Axis tick text: short, no trailing zeros (`250 ms`, `1.5 s`). */
export function formatLagTick(seconds: number, unit: 'ms' | 's'): string {
  if (unit === 'ms') return `${Math.round(seconds * 1000)} ms`;
  return `${Number(seconds.toFixed(2))} s`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
