'use client';

import Link from 'next/link';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import type { ConflictList } from '@/lib/api/types';
import { CONFLICT_RANGES, conflictsPageHref, hasNarrowingFilters, type ConflictFilters } from '@/lib/conflicts/filters';
import { useConflictListQuery } from '@/lib/query/conflicts';
import { ConflictTable } from './ConflictTable';
import { formatTimestamp } from './time';
import { useNow } from './useNow';

/** Rows per page of the conflicts list. */
export const CONFLICT_PAGE_SIZE = 50;

interface ConflictListPanelProps {
  filters: ConflictFilters;
  /** The page's cursor from the URL; absent on the newest page. */
  cursor: string | undefined;
}

/** The conflicts page's table: newest first, one page at a time, paged by the API's cursor. */
export function ConflictListPanel({ filters, cursor }: ConflictListPanelProps) {
  const {
    data: list,
    error,
    isPending,
    isPlaceholderData,
    refetch,
  } = useConflictListQuery({
    source: filters.source,
    target: filters.target,
    entityType: filters.entityType,
    resolution: filters.resolution,
    pending: filters.pendingOnly ? true : undefined,
    rangeMs: CONFLICT_RANGES[filters.range].ms,
    limit: CONFLICT_PAGE_SIZE,
    cursor,
  });
  const nowMs = useNow(5_000);
  return (
    <Panel title="Conflicts" actions={<Pagination filters={filters} cursor={cursor} nextCursor={list?.next_cursor ?? null} />}>
      {isPending ? (
        <PanelLoading label="Loading conflicts…" lines={8} />
      ) : !list ? (
        <PanelError title="Conflicts are unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
      ) : (
        <ConflictListBody list={list} error={error} stale={isPlaceholderData} filters={filters} cursor={cursor} nowMs={nowMs} />
      )}
    </Panel>
  );
}

interface ConflictListBodyProps {
  list: ConflictList;
  error: Error | null;
  /** The rows are from the previous filters while the new ones load. */
  stale: boolean;
  filters: ConflictFilters;
  cursor: string | undefined;
  nowMs: number;
}

function ConflictListBody({ list, error, stale, filters, cursor, nowMs }: ConflictListBodyProps) {
  const description = CONFLICT_RANGES[filters.range].description;
  if (list.items.length === 0) {
    if (cursor) {
      return (
        <PanelEmpty title="No older conflicts">
          This is the end of the list. <Link href={conflictsPageHref(filters)}>Back to the newest</Link>
        </PanelEmpty>
      );
    }
    return (
      <PanelEmpty title={`No conflicts in the ${description}${hasNarrowingFilters(filters) ? ' matching these filters' : ''}`}>
        Widen the time range{hasNarrowingFilters(filters) ? ' or clear filters' : ''} to see more.
      </PanelEmpty>
    );
  }
  const newest = list.items[0].detected_at;
  const oldest = list.items[list.items.length - 1].detected_at;
  return (
    <>
      {error ? <StaleNotice error={error} /> : null}
      <div className={error || stale ? 'is-stale' : undefined}>
        <ConflictTable conflicts={list.items} caption="Conflicts, newest first" variant="list" nowMs={nowMs} />
      </div>
      <div className="list-footer">
        <p className="panel-footnote">
          {list.items.length} conflicts, detected {formatTimestamp(oldest, nowMs)} – {formatTimestamp(newest, nowMs)}
          {cursor ? ' (an older page)' : ', newest first'}.
        </p>
        {/* Repeated under 50 rows so paging does not need a scroll back up. */}
        <Pagination filters={filters} cursor={cursor} nextCursor={list.next_cursor} label="Pages (bottom)" />
      </div>
    </>
  );
}

interface PaginationProps {
  label?: string;
  filters: ConflictFilters;
  cursor: string | undefined;
  nextCursor: string | null;
}

/** Newest resets to the first page; Older follows the API's cursor. Back returns to newer pages. */
function Pagination({ filters, cursor, nextCursor, label = 'Pages' }: PaginationProps) {
  return (
    <nav className="pagination" aria-label={label}>
      {cursor ? (
        <Link href={conflictsPageHref(filters)} className="button button-quiet" scroll={false}>
          ← Newest
        </Link>
      ) : null}
      {nextCursor ? (
        <Link href={conflictsPageHref(filters, nextCursor)} className="button" scroll={false}>
          Older →
        </Link>
      ) : (
        <span className="button button-disabled" aria-disabled="true">
          Older →
        </span>
      )}
    </nav>
  );
}
