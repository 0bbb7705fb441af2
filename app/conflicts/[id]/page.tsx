import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { z } from 'zod';
import { ConflictDetailView } from '@/components/conflicts/ConflictDetailView';

interface ConflictPageProps {
  params: Promise<{ id: string }>;
}

/** Conflict ids are positive integers; anything else is not a page. */
const ConflictParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/)
    .transform(Number),
});

export async function generateMetadata({ params }: ConflictPageProps): Promise<Metadata> {
  const parsed = ConflictParams.safeParse(await params);
  return { title: parsed.success ? `Conflict #${parsed.data.id}` : 'Not found' };
}

export default async function ConflictPage({ params }: ConflictPageProps) {
  const parsed = ConflictParams.safeParse(await params);
  if (!parsed.success) notFound();
  await connection();
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/conflicts">← Conflicts</Link>
      </nav>
      <ConflictDetailView id={parsed.data.id} />
    </>
  );
}
