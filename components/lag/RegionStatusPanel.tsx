'use client';

import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import { StatusBadge } from '@/components/ui/StatusBadge';
import type { RegionSummary } from '@/lib/api/types';
import { formatLag, formatOffset } from '@/lib/heatmap/format';
import { useTopologyQuery } from '@/lib/query/hooks';

/** Overview tile: per region, is it up, can we write heartbeats into it, and how far off is its clock. */
export function RegionStatusPanel() {
  const { data: topology, error, isPending, refetch } = useTopologyQuery();
  const regions = topology?.regions;
  const summary = regions ? `${regions.filter((region) => region.up).length}/${regions.length} up` : null;
  return (
    <Panel title="Regions" actions={summary ? <p className="panel-meta">{summary}</p> : null}>
      <RegionStatusBody regions={regions} error={error} isPending={isPending} onRetry={() => refetch()} />
    </Panel>
  );
}

interface RegionStatusBodyProps {
  regions: RegionSummary[] | undefined;
  error: Error | null;
  isPending: boolean;
  onRetry: () => void;
}

function RegionStatusBody({ regions, error, isPending, onRetry }: RegionStatusBodyProps) {
  if (isPending) return <PanelLoading label="Loading regions…" />;
  if (!regions) return <PanelError title="Region status is unavailable" error={error ?? new Error('no answer')} onRetry={onRetry} />;
  if (regions.length === 0) return <PanelEmpty title="No regions configured">Add regions to the config to see their status.</PanelEmpty>;
  return (
    <>
      {error ? <StaleNotice error={error} /> : null}
      <div className={error ? 'is-stale' : undefined}>
        <RegionTable regions={regions} />
      </div>
    </>
  );
}

function RegionTable({ regions }: { regions: RegionSummary[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Region</th>
            <th scope="col">Health</th>
            <th scope="col">Heartbeat write</th>
            <th scope="col" className="numeric">
              Clock offset
            </th>
          </tr>
        </thead>
        <tbody>
          {regions.map((region) => (
            <tr key={region.name}>
              <th scope="row">
                <span className="mono">{region.name}</span>
                {region.geos.length ? <span className="cell-note">serves {region.geos.join(', ')}</span> : null}
              </th>
              <td>
                <StatusBadge tone={region.up ? 'ok' : 'breach'}>{region.up ? 'up' : 'down'}</StatusBadge>
              </td>
              <td>
                <HeartbeatBadge success={region.heartbeat_write_success} />
              </td>
              <td className="numeric mono">{formatClockOffset(region)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HeartbeatBadge({ success }: { success: boolean | null }) {
  if (success === null) return <StatusBadge tone="unknown">unknown</StatusBadge>;
  return <StatusBadge tone={success ? 'ok' : 'breach'}>{success ? 'ok' : 'failed'}</StatusBadge>;
}

function formatClockOffset(region: RegionSummary): string {
  const offset = formatOffset(region.clock_offset_seconds);
  if (region.clock_offset_seconds === null || region.clock_offset_error_seconds === null) return offset;
  return `${offset} ± ${formatLag(region.clock_offset_error_seconds)}`;
}
