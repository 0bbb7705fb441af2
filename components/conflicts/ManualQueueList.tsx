'use client';

import Link from 'next/link';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import type { ConflictList } from '@/lib/api/types';
import { NO_FILTERS, QUEUE_PATH, conflictsPageHref } from '@/lib/conflicts/filters';
import { formatAge } from '@/lib/conflicts/format';
import { useConflictListQuery } from '@/lib/query/conflicts';
import { ConflictTable } from './ConflictTable';
import { useNow } from './useNow';

/** Rows per page of the queue. */
export const QUEUE_PAGE_SIZE = 100;

interface ManualQueueListProps {
  /** Only the queue of this resolving region, when set. */
  targetRegion: string | undefined;
  cursor: string | undefined;
}

/** The manual reconciliation queue: pending manual conflicts, oldest (longest waiting) first. */
export function ManualQueueList({ targetRegion, cursor }: ManualQueueListProps) {
  const {
    data: list,
    error,
    isPending,
    refetch,
  } = useConflictListQuery({
    target: targetRegion,
    resolution: 'manual',
    pending: true,
    order: 'oldest',
    limit: QUEUE_PAGE_SIZE,
    cursor,
  });
  const nowMs = useNow();
  const queueHref = (nextCursor?: string) => conflictsPageHref({ ...NO_FILTERS, target: targetRegion }, nextCursor, QUEUE_PATH);
  const nextCursor = list?.next_cursor ?? null;
  return (
    <Panel
      title={targetRegion ? `Waiting in ${targetRegion}` : 'Waiting for reconciliation'}
      actions={
        <nav className="pagination" aria-label="Pages">
          {cursor ? (
            <Link href={queueHref()} className="button button-quiet" scroll={false}>
              ← Oldest
            </Link>
          ) : null}
          {nextCursor ? (
            <Link href={queueHref(nextCursor)} className="button" scroll={false}>
              Newer →
            </Link>
          ) : null}
        </nav>
      }
    >
      {isPending ? (
        <PanelLoading label="Loading the manual queue…" lines={6} />
      ) : !list ? (
        <PanelError title="The manual queue is unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
      ) : (
        <QueueBody list={list} error={error} nowMs={nowMs} targetRegion={targetRegion} hasMore={nextCursor !== null} firstPage={!cursor} />
      )}
    </Panel>
  );
}

interface QueueBodyProps {
  list: ConflictList;
  error: Error | null;
  nowMs: number;
  targetRegion: string | undefined;
  hasMore: boolean;
  firstPage: boolean;
}

function QueueBody({ list, error, nowMs, targetRegion, hasMore, firstPage }: QueueBodyProps) {
  if (list.items.length === 0) {
    return <PanelEmpty title={`The queue${targetRegion ? ` in ${targetRegion}` : ''} is empty`}>Conflicts whose entity type is resolved manually wait here until someone reconciles them.</PanelEmpty>;
  }
  const oldestAge = formatAge(nowMs - list.items[0].detected_at);
  return (
    <>
      {error ? <StaleNotice error={error} /> : null}
      <p className="queue-summary">
        <strong>
          {list.items.length}
          {hasMore ? '+' : ''}
        </strong>{' '}
        {firstPage ? 'waiting' : 'more waiting'}; the longest {firstPage ? '' : 'on this page '}for <strong className="mono">{oldestAge}</strong>.
      </p>
      <div className={error ? 'is-stale' : undefined}>
        <ConflictTable conflicts={list.items} caption="Pending manual conflicts, oldest first" variant="queue" nowMs={nowMs} />
      </div>
    </>
  );
}
