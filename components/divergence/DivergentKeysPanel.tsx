'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo } from 'react';
import { formatTimestamp } from '@/components/conflicts/time';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import type { DivergenceEntities } from '@/lib/api/types';
import { countKinds, describeKindCounts, sortEntities, type DivergentEntity } from '@/lib/divergence/entities';
import { divergenceHref, formatEntityCount, formatInFlightCount, shortHash } from '@/lib/divergence/format';
import { KindBadge } from './KindBadge';

/** A table this long is still quick to render and scan; `regionwatch diff --json` has the rest. */
export const KEY_ROWS_SHOWN = 500;

interface DivergentKeysPanelProps {
  dataset: string;
  regionA: string;
  regionB: string;
  selectedKey: string | undefined;
  query: UseQueryResult<DivergenceEntities, Error>;
  /** The entities are then the previous check's, while `checked_at` is the failed attempt's. */
  lastCheckFailed: boolean;
}

/** The settled divergent keys of the pair, each linking to its row comparison; keys in flight have their own panel. */
export function DivergentKeysPanel({ dataset, regionA, regionB, selectedKey, query, lastCheckFailed }: DivergentKeysPanelProps) {
  const { data, error, isPending, refetch } = query;
  const entities = useMemo(() => (data ? sortEntities(data.entities) : []), [data]);
  const summary = data && entities.length ? `${formatEntityCount(entities.length)} · ${describeKindCounts(countKinds(entities), regionA, regionB)}` : null;
  return (
    <Panel title="Divergent keys" actions={summary ? <p className="panel-meta">{summary}</p> : null}>
      {isPending ? (
        <PanelLoading label="Loading divergent keys…" lines={6} />
      ) : !data ? (
        <PanelError title="The divergent keys are unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
      ) : entities.length === 0 ? (
        <NoDivergence checkedAt={data.checked_at} lastCheckFailed={lastCheckFailed} inFlight={data.unsettled.length} />
      ) : (
        <>
          {error ? <StaleNotice error={error} /> : null}
          <div className={error ? 'is-stale' : undefined}>
            <KeyTable entities={entities.slice(0, KEY_ROWS_SHOWN)} dataset={dataset} regionA={regionA} regionB={regionB} selectedKey={selectedKey} />
          </div>
          {entities.length > KEY_ROWS_SHOWN ? (
            <p className="panel-footnote">
              Showing the first {KEY_ROWS_SHOWN} of {entities.length.toLocaleString('en-US')} keys;{' '}
              <span className="mono">
                regionwatch diff --dataset {dataset} --regions {regionA},{regionB} --json
              </span>{' '}
              lists them all.
            </p>
          ) : null}
        </>
      )}
    </Panel>
  );
}

function NoDivergence({ checkedAt, lastCheckFailed, inFlight }: { checkedAt: number | null; lastCheckFailed: boolean; inFlight: number }) {
  if (checkedAt === null) {
    return <PanelEmpty title="Not checked yet">The keys appear here once the first comparison of this pair completes.</PanelEmpty>;
  }
  if (lastCheckFailed) {
    return <PanelEmpty title="No divergent keys at the previous check">The check at {formatTimestamp(checkedAt)} failed (see above), so the copies may have diverged since.</PanelEmpty>;
  }
  if (inFlight > 0) {
    return (
      <PanelEmpty title={`No settled divergence at the last check (${formatTimestamp(checkedAt)})`}>
        {formatInFlightCount(inFlight)}: those rows differed while writes to them were still replicating, so they are listed below, not here.
      </PanelEmpty>
    );
  }
  return <PanelEmpty title={`No divergence: the last check at ${formatTimestamp(checkedAt)} found the two copies identical`} />;
}

interface KeyTableProps {
  entities: DivergentEntity[];
  dataset: string;
  regionA: string;
  regionB: string;
  selectedKey: string | undefined;
}

function KeyTable({ entities, dataset, regionA, regionB, selectedKey }: KeyTableProps) {
  return (
    <div className="table-scroll divergent-keys">
      <table className="data-table" aria-label="Divergent keys">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Kind</th>
            <th scope="col">Hash in {regionA}</th>
            <th scope="col">Hash in {regionB}</th>
          </tr>
        </thead>
        <tbody>
          {entities.map((entity) => {
            const selected = entity.key === selectedKey;
            return (
              <tr key={entity.key} data-key={entity.key} data-kind={entity.kind} aria-current={selected ? 'true' : undefined}>
                <th scope="row">
                  <Link href={divergenceHref(dataset, regionA, regionB, entity.key)} scroll={false} replace prefetch={false} className="key-link">
                    {entity.key}
                  </Link>
                </th>
                <td>
                  <KindBadge entity={entity} />
                </td>
                <td className="mono hash" title={entity.a?.hash}>
                  {entity.a ? shortHash(entity.a.hash) : '—'}
                </td>
                <td className="mono hash" title={entity.b?.hash}>
                  {entity.b ? shortHash(entity.b.hash) : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
