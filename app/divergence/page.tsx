import type { Metadata } from 'next';
import { connection } from 'next/server';
import { DivergenceMatrixPanel } from '@/components/divergence/DivergenceMatrixPanel';
import { DivergenceSummaryPanel } from '@/components/divergence/DivergenceSummaryPanel';
import { parseMatrixSearch, type SearchParamsRecord } from '@/lib/divergence/params';

export const metadata: Metadata = { title: 'Divergence' };

interface DivergencePageProps {
  searchParams: Promise<SearchParamsRecord>;
}

export default async function DivergencePage({ searchParams }: DivergencePageProps) {
  await connection();
  // `?show=` only narrows the matrix; an unknown value shows every pair rather than failing.
  const { show } = parseMatrixSearch(await searchParams);
  return (
    <>
      <header className="page-header">
        <h1>Divergence</h1>
        <p className="page-subtitle">Whether each region’s copy of a dataset still matches the others’, down to the rows that do not, from the last periodic check.</p>
      </header>
      <div className="page-stack">
        <DivergenceMatrixPanel show={show} />
        <DivergenceSummaryPanel variant="page" />
      </div>
    </>
  );
}
