'use client';

import { Panel } from '@/components/ui/Panel';
import { CONFLICT_RANGES, type ConflictFilters } from '@/lib/conflicts/filters';
import { pairTitle } from '@/lib/heatmap/shape';
import { ConflictRateHistory } from './ConflictRateHistory';

/** The conflicts page's chart: conflicts per minute for the current filters and range. */
export function ConflictRatePanel({ filters }: { filters: ConflictFilters }) {
  const { ms, description } = CONFLICT_RANGES[filters.range];
  return (
    <Panel
      title="Conflict rate"
      actions={
        <p className="panel-meta">
          {describeSelection(filters)}, {description}
        </p>
      }
    >
      <ConflictRateHistory
        selection={{ source: filters.source, target: filters.target, entityType: filters.entityType, resolution: filters.resolution }}
        rangeMs={ms}
        description={description}
        chartLabel={`Conflict rate, ${describeSelection(filters)}, ${description}`}
      />
    </Panel>
  );
}

/** `us-east → any region · cart · crdt`, or `all conflicts`. The rate counts pending and resolved alike. */
function describeSelection(filters: ConflictFilters): string {
  const parts: string[] = [];
  if (filters.source || filters.target) parts.push(pairTitle(filters.source ?? 'any region', filters.target ?? 'any region'));
  if (filters.entityType) parts.push(filters.entityType);
  if (filters.resolution) parts.push(filters.resolution);
  return parts.length ? parts.join(' · ') : 'all conflicts';
}
