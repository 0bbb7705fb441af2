'use client';

import Link from 'next/link';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import { StatusBadge } from '@/components/ui/StatusBadge';
import type { ConflictDetail } from '@/lib/api/types';
import { differingTopLevelFields, diffVersions } from '@/lib/conflicts/diff';
import { QUEUE_PATH } from '@/lib/conflicts/filters';
import { conflictTitle, describeWinner, formatAge } from '@/lib/conflicts/format';
import { pairHref, pairTitle } from '@/lib/heatmap/shape';
import { ApiRequestError } from '@/lib/query/fetch';
import { useConflictDetailQuery } from '@/lib/query/conflicts';
import { ResolutionBadge } from './ResolutionBadge';
import { formatFullTimestamp, formatTimestamp } from './time';
import { useNow } from './useNow';
import { MergedPane, VersionComparison } from './VersionPanes';

/** `/conflicts/{id}`: what collided, how it was resolved, and both versions side by side. */
export function ConflictDetailView({ id }: { id: number }) {
  const { data: conflict, error, isPending, refetch } = useConflictDetailQuery(id);
  if (isPending) {
    return (
      <>
        <DetailHeading title={`Conflict #${id}`} />
        <Panel title="Versions">
          <PanelLoading label="Loading the conflict…" lines={8} />
        </Panel>
      </>
    );
  }
  if (!conflict) {
    const missing = error instanceof ApiRequestError && error.status === 404;
    return (
      <>
        <DetailHeading title={`Conflict #${id}`} />
        <Panel title="Versions">
          {missing ? (
            <PanelEmpty title={`There is no conflict #${id}`}>
              It may have aged out of retention. <Link href="/conflicts">Browse conflicts</Link>
            </PanelEmpty>
          ) : (
            <PanelError title="This conflict is unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
          )}
        </Panel>
      </>
    );
  }
  return (
    <>
      <DetailHeading title={conflictTitle(conflict.entity_type, conflict.entity_key)} conflict={conflict} />
      {error ? <StaleNotice error={error} /> : null}
      {conflict.pending ? <PendingNotice detectedAt={conflict.detected_at} /> : null}
      <div className="conflict-detail">
        <Panel title="Versions">
          <VersionComparison conflict={conflict} />
        </Panel>
        <ResolutionPanel conflict={conflict} />
        {conflict.merged !== null && conflict.merged !== undefined ? (
          <Panel title="Merged result" className="merged-panel">
            <MergedPane conflict={conflict} />
          </Panel>
        ) : null}
      </div>
    </>
  );
}

function DetailHeading({ title, conflict }: { title: string; conflict?: ConflictDetail }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {conflict ? (
        <p className="page-subtitle">
          Conflict #{conflict.id} ·{' '}
          <Link href={pairHref(conflict.source_region, conflict.target_region)} className="mono">
            {pairTitle(conflict.source_region, conflict.target_region)}
          </Link>{' '}
          · detected{' '}
          <time dateTime={new Date(conflict.detected_at).toISOString()} title={formatFullTimestamp(conflict.detected_at)}>
            {formatTimestamp(conflict.detected_at)}
          </time>{' '}
          by <span className="mono">{conflict.target_region}</span>
        </p>
      ) : null}
    </header>
  );
}

function PendingNotice({ detectedAt }: { detectedAt: number }) {
  const nowMs = useNow();
  return (
    <p className="pending-notice" role="status">
      <StatusBadge tone="warning">pending</StatusBadge> — in the manual queue since{' '}
      <time dateTime={new Date(detectedAt).toISOString()} title={formatFullTimestamp(detectedAt)}>
        {formatTimestamp(detectedAt, nowMs)}
      </time>{' '}
      ({formatAge(nowMs - detectedAt)}). <Link href={QUEUE_PATH}>Open the queue</Link>
    </p>
  );
}

function ResolutionPanel({ conflict }: { conflict: ConflictDetail }) {
  const differing = differingTopLevelFields(diffVersions(conflict.local_version, conflict.remote_version, conflict.differing_fields));
  return (
    <Panel title="Resolution">
      <dl className="resolution-facts">
        <div>
          <dt>Strategy</dt>
          <dd>
            <ResolutionBadge resolution={conflict.resolution} />
          </dd>
        </div>
        <div>
          <dt>Policy</dt>
          <dd className="policy-text">{conflict.policy}</dd>
        </div>
        <div>
          <dt>Winner</dt>
          <dd>
            <StatusBadge tone={conflict.pending ? 'warning' : 'ok'}>
              <span className="winner-badge">{describeWinner(conflict)}</span>
            </StatusBadge>
          </dd>
        </div>
        <div>
          <dt>Resolved</dt>
          <dd>{describeResolvedAt(conflict)}</dd>
        </div>
        <div>
          <dt>Differing fields</dt>
          <dd className="mono">{differing.length ? differing.join(', ') : 'none'}</dd>
        </div>
        <div>
          <dt>Reported by</dt>
          <dd>{conflict.origin === 'log' ? `${conflict.target_region}’s conflict log` : 'an application (ingested)'}</dd>
        </div>
      </dl>
    </Panel>
  );
}

function describeResolvedAt(conflict: ConflictDetail): string {
  if (conflict.pending || conflict.resolved_at === null) return 'not yet';
  const took = conflict.resolved_at - conflict.detected_at;
  return `${formatTimestamp(conflict.resolved_at)}${took >= 0 ? ` (${took < 1000 ? `${took} ms` : formatAge(took)} after detection)` : ''}`;
}
