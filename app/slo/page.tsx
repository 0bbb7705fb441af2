import type { Metadata } from 'next';
import { connection } from 'next/server';
import { SloListPanel } from '@/components/slo/SloListPanel';

export const metadata: Metadata = { title: 'SLOs' };

export default async function SloListPage() {
  await connection();
  return (
    <>
      <header className="page-header">
        <h1>SLOs</h1>
        <p className="page-subtitle">How much error budget each objective has left, how fast it burns, and which burn alerts fire.</p>
      </header>
      <div className="page-stack">
        <SloListPanel />
      </div>
    </>
  );
}
