import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ConflictTabs } from '@/components/conflicts/ConflictTabs';
import { ManualQueueList } from '@/components/conflicts/ManualQueueList';
import { parseConflictSearch, type SearchParamsRecord } from '@/lib/conflicts/filters';

export const metadata: Metadata = { title: 'Manual queue' };

interface QueuePageProps {
  searchParams: Promise<SearchParamsRecord>;
}

export default async function QueuePage({ searchParams }: QueuePageProps) {
  await connection();
  // Same parser as the list: `?target=` narrows to one region's queue, `?cursor=` pages.
  const { filters, cursor } = parseConflictSearch(await searchParams);
  return (
    <>
      <header className="page-header page-header-row">
        <div>
          <h1>Manual reconciliation queue</h1>
          <p className="page-subtitle">Conflicts no rule could settle, waiting for a person, longest-waiting first.</p>
        </div>
        <ConflictTabs current="queue" />
      </header>
      <ManualQueueList targetRegion={filters.target} cursor={cursor} />
    </>
  );
}
