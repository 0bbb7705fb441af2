import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ConflictHeatmapPanel } from '@/components/conflicts/ConflictHeatmapPanel';
import { ManualQueuePanel } from '@/components/conflicts/ManualQueuePanel';
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
        <p className="page-subtitle">Replication and write conflicts between every pair of regions, refreshed live.</p>
      </header>
      <div className="overview-grid">
        <LagHeatmapPanel />
        <RegionStatusPanel />
        <ConflictHeatmapPanel />
        <ManualQueuePanel />
      </div>
    </>
  );
}
