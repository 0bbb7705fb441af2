import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RunbookView } from '@/components/runbooks/RunbookView';
import { findRunbook, RUNBOOK_NAMES } from '@/lib/alerts/runbooks';

interface RunbookPageProps {
  params: Promise<{ name: string }>;
}

// The runbooks are built in: every one is rendered at build time, and any other name is a 404.
export const dynamicParams = false;

export function generateStaticParams() {
  return RUNBOOK_NAMES.map((name) => ({ name }));
}

export async function generateMetadata({ params }: RunbookPageProps): Promise<Metadata> {
  const runbook = findRunbook((await params).name);
  return { title: runbook ? `Runbook: ${runbook.alert}` : 'Not found' };
}

export default async function RunbookPage({ params }: RunbookPageProps) {
  const runbook = findRunbook((await params).name);
  if (!runbook) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">← Overview</Link> · <Link href="/runbooks">All runbooks</Link>
      </nav>
      <RunbookView runbook={runbook} />
    </>
  );
}
