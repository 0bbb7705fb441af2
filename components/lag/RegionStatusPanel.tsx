'use client';

import { useMemo } from 'react';
import { GtmRoutes } from '@/components/failover/GtmRoutes';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import { StatusBadge } from '@/components/ui/StatusBadge';
import type { RegionHealth, RegionSummary } from '@/lib/api/types';
import { errorRateTone, formatErrorRate, formatLatencies } from '@/lib/failovers/format';
import { routeCounts, shapeRoutes } from '@/lib/failovers/routes';
import { formatLag, formatOffset } from '@/lib/heatmap/format';
import { useRegionHealthQuery } from '@/lib/query/failovers';
import { useTopologyQuery } from '@/lib/query/hooks';

/** The probe window the error rate and latency percentiles cover (the query's value, and its words). */
const PROBE_WINDOW = '5m';
const PROBE_WINDOW_WORDS = '5 min';

type ProbeStats = RegionHealth['regions'][number];

/** Probe health as the table reads it: data, still loading, or unavailable (the rest of the table stays). */
interface ProbeHealth {
  byRegion: Map<string, ProbeStats> | null;
  isPending: boolean;
}

/**
 * Overview tile: per region, is it up (and can we write heartbeats into it), how far off is
 * its clock, how its health probes fare; and where the GTM sends each client geo now.
 */
export function RegionStatusPanel() {
  const { data: topology, error, isPending, refetch } = useTopologyQuery();
  const healthQuery = useRegionHealthQuery(PROBE_WINDOW);
  const regions = topology?.regions;
  const health = healthQuery.data;
  const byRegion = useMemo(() => (health ? new Map(health.regions.map((stats) => [stats.region, stats])) : null), [health]);
  const probes: ProbeHealth = { byRegion, isPending: healthQuery.isPending };
  const routes = useMemo(() => (health && regions ? shapeRoutes(health.routes, regions) : []), [health, regions]);
  const split = routeCounts(routes).split;
  return (
    <Panel
      title="Regions"
      actions={
        regions ? (
          <p className="panel-meta" aria-live="polite">
            {regions.filter((region) => region.up).length}/{regions.length} up
            {split ? (
              <span className="meta-breach">
                {' '}
                · {split} geo{split === 1 ? '' : 's'} split
              </span>
            ) : null}
          </p>
        ) : null
      }
    >
      {isPending ? (
        <PanelLoading label="Loading regions…" />
      ) : !regions ? (
        <PanelError title="Region status is unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
      ) : regions.length === 0 ? (
        <PanelEmpty title="No regions configured">Add regions to the config to see their status.</PanelEmpty>
      ) : (
        <>
          {error ? <StaleNotice error={error} /> : null}
          {healthQuery.error ? (
            <p className="stale-notice" role="status">
              Probe health {health ? 'is the last good answer' : 'is unavailable'}: <span className="mono">{healthQuery.error.message}</span>
            </p>
          ) : null}
          <div className={error ? 'is-stale' : undefined}>
            {/* With routes shown below, each geo is listed there; the table leaves it out to stay narrow. */}
            <RegionTable regions={regions} probes={probes} showGeos={routes.length === 0} />
            {routes.length ? (
              <>
                <h3 className="panel-subheading">Client routing now</h3>
                <GtmRoutes routes={routes} />
              </>
            ) : null}
          </div>
        </>
      )}
    </Panel>
  );
}

function RegionTable({ regions, probes, showGeos }: { regions: RegionSummary[]; probes: ProbeHealth; showGeos: boolean }) {
  return (
    <div className="table-scroll">
      <table className="data-table region-table" aria-label="Region status">
        <thead>
          <tr>
            <th scope="col">Region</th>
            <th scope="col">Health</th>
            <th scope="col" className="numeric">
              Clock offset
            </th>
            <th scope="col" className="numeric" title={`Health probes over the last ${PROBE_WINDOW_WORDS}: share that failed, and latency percentiles`}>
              Probes, last {PROBE_WINDOW_WORDS}
              <span className="cell-note">failed · p50/p95/p99</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {regions.map((region) => (
            <tr key={region.name} data-region={region.name}>
              <th scope="row" title={region.geos.length ? `serves ${region.geos.join(', ')}` : undefined}>
                <span className="mono">{region.name}</span>
                {showGeos && region.geos.length ? <span className="cell-note">serves {region.geos.join(', ')}</span> : null}
              </th>
              <td>
                <StatusBadge tone={region.up ? 'ok' : 'breach'}>{region.up ? 'up' : 'down'}</StatusBadge>
                <HeartbeatNote success={region.heartbeat_write_success} />
              </td>
              <td className="numeric mono">{formatClockOffset(region)}</td>
              <ProbeCells stats={probes.byRegion?.get(region.name)} isPending={probes.isPending} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProbeCells({ stats, isPending }: { stats: ProbeStats | undefined; isPending: boolean }) {
  if (!stats) return <td className="numeric mono muted">{isPending ? '…' : '—'}</td>;
  const detail = `${stats.probes} probes in ${PROBE_WINDOW}${stats.last_error ? `; last error: ${stats.last_error}` : ''}`;
  return (
    <td className="numeric mono" title={detail}>
      <StatusBadge tone={errorRateTone(stats.error_rate)}>{formatErrorRate(stats.error_rate)}</StatusBadge>
      <span className="cell-note mono">{formatLatencies(stats.latency_seconds)}</span>
    </td>
  );
}

/** Heartbeat writes are only mentioned when they are not fine, to keep the table narrow enough for the overview column. */
function HeartbeatNote({ success }: { success: boolean | null }) {
  if (success === true) return null;
  return (
    <span className="cell-note">
      <StatusBadge tone={success === null ? 'unknown' : 'breach'}>{success === null ? 'no heartbeat yet' : 'heartbeat failed'}</StatusBadge>
    </span>
  );
}

function formatClockOffset(region: RegionSummary): string {
  const offset = formatOffset(region.clock_offset_seconds);
  if (region.clock_offset_seconds === null || region.clock_offset_error_seconds === null) return offset;
  return `${offset} ± ${formatLag(region.clock_offset_error_seconds)}`;
}
