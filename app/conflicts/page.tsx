import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ConflictFilterBar } from '@/components/conflicts/ConflictFilterBar';
import { ConflictListPanel } from '@/components/conflicts/ConflictListPanel';
import { ConflictRatePanel } from '@/components/conflicts/ConflictRatePanel';
import { ConflictTabs } from '@/components/conflicts/ConflictTabs';
import { parseConflictSearch, type SearchParamsRecord } from '@/lib/conflicts/filters';

export const metadata: Metadata = { title: 'Conflicts' };

interface ConflictsPageProps {
  searchParams: Promise<SearchParamsRecord>;
}

export default async function ConflictsPage({ searchParams }: ConflictsPageProps) {
  await connection();
  // Filters live in the URL; unknown or malformed values are ignored, never a 404.
  const { filters, cursor } = parseConflictSearch(await searchParams);
  return (
    <>
      <header className="page-header page-header-row">
        <div>
          <h1>Conflicts</h1>
          <p className="page-subtitle">Concurrent writes to the same entity in two regions, and how each was resolved.</p>
        </div>
        <ConflictTabs current="all" />
      </header>
      <ConflictFilterBar filters={filters} />
      <div className="page-stack">
        <ConflictRatePanel filters={filters} />
        <ConflictListPanel filters={filters} cursor={cursor} />
      </div>
    </>
  );
}
