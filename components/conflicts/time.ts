/**
 * Wall-clock formatting for conflict timestamps, in the viewer's time zone. Millisecond
 * precision matters here: last-write-wins is decided by it.
 */
export function formatTimestamp(atMs: number, nowMs = Date.now()): string {
  const at = new Date(atMs);
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  const withMs = `${time}.${String(at.getMilliseconds()).padStart(3, '0')}`;
  if (new Date(nowMs).toDateString() === at.toDateString()) return withMs;
  return `${at.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${withMs}`;
}

/** Full date and time for tooltips and `<time>` titles. */
export function formatFullTimestamp(atMs: number): string {
  return new Date(atMs).toLocaleString([], { hour12: false });
}
