import type { Metadata } from 'next';
import { connection } from 'next/server';
import { FailoverTablePanel } from '@/components/failover/FailoverTablePanel';
import { FailoverTimelinePanel } from '@/components/failover/FailoverTimelinePanel';
import { IncidentsPanel } from '@/components/failover/IncidentsPanel';
import { RangeLinks } from '@/components/ui/RangeLinks';
import { FAILOVER_RANGES, FAILOVERS_PATH, FailoverRangeParam } from '@/lib/failovers/ranges';

export const metadata: Metadata = { title: 'Failovers' };

interface FailoversPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function FailoversPage({ searchParams }: FailoversPageProps) {
  await connection();
  const range = FailoverRangeParam.parse((await searchParams).range);
  return (
    <>
      <header className="page-header page-header-row">
        <div>
          <h1>Failovers</h1>
          <p className="page-subtitle">How long each region outage took to detect, reroute, recover and fail back, and the incidents around them.</p>
        </div>
        <RangeLinks basePath={FAILOVERS_PATH} ranges={FAILOVER_RANGES} current={range} />
      </header>
      <div className="page-stack">
        <FailoverTimelinePanel range={range} />
        <FailoverTablePanel range={range} />
        {/* The overview's "All incidents" link lands here. */}
        <div id="incidents">
          <IncidentsPanel range={range} />
        </div>
      </div>
    </>
  );
}
