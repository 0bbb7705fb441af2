import { formatTickTime, timeTicks } from '@/components/charts/time-ticks';
import { formatTimestamp } from '@/components/conflicts/time';
import type { FailoverItem } from '@/lib/api/types';
import { shapeRangeMarks } from '@/lib/failovers/lanes';

interface RangeStripProps {
  failovers: FailoverItem[];
  fromMs: number;
  toMs: number;
  /** Accessible summary, e.g. "3 failovers in the last 24 hours". */
  label: string;
}

/** When each failover happened within the page's range; the lanes below show how each went. */
export function RangeStrip({ failovers, fromMs, toMs, label }: RangeStripProps) {
  const marks = shapeRangeMarks(failovers, fromMs, toMs, toMs);
  const byId = new Map(failovers.map((failover) => [failover.id, failover]));
  const { ticks, stepMs } = timeTicks(fromMs, toMs, -new Date(toMs).getTimezoneOffset() * 60_000, 8);
  return (
    <div className="range-strip" role="img" aria-label={label}>
      <div className="range-strip-track">
        {marks.map((mark) => (
          <span
            key={mark.id}
            className={`range-mark tone-${mark.tone}`}
            style={{ left: `${mark.leftPct}%`, width: `${mark.widthPct}%` }}
            title={`${mark.region}, detected ${formatTimestamp(byId.get(mark.id)!.detected_at, toMs)}`}
          />
        ))}
      </div>
      <div className="range-strip-axis" aria-hidden="true">
        {ticks.map((tick) => (
          <span key={tick} className="range-strip-tick" style={{ left: `${((tick - fromMs) / (toMs - fromMs)) * 100}%` }}>
            {formatTickTime(tick, stepMs)}
          </span>
        ))}
      </div>
    </div>
  );
}
