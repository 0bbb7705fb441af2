import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { connection } from 'next/server';
import { DivergencePairView } from '@/components/divergence/DivergencePairView';
import { DIVERGENCE_PATH, canonicalPair, divergenceHref, unorderedPairTitle } from '@/lib/divergence/format';
import { parseDivergencePairParams, parseDrillDownSearch, type SearchParamsRecord } from '@/lib/divergence/params';
import { pairHref, pairTitle } from '@/lib/heatmap/shape';

interface DivergencePairPageProps {
  params: Promise<{ dataset: string; a: string; b: string }>;
  searchParams: Promise<SearchParamsRecord>;
}

export async function generateMetadata({ params }: DivergencePairPageProps): Promise<Metadata> {
  const route = parseDivergencePairParams(await params);
  return { title: route ? `${route.dataset}: ${unorderedPairTitle(route.regionA, route.regionB)}` : 'Not found' };
}

export default async function DivergencePairPage({ params, searchParams }: DivergencePairPageProps) {
  const route = parseDivergencePairParams(await params);
  if (!route) notFound();
  const { key } = parseDrillDownSearch(await searchParams);
  const [regionA, regionB] = canonicalPair(route.regionA, route.regionB);
  // One URL per pair: `/users/us-east/eu-west` becomes `/users/eu-west/us-east`, like the API's region_a < region_b.
  if (regionA !== route.regionA) redirect(divergenceHref(route.dataset, regionA, regionB, key));
  await connection();
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={DIVERGENCE_PATH}>← Divergence</Link>
      </nav>
      <header className="page-header">
        <h1>
          <span className="mono">{route.dataset}</span>: {unorderedPairTitle(regionA, regionB)}
        </h1>
        <p className="page-subtitle">
          Rows of <span className="mono">{route.dataset}</span> whose copies in <span className="mono">{regionA}</span> and <span className="mono">{regionB}</span> differ: divergent once every
          region’s earlier writes have landed in both and they still differ, in flight until then. Replication between them:{' '}
          <Link href={pairHref(regionA, regionB)} className="mono">
            {pairTitle(regionA, regionB)}
          </Link>
          ,{' '}
          <Link href={pairHref(regionB, regionA)} className="mono">
            {pairTitle(regionB, regionA)}
          </Link>
          .
        </p>
      </header>
      <DivergencePairView dataset={route.dataset} regionA={regionA} regionB={regionB} selectedKey={key} />
    </>
  );
}
