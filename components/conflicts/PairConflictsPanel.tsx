'use client';

import Link from 'next/link';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import type { ConflictList } from '@/lib/api/types';
import { NO_FILTERS, conflictsPageHref } from '@/lib/conflicts/filters';
import { pairTitle } from '@/lib/heatmap/shape';
import { useConflictListQuery } from '@/lib/query/conflicts';
import { ConflictRateHistory } from './ConflictRateHistory';
import { ConflictTable } from './ConflictTable';
import { useNow } from './useNow';

/** How many of the pair's latest conflicts the panel lists; the conflicts page has the rest. */
export const PAIR_CONFLICT_ROWS = 10;

interface PairConflictsPanelProps {
  sourceRegion: string;
  targetRegion: string;
  rangeMs: number;
  /** `last 5 minutes`, the range the pair page's selector chose. */
  rangeDescription: string;
}

/** Pair page tile: the pair's conflict rate over the page's range and its latest conflicts. */
export function PairConflictsPanel({ sourceRegion, targetRegion, rangeMs, rangeDescription }: PairConflictsPanelProps) {
  const title = pairTitle(sourceRegion, targetRegion);
  const allForPair = conflictsPageHref({ ...NO_FILTERS, source: sourceRegion, target: targetRegion });
  return (
    <Panel
      title="Conflicts"
      className="pair-conflicts"
      actions={
        <Link href={allForPair} className="panel-link">
          All conflicts for this pair →
        </Link>
      }
    >
      <h3 className="panel-subheading">Rate, {rangeDescription}</h3>
      <ConflictRateHistory selection={{ source: sourceRegion, target: targetRegion }} rangeMs={rangeMs} description={rangeDescription} chartLabel={`Conflict rate ${title}, ${rangeDescription}`} />
      <h3 className="panel-subheading">Latest</h3>
      <LatestPairConflicts sourceRegion={sourceRegion} targetRegion={targetRegion} />
    </Panel>
  );
}

function LatestPairConflicts({ sourceRegion, targetRegion }: { sourceRegion: string; targetRegion: string }) {
  const { data: list, error, isPending, refetch } = useConflictListQuery({ source: sourceRegion, target: targetRegion, limit: PAIR_CONFLICT_ROWS });
  const nowMs = useNow(5_000);
  if (isPending) return <PanelLoading label="Loading the pair’s conflicts…" lines={4} />;
  if (!list) return <PanelError title="The pair’s conflicts are unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />;
  return <LatestPairConflictsBody list={list} error={error} nowMs={nowMs} sourceRegion={sourceRegion} targetRegion={targetRegion} />;
}

interface LatestPairConflictsBodyProps {
  list: ConflictList;
  error: Error | null;
  nowMs: number;
  sourceRegion: string;
  targetRegion: string;
}

function LatestPairConflictsBody({ list, error, nowMs, sourceRegion, targetRegion }: LatestPairConflictsBodyProps) {
  if (list.items.length === 0) {
    return (
      <PanelEmpty title="No conflicts recorded for this pair">
        Writes from <span className="mono">{sourceRegion}</span> have not yet collided with writes in <span className="mono">{targetRegion}</span>.
      </PanelEmpty>
    );
  }
  return (
    <>
      {error ? <StaleNotice error={error} /> : null}
      <div className={error ? 'is-stale' : undefined}>
        <ConflictTable conflicts={list.items} caption={`Latest conflicts ${pairTitle(sourceRegion, targetRegion)}`} variant="pair" nowMs={nowMs} />
      </div>
    </>
  );
}
