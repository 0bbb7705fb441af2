'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import Link from 'next/link';
import { Fragment, useMemo } from 'react';
import { formatFullTimestamp, formatTimestamp } from '@/components/conflicts/time';
import { useNow } from '@/components/conflicts/useNow';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading } from '@/components/ui/PanelState';
import type { DivergenceEntities } from '@/lib/api/types';
import { describeLink, parseLink, sortInFlight, type InFlightEntity } from '@/lib/divergence/entities';
import { divergenceHref, formatEntityCount, shortHash } from '@/lib/divergence/format';
import { formatAgo } from '@/lib/divergence/verdict';
import { pairHref } from '@/lib/heatmap/shape';
import { KEY_ROWS_SHOWN } from './DivergentKeysPanel';
import { KindBadge } from './KindBadge';

/** The panel's title; the table inside is named `In-flight keys`. */
export const IN_FLIGHT_TITLE = 'In flight — not yet settled';

interface InFlightKeysPanelProps {
  dataset: string;
  regionA: string;
  regionB: string;
  selectedKey: string | undefined;
  query: UseQueryResult<DivergenceEntities, Error>;
}

/**
 * Keys that differed while writes to them were still replicating: not divergence yet, so
 * kept apart from the settled keys, with when each was first seen and which links it waits on.
 */
export function InFlightKeysPanel({ dataset, regionA, regionB, selectedKey, query }: InFlightKeysPanelProps) {
  const { data, error, isPending } = query;
  const nowMs = useNow(5_000);
  const entities = useMemo(() => (data ? sortInFlight(data.unsettled) : []), [data]);
  const checkedAt = data?.checked_at ?? null;
  // Not current: the writes these rows waited on have landed (or checks stopped), so the list is dated.
  const past = data?.current === false && checkedAt !== null;
  const meta = entities.length ? `${formatEntityCount(entities.length)}${past ? ` · as of ${formatAgo(nowMs - checkedAt)}` : ''}` : null;
  return (
    <Panel title={IN_FLIGHT_TITLE} actions={meta ? <p className="panel-meta">{meta}</p> : null}>
      {isPending ? (
        <PanelLoading label="Loading keys in flight…" lines={3} />
      ) : !data ? (
        // The divergent keys panel above shows the same error with a retry.
        <PanelError title="The keys in flight are unavailable" error={error ?? new Error('no answer')} />
      ) : checkedAt === null ? (
        <PanelEmpty title="Not checked yet">Keys whose writes are still replicating appear here once the first comparison completes.</PanelEmpty>
      ) : entities.length === 0 ? (
        <PanelEmpty title="Nothing in flight">At the last check every row that differed had settled.</PanelEmpty>
      ) : (
        <>
          <div className={`table-scroll divergent-keys${past ? ' in-flight-past' : ''}`}>
            <InFlightTable entities={entities.slice(0, KEY_ROWS_SHOWN)} dataset={dataset} regionA={regionA} regionB={regionB} selectedKey={selectedKey} nowMs={nowMs} />
          </div>
          <p className="panel-footnote">
            {past
              ? 'These writes have landed since the check; the next check settles each row as equal or divergent.'
              : 'Each row differed before every region’s earlier writes had landed in both copies; it becomes divergent only if it still differs once they have.'}
            {entities.length > KEY_ROWS_SHOWN ? ` Showing the first ${KEY_ROWS_SHOWN} of ${entities.length.toLocaleString('en-US')}.` : ''}
          </p>
        </>
      )}
    </Panel>
  );
}

interface InFlightTableProps {
  entities: InFlightEntity[];
  dataset: string;
  regionA: string;
  regionB: string;
  selectedKey: string | undefined;
  nowMs: number;
}

function InFlightTable({ entities, dataset, regionA, regionB, selectedKey, nowMs }: InFlightTableProps) {
  return (
    <table className="data-table" aria-label="In-flight keys">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Kind</th>
          <th scope="col">First seen</th>
          <th scope="col">Waiting on</th>
        </tr>
      </thead>
      <tbody>
        {entities.map((entity) => (
          <tr key={entity.key} data-key={entity.key} data-kind={entity.kind} aria-current={entity.key === selectedKey ? 'true' : undefined}>
            <th scope="row">
              <Link href={divergenceHref(dataset, regionA, regionB, entity.key)} scroll={false} replace prefetch={false} className="key-link">
                {entity.key}
              </Link>
              <span className="cell-note mono hash" title={`${entity.a?.hash ?? 'absent'} / ${entity.b?.hash ?? 'absent'}`}>
                {entity.a ? shortHash(entity.a.hash) : '—'} / {entity.b ? shortHash(entity.b.hash) : '—'}
              </span>
            </th>
            <td>
              <KindBadge entity={entity} />
            </td>
            <td className="mono">
              <time dateTime={new Date(entity.first_seen_at).toISOString()} title={formatFullTimestamp(entity.first_seen_at)}>
                {formatTimestamp(entity.first_seen_at, nowMs)}
              </time>
            </td>
            <td className="mono">
              <WaitingOn links={entity.waiting_on} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Each link a key waits on, linked to its lag page: that is where the delay shows. */
function WaitingOn({ links }: { links: readonly string[] }) {
  if (links.length === 0) return <span className="muted">—</span>;
  return links.map((link, index) => {
    const parsed = parseLink(link);
    return (
      <Fragment key={link}>
        {index > 0 ? ', ' : null}
        {parsed ? (
          <Link href={pairHref(parsed.sourceRegion, parsed.targetRegion)} prefetch={false}>
            {describeLink(link)}
          </Link>
        ) : (
          link
        )}
      </Fragment>
    );
  });
}
