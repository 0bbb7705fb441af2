import { formatFullTimestamp, formatTimestamp } from '@/components/conflicts/time';

/** A wall-clock time to the millisecond (`07:20:03.463`, with the date when not today); the full date on hover. */
export function Timestamp({ atMs, nowMs, className }: { atMs: number; nowMs: number; className?: string }) {
  return (
    <time dateTime={new Date(atMs).toISOString()} title={formatFullTimestamp(atMs)} className={className ?? 'mono'}>
      {formatTimestamp(atMs, nowMs)}
    </time>
  );
}
