'use client';

import { useMemo } from 'react';
import { HeatmapLegend } from '@/components/charts/HeatmapLegend';
import { useNow } from '@/components/conflicts/useNow';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import type { FailoverItem } from '@/lib/api/types';
import { formatLag } from '@/lib/heatmap/format';
import { formatFailoverCount } from '@/lib/failovers/format';
import { shapeFailoverLanes } from '@/lib/failovers/lanes';
import { FAILOVER_RANGES, type FailoverRange } from '@/lib/failovers/ranges';
import { summariseFailovers } from '@/lib/failovers/timeline';
import { useFailoversQuery } from '@/lib/query/failovers';
import { FailoverLanes } from './FailoverLanes';
import { RangeStrip } from './RangeStrip';

/** More lanes than this stop being a timeline and become a list; the table has them all. */
const MAX_LANES = 20;

const PHASE_LEGEND = [
  { tone: 'phase-reroute', label: 'detected → rerouted: clients still sent to the failed region' },
  { tone: 'phase-elsewhere', label: 'rerouted → recovered: served by other regions' },
  { tone: 'phase-failback', label: 'recovered → failed back: geos returning' },
];

/** The failovers page's timeline: when failovers happened in the range, and each one step by step. */
export function FailoverTimelinePanel({ range }: { range: FailoverRange }) {
  const { ms: rangeMs, description } = FAILOVER_RANGES[range];
  const { data: list, error, isPending, isPlaceholderData, dataUpdatedAt, refetch } = useFailoversQuery(rangeMs);
  // Pending phases grow until now, so the lanes move between polls too; but only as far as
  // the last good answer while refreshes fail, since nobody knows what happened after it.
  const nowMs = useNow(1_000);
  const asOfMs = error && dataUpdatedAt ? Math.min(nowMs, dataUpdatedAt) : nowMs;
  const failovers = list?.items;
  return (
    <Panel title="Timeline" actions={failovers?.length ? <TimelineSummary failovers={failovers} /> : null} className="failover-timeline">
      {isPending ? (
        <PanelLoading label="Loading failovers…" lines={6} />
      ) : !failovers ? (
        <PanelError title="Failovers are unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
      ) : failovers.length === 0 ? (
        <PanelEmpty title={`No failovers in the ${description}`}>A failover starts when a region fails its health probe and ends when its clients are routed back to it.</PanelEmpty>
      ) : (
        <>
          {error ? <StaleNotice error={error} /> : null}
          <div className={error || isPlaceholderData ? 'is-stale' : undefined}>
            <TimelineBody failovers={failovers} rangeMs={rangeMs} description={description} nowMs={asOfMs} />
          </div>
        </>
      )}
    </Panel>
  );
}

interface TimelineBodyProps {
  failovers: FailoverItem[];
  rangeMs: number;
  description: string;
  nowMs: number;
}

function TimelineBody({ failovers, rangeMs, description, nowMs }: TimelineBodyProps) {
  const model = useMemo(() => shapeFailoverLanes(failovers, nowMs, MAX_LANES), [failovers, nowMs]);
  return (
    <>
      <h3 className="panel-subheading">When, {description}</h3>
      <RangeStrip failovers={failovers} fromMs={nowMs - rangeMs} toMs={nowMs} label={`${formatFailoverCount(failovers.length)} in the ${description}`} />
      <h3 className="panel-subheading">How each went</h3>
      <FailoverLanes model={model} nowMs={nowMs} />
      <HeatmapLegend entries={PHASE_LEGEND} />
      <p className="panel-footnote">
        Lanes are aligned at detection and drawn to one scale, so durations compare across failovers.
        {model.hiddenCount ? ` ${model.hiddenCount} older failover${model.hiddenCount === 1 ? ' is' : 's are'} listed in the table only.` : ''}
      </p>
    </>
  );
}

function TimelineSummary({ failovers }: { failovers: FailoverItem[] }) {
  const summary = summariseFailovers(failovers);
  return (
    <p className="panel-meta" aria-live="polite">
      {formatFailoverCount(summary.count)}
      {summary.rerouted === 1 && summary.slowest ? ` · rerouted in ${formatLag(summary.slowest.seconds)}` : null}
      {summary.rerouted > 1 && summary.medianSeconds !== null ? ` · median ${formatLag(summary.medianSeconds)}` : null}
      {summary.rerouted > 1 && summary.slowest ? ` · slowest ${formatLag(summary.slowest.seconds)} (${summary.slowest.region})` : null}
      {summary.inProgress ? <span className="meta-warning"> · {summary.inProgress} in progress</span> : null}
    </p>
  );
}
