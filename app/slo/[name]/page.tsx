import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { SloDetailView } from '@/components/slo/SloDetailView';
import { SLO_PATH } from '@/lib/slo-view/format';
import { SloRangeParam, parseSloName } from '@/lib/slo-view/params';

interface SloPageProps {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: SloPageProps): Promise<Metadata> {
  const name = parseSloName(await params);
  return { title: name ? `SLO ${name}` : 'Not found' };
}

export default async function SloPage({ params, searchParams }: SloPageProps) {
  const name = parseSloName(await params);
  // A name the config could never hold is a 404; a well-formed unknown one is answered by the API.
  if (!name) notFound();
  await connection();
  const range = SloRangeParam.parse((await searchParams).range);
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">← Overview</Link> · <Link href={SLO_PATH}>All SLOs</Link>
      </nav>
      <SloDetailView name={name} range={range} />
    </>
  );
}
