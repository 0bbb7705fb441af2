import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { PairConflictsPanel } from '@/components/conflicts/PairConflictsPanel';
import { PairDivergencePanel } from '@/components/divergence/PairDivergencePanel';
import { PairLagPanel } from '@/components/lag/PairLagPanel';
import { LAG_RANGES, LagRangeParam } from '@/components/lag/ranges';
import { RegionName } from '@/lib/domain/region';
import { pairTitle } from '@/lib/heatmap/shape';

interface PairPageProps {
  params: Promise<{ source: string; target: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const PairParams = z.object({ source: RegionName, target: RegionName }).refine(({ source, target }) => source !== target);

export async function generateMetadata({ params }: PairPageProps): Promise<Metadata> {
  const parsed = PairParams.safeParse(await params);
  return { title: parsed.success ? pairTitle(parsed.data.source, parsed.data.target) : 'Not found' };
}

export default async function PairPage({ params, searchParams }: PairPageProps) {
  const parsed = PairParams.safeParse(await params);
  if (!parsed.success) notFound();
  const { source: sourceRegion, target: targetRegion } = parsed.data;
  const range = LagRangeParam.parse((await searchParams).range);

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">← Overview</Link>
      </nav>
      <header className="page-header">
        <h1>{pairTitle(sourceRegion, targetRegion)}</h1>
        <p className="page-subtitle">
          Writes made in <span className="mono">{sourceRegion}</span>, applied in <span className="mono">{targetRegion}</span>.
        </p>
      </header>
      <div className="page-stack">
        <PairLagPanel sourceRegion={sourceRegion} targetRegion={targetRegion} range={range} />
        {/* Follows the lag panel's range selector, so both charts cover the same window. */}
        <PairConflictsPanel sourceRegion={sourceRegion} targetRegion={targetRegion} rangeMs={LAG_RANGES[range].ms} rangeDescription={LAG_RANGES[range].description} />
        <PairDivergencePanel sourceRegion={sourceRegion} targetRegion={targetRegion} />
      </div>
    </>
  );
}
