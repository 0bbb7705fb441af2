'use client';

import Link from 'next/link';
import { formatFullTimestamp, formatTimestamp } from '@/components/conflicts/time';
import { useNow } from '@/components/conflicts/useNow';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading } from '@/components/ui/PanelState';
import type { DivergenceOverview } from '@/lib/api/types';
import { DIVERGENCE_PATH, unorderedPairTitle } from '@/lib/divergence/format';
import { checkDetails, divergenceCell, findCheck } from '@/lib/divergence/matrix';
import { checkAgeMs, formatAgo } from '@/lib/divergence/verdict';
import { ApiRequestError } from '@/lib/query/fetch';
import { useDivergenceEntitiesQuery, useDivergenceOverviewQuery } from '@/lib/query/divergence';
import { CheckStatusBadge } from './CheckStatusBadge';
import { DivergentKeysPanel } from './DivergentKeysPanel';
import { InFlightKeysPanel } from './InFlightKeysPanel';
import { RowComparisonPanel } from './RowComparison';

export interface DivergencePairViewProps {
  dataset: string;
  /** The pair in canonical order (regionA < regionB). */
  regionA: string;
  regionB: string;
  /** The key whose rows are compared, from `?key=`. */
  selectedKey: string | undefined;
}

/** `/divergence/{dataset}/{a}/{b}`: the last check, the divergent keys, the keys in flight, and both copies of the selected key. */
export function DivergencePairView(props: DivergencePairViewProps) {
  const { dataset, regionA, regionB } = props;
  const entities = useDivergenceEntitiesQuery(dataset, regionA, regionB);
  const overview = useDivergenceOverviewQuery();
  const unknown = !entities.data && entities.error instanceof ApiRequestError && entities.error.status === 404;
  if (unknown) {
    return (
      <Panel title="Divergent keys">
        <PanelEmpty title={`Nothing to compare for ${dataset} on ${unorderedPairTitle(regionA, regionB)}`}>
          <span className="mono">{entities.error?.message}</span> <Link href={DIVERGENCE_PATH}>Back to the matrix</Link>
        </PanelEmpty>
      </Panel>
    );
  }
  const keyColumns = overview.data?.datasets.find((candidate) => candidate.name === dataset)?.key ?? [];
  const lastCheckFailed = Boolean(overview.data && findCheck(overview.data, dataset, regionA, regionB)?.error);
  return (
    <div className="page-stack">
      <LastCheckPanel {...props} overview={overview.data} error={overview.error} isPending={overview.isPending} onRetry={() => overview.refetch()} />
      <div className="divergence-detail">
        <div className="page-stack">
          <DivergentKeysPanel {...props} query={entities} lastCheckFailed={lastCheckFailed} />
          <InFlightKeysPanel {...props} query={entities} />
        </div>
        <RowComparisonPanel {...props} query={entities} keyColumns={keyColumns} />
      </div>
    </div>
  );
}

interface LastCheckPanelProps extends DivergencePairViewProps {
  overview: DivergenceOverview | undefined;
  error: Error | null;
  isPending: boolean;
  onRetry: () => void;
}

/** When the pair was last compared, at what cost, and whether that check failed. */
function LastCheckPanel({ dataset, regionA, regionB, overview, error, isPending, onRetry }: LastCheckPanelProps) {
  const nowMs = useNow(5_000);
  const check = overview ? findCheck(overview, dataset, regionA, regionB) : undefined;
  const schema = overview?.datasets.find((candidate) => candidate.name === dataset);
  const cell = divergenceCell(dataset, { regionA, regionB, title: unorderedPairTitle(regionA, regionB) }, check, nowMs);
  return (
    <Panel title="Last check" actions={overview ? <CheckStatusBadge cell={cell} /> : null}>
      {isPending ? (
        <PanelLoading label="Loading the last check…" lines={2} />
      ) : !overview ? (
        <PanelError title="The last check is unavailable" error={error ?? new Error('no answer')} onRetry={onRetry} />
      ) : !check ? (
        <PanelEmpty title="Not checked yet">
          The first comparison of <span className="mono">{dataset}</span> between <span className="mono">{regionA}</span> and <span className="mono">{regionB}</span> has not completed.
        </PanelEmpty>
      ) : (
        <>
          {check.error ? (
            <p className="check-failed-notice" role="status">
              The check at {formatTimestamp(check.checked_at, nowMs)} failed: <span className="mono">{check.error}</span>. The keys below are from the previous successful check.
            </p>
          ) : null}
          {!cell.current && !check.error ? (
            <p className="verdict-past-notice">
              {check.unsettled_entities > 0
                ? `The writes this check found in flight have landed since, or checks stopped arriving: it describes the copies as of ${formatAgo(checkAgeMs(check, nowMs))}, and the next check tells whether those rows settled equal.`
                : `No check has arrived since: this verdict describes the copies as of ${formatAgo(checkAgeMs(check, nowMs))}.`}
            </p>
          ) : null}
          <dl className="stat-row check-stats">
            <div className={`stat ${check.divergent_entities ? 'tone-border-breach' : 'tone-border-ok'}`}>
              <dt>Divergent entities</dt>
              <dd className="stat-value mono">{check.divergent_entities.toLocaleString('en-US')}</dd>
            </div>
            <div className={`stat ${check.unsettled_entities ? 'tone-border-pending' : ''}`}>
              <dt>In flight</dt>
              <dd className="stat-value mono">{check.unsettled_entities.toLocaleString('en-US')}</dd>
            </div>
            <div className="stat">
              <dt>Checked at</dt>
              <dd className="stat-value mono">
                <time dateTime={new Date(check.checked_at).toISOString()} title={formatFullTimestamp(check.checked_at)}>
                  {formatTimestamp(check.checked_at, nowMs)}
                </time>
              </dd>
            </div>
            {checkDetails(check, nowMs)
              .slice(1)
              .map(({ term, value }) => (
                <div key={term} className="stat">
                  <dt>{term}</dt>
                  <dd className="stat-value mono">{value}</dd>
                </div>
              ))}
          </dl>
          {schema ? (
            <p className="panel-footnote">
              Compares table <span className="mono">{schema.table}</span> by key <span className="mono">({schema.key.join(', ')})</span>, columns{' '}
              <span className="mono">{schema.columns.join(', ')}</span>.
            </p>
          ) : null}
        </>
      )}
    </Panel>
  );
}
