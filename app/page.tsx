import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ConflictHeatmapPanel } from '@/components/conflicts/ConflictHeatmapPanel';
import { ManualQueuePanel } from '@/components/conflicts/ManualQueuePanel';
import { DivergenceSummaryPanel } from '@/components/divergence/DivergenceSummaryPanel';
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
        <p className="page-subtitle">Replication, write conflicts and data divergence between every pair of regions, refreshed live.</p>
      </header>
      <div className="overview-grid">
        <LagHeatmapPanel />
        <RegionStatusPanel />
        <ConflictHeatmapPanel />
        {/* Stacked in the narrow column so the wide one keeps to the two heatmaps. */}
        <div className="page-stack">
          <ManualQueuePanel />
          <DivergenceSummaryPanel variant="overview" />
        </div>
      </div>
    </>
  );
}
