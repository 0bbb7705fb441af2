import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ConflictHeatmapPanel } from '@/components/conflicts/ConflictHeatmapPanel';
import { ManualQueuePanel } from '@/components/conflicts/ManualQueuePanel';
import { DivergenceSummaryPanel } from '@/components/divergence/DivergenceSummaryPanel';
import { OpenIncidentsPanel } from '@/components/failover/OpenIncidentsPanel';
import { RecentFailoversPanel } from '@/components/failover/RecentFailoversPanel';
import { LagHeatmapPanel } from '@/components/lag/LagHeatmapPanel';
import { RegionStatusPanel } from '@/components/lag/RegionStatusPanel';
import { SloOverviewPanel } from '@/components/slo/SloOverviewPanel';

// The layout's title template applies to child segments only, not to this page of its own segment.
export const metadata: Metadata = { title: { absolute: 'Overview · regionwatch' } };

export default async function OverviewPage() {
  // Live dashboard: render per request, never a build-time snapshot.
  await connection();
  return (
    <>
      <header className="page-header">
        <h1>Overview</h1>
        <p className="page-subtitle">Replication, write conflicts, data divergence and failovers between every pair of regions, and each SLO’s error budget, refreshed live.</p>
      </header>
      {/* Two independent columns, so a tall region list does not leave a gap beside the heatmaps. */}
      <div className="overview-grid">
        <div className="page-stack">
          <LagHeatmapPanel />
          <ConflictHeatmapPanel />
          <RecentFailoversPanel />
        </div>
        <div className="page-stack">
          <OpenIncidentsPanel />
          <SloOverviewPanel />
          <RegionStatusPanel />
          <ManualQueuePanel />
          <DivergenceSummaryPanel variant="overview" />
        </div>
      </div>
    </>
  );
}
