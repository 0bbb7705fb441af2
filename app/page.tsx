import type { Metadata } from 'next';
import { connection } from 'next/server';
import { LagHeatmapPanel } from '@/components/lag/LagHeatmapPanel';
import { RegionStatusPanel } from '@/components/lag/RegionStatusPanel';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  // Live dashboard: render per request, never a build-time snapshot.
  await connection();
  return (
    <>
      <header className="page-header">
        <h1>Overview</h1>
        <p className="page-subtitle">Replication between every pair of regions, refreshed every second.</p>
      </header>
      <div className="overview-grid">
        <LagHeatmapPanel />
        <RegionStatusPanel />
      </div>
    </>
  );
}
