'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { formatTimestamp } from '@/components/conflicts/time';
import { FieldRows } from '@/components/conflicts/VersionPanes';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading } from '@/components/ui/PanelState';
import type { DivergenceEntities } from '@/lib/api/types';
import type { FieldDiffRow } from '@/lib/conflicts/diff';
import { compareEntityRows, describeWaitingOn, differingColumns, findEntity, type DivergentEntity, type InFlightEntity } from '@/lib/divergence/entities';
import { describeKey, describeKind, shortHash } from '@/lib/divergence/format';
import { KindBadge } from './KindBadge';

interface RowComparisonPanelProps {
  selectedKey: string | undefined;
  query: UseQueryResult<DivergenceEntities, Error>;
  /** The dataset's key columns, to spell the key out (`id = 1601`); may be empty while loading. */
  keyColumns: readonly string[];
}

/** Both copies of the selected key side by side, settled or still in flight. */
export function RowComparisonPanel({ selectedKey, query, keyColumns }: RowComparisonPanelProps) {
  const { data, isPending } = query;
  const found = selectedKey === undefined || !data ? undefined : findEntity(data, selectedKey);
  const entity = found?.entity;
  const actions = found ? (
    <>
      {found.inFlight ? <span className="kind-badge kind-in-flight">in flight</span> : null}
      <KindBadge entity={found.entity} />
    </>
  ) : null;
  return (
    <Panel title={selectedKey === undefined ? 'Rows side by side' : `Key ${selectedKey}`} actions={actions}>
      {selectedKey === undefined ? (
        <PanelEmpty title="Select a key to compare its rows">Both copies appear side by side, the columns that differ highlighted.</PanelEmpty>
      ) : isPending ? (
        <PanelLoading label="Loading the rows…" lines={4} />
      ) : !data ? (
        // The keys panel beside this one shows the error and offers a retry.
        <PanelError title="The rows are unavailable" error={query.error ?? new Error('no answer')} />
      ) : !entity ? (
        <PanelEmpty title={`Key ${selectedKey} is not divergent or in flight`}>
          {data.checked_at === null ? 'The pair has not been checked yet.' : `The last check at ${formatTimestamp(data.checked_at)} found both copies of it identical (or it was repaired).`}
        </PanelEmpty>
      ) : (
        <RowComparison entity={entity} keyColumns={keyColumns} inFlight={found?.inFlight ?? null} />
      )}
    </Panel>
  );
}

interface RowComparisonProps {
  entity: DivergentEntity;
  keyColumns: readonly string[];
  /** Set when the key was still in flight at the check: the difference may yet resolve. */
  inFlight?: InFlightEntity | null;
}

/**
 * Region A's row on the left, region B's on the right, aligned column by column; a row
 * whose values differ is highlighted in both panes. A side without the row says so.
 */
export function RowComparison({ entity, keyColumns, inFlight = null }: RowComparisonProps) {
  const rows = compareEntityRows(entity);
  const differing = differingColumns(rows).length;
  const onlyIn = entity.kind === 'missing_in_a' ? entity.region_b : entity.kind === 'missing_in_b' ? entity.region_a : null;
  return (
    <>
      <p className="key-facts">
        <span className="mono">{describeKey(keyColumns, entity.key)}</span> · {describeKind(entity.kind, entity.region_a, entity.region_b)}
      </p>
      {inFlight ? (
        <p className="in-flight-notice">
          In flight, not yet settled: first seen different at {formatTimestamp(inFlight.first_seen_at)}, waiting on <span className="mono">{describeWaitingOn(inFlight.waiting_on)}</span>. These copies
          may still converge once those writes land.
        </p>
      ) : null}
      <div className="version-panes">
        <RowPane region={entity.region_a} side={entity.a} rows={rows} pick="local" />
        <RowPane region={entity.region_b} side={entity.b} rows={rows} pick="remote" />
      </div>
      <p className="panel-footnote">
        {onlyIn ? `The row exists in ${onlyIn} only, so all ${rows.length} of its columns are highlighted.` : `${differing} of ${rows.length} columns differ (highlighted).`}
      </p>
    </>
  );
}

interface RowPaneProps {
  region: string;
  side: DivergentEntity['a'];
  rows: FieldDiffRow[];
  /** Which side of the diff rows this pane shows (the diff calls region A `local`). */
  pick: 'local' | 'remote';
}

function RowPane({ region, side, rows, pick }: RowPaneProps) {
  return (
    <section className="version-pane" aria-label={`Row in ${region}`}>
      <header className="version-header">
        <h3>
          Row in <span className="mono">{region}</span>
        </h3>
        <p className="version-meta">
          {side ? (
            <>
              hash{' '}
              <span className="mono" title={side.hash}>
                {shortHash(side.hash)}
              </span>
            </>
          ) : (
            'no row with this key'
          )}
        </p>
      </header>
      {side ? <FieldRows rows={rows.map((row) => ({ id: row.id, path: row.path, value: row[pick], differs: row.differs }))} /> : <p className="row-absent">absent in {region}</p>}
    </section>
  );
}
