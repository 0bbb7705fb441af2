import type { CSSProperties } from 'react';
import { formatFullTimestamp, formatTimestamp } from '@/components/conflicts/time';
import { StatusBadge } from '@/components/ui/StatusBadge';
import type { FailoverLane, FailoverLanes as LanesModel } from '@/lib/failovers/lanes';
import type { FailoverEvent } from '@/lib/failovers/timeline';
import { Timestamp } from './Timestamp';

/** Below this share of the lane a segment's label would be clipped to nothing; its tooltip and the event list still say it. */
const LABEL_MIN_PCT = 10;

/**
 * One lane per failover, aligned at detection on a shared duration axis, with its steps
 * spelled out underneath. Each lane carries `data-testid="failover"` and `data-region`.
 */
export function FailoverLanes({ model, nowMs }: { model: LanesModel; nowMs: number }) {
  return (
    <div className="failover-lanes" style={{ '--lane-step': `${model.ticks[1]?.leftPct ?? 100}%` } as CSSProperties}>
      <div className="lane-axis" aria-hidden="true">
        <span className="lane-axis-title">after detection</span>
        <div className="lane-axis-ticks">
          {model.ticks.map((tick) => (
            <span key={tick.offsetMs} className="lane-axis-tick" style={{ left: `${tick.leftPct}%` }}>
              {tick.label}
            </span>
          ))}
        </div>
      </div>
      <ol className="lane-list" aria-label="Failovers, newest first">
        {model.lanes.map((lane) => (
          <Lane key={lane.failover.id} lane={lane} nowMs={nowMs} />
        ))}
      </ol>
    </div>
  );
}

function Lane({ lane, nowMs }: { lane: FailoverLane; nowMs: number }) {
  const { failover } = lane;
  return (
    <li className="failover-lane" id={`failover-${failover.id}`} data-testid="failover" data-region={failover.region} data-status={lane.status}>
      <div className="lane-head">
        <span className="lane-region mono">{failover.region}</span>
        <StatusBadge tone={lane.tone}>{lane.statusText}</StatusBadge>
        {failover.geos.length ? <span className="lane-geos">serves {failover.geos.join(', ')}</span> : null}
      </div>
      <div className="lane-track" aria-hidden="true">
        {lane.segments.map((segment) => (
          <div
            key={segment.kind}
            className={`lane-segment segment-${segment.kind}${segment.pending ? ' is-pending' : ''}`}
            style={{ left: `${segment.leftPct}%`, width: `${segment.widthPct}%` }}
            title={`${segment.label}: ${formatTimestamp(failover.detected_at + segment.startMs, nowMs)} – ${segment.pending ? 'now' : formatTimestamp(failover.detected_at + segment.endMs, nowMs)}`}
          >
            {segment.widthPct >= LABEL_MIN_PCT ? <span className="segment-label">{segment.label}</span> : null}
          </div>
        ))}
        {lane.markers.map((marker) => (
          <span key={marker.kind} className={`lane-marker marker-${marker.kind}`} style={{ left: `${marker.leftPct}%` }} title={`${marker.label} ${formatFullTimestamp(marker.atMs)}`} />
        ))}
      </div>
      <ul className="lane-events">
        {lane.events.map((event) => (
          <LaneEvent key={event.kind} event={event} nowMs={nowMs} />
        ))}
      </ul>
    </li>
  );
}

function LaneEvent({ event, nowMs }: { event: FailoverEvent; nowMs: number }) {
  return (
    <li className={`lane-event event-${event.kind}`} data-event={event.kind}>
      <span className="event-name">{event.label}</span>{' '}
      {event.atMs !== null ? <Timestamp atMs={event.atMs} nowMs={nowMs} /> : <span className={event.pendingText ? 'event-pending' : 'muted'}>{event.pendingText ?? '—'}</span>}
      {event.note ? <span className="event-note"> {event.note}</span> : null}
    </li>
  );
}
