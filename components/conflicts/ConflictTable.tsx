import Link from 'next/link';
import { StatusBadge } from '@/components/ui/StatusBadge';
import type { ConflictSummary } from '@/lib/api/types';
import { conflictHref, describeWinner, formatAge } from '@/lib/conflicts/format';
import { pairHref, pairTitle } from '@/lib/heatmap/shape';
import { ResolutionBadge } from './ResolutionBadge';
import { formatFullTimestamp, formatTimestamp } from './time';

/** `list`: the conflicts page; `pair`: a pair page (the pair is implied); `queue`: the manual queue, with ages. */
export type ConflictTableVariant = 'list' | 'pair' | 'queue';

interface ConflictTableProps {
  conflicts: ConflictSummary[];
  /** Accessible name of the table. */
  caption: string;
  variant: ConflictTableVariant;
  /** Needed for the queue's "waiting" column. */
  nowMs?: number;
}

/** Conflicts as rows; each row's entity links to the conflict's detail page. */
export function ConflictTable({ conflicts, caption, variant, nowMs = Date.now() }: ConflictTableProps) {
  const showPair = variant !== 'pair';
  const showOutcome = variant !== 'queue';
  return (
    <div className="table-scroll">
      <table className="data-table conflict-table" aria-label={caption}>
        <thead>
          <tr>
            {variant === 'queue' ? (
              <th scope="col" className="numeric">
                Waiting
              </th>
            ) : null}
            <th scope="col">Detected at</th>
            {showPair ? <th scope="col">Pair</th> : null}
            <th scope="col">Entity</th>
            <th scope="col">Resolution</th>
            {showOutcome ? <th scope="col">Winner</th> : null}
            {showOutcome ? <th scope="col">Status</th> : null}
          </tr>
        </thead>
        <tbody>
          {conflicts.map((conflict) => (
            <tr key={conflict.id} data-conflict-id={conflict.id}>
              {variant === 'queue' ? <td className="mono numeric">{formatAge(nowMs - conflict.detected_at)}</td> : null}
              <td className="mono">
                <time dateTime={new Date(conflict.detected_at).toISOString()} title={formatFullTimestamp(conflict.detected_at)}>
                  {formatTimestamp(conflict.detected_at, nowMs)}
                </time>
              </td>
              {showPair ? (
                <td className="mono">
                  <Link href={pairHref(conflict.source_region, conflict.target_region)} prefetch={false} className="quiet-link">
                    {pairTitle(conflict.source_region, conflict.target_region)}
                  </Link>
                </td>
              ) : null}
              <th scope="row" className="conflict-entity">
                <Link href={conflictHref(conflict.id)} prefetch={false} title={`Conflict #${conflict.id}`}>
                  <span className="entity-type">{conflict.entity_type}</span> <span className="mono">{conflict.entity_key}</span>
                </Link>
              </th>
              <td>
                <ResolutionBadge resolution={conflict.resolution} />
              </td>
              {showOutcome ? <td className="mono">{describeWinner(conflict)}</td> : null}
              {showOutcome ? (
                <td>
                  <ConflictStatus conflict={conflict} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Resolved or waiting in the manual queue; colour is paired with words. */
export function ConflictStatus({ conflict }: { conflict: ConflictSummary }) {
  if (conflict.pending) return <StatusBadge tone="warning">pending</StatusBadge>;
  return <StatusBadge tone="ok">resolved</StatusBadge>;
}
