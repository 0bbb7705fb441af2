import type { ConflictDetail } from '@/lib/api/types';
import { describeWriteGap } from '@/lib/conflicts/format';
import { diffVersions, mergedFields, type FieldDiffRow, type MergedOrigin } from '@/lib/conflicts/diff';
import { formatFullTimestamp, formatTimestamp } from './time';

/**
 * Both versions side by side: local (what the detecting target region held) on the left,
 * remote (what arrived from the source region) on the right. Rows are aligned by field
 * path in both panes, and a row whose values differ is highlighted in both.
 */
export function VersionComparison({ conflict }: { conflict: ConflictDetail }) {
  const rows = diffVersions(conflict.local_version, conflict.remote_version, conflict.differing_fields);
  const gap = describeWriteGap(conflict.local_ts, conflict.remote_ts);
  return (
    <>
      <div className="version-panes">
        <VersionPane
          side="local"
          region={conflict.target_region}
          part={conflict.pending ? 'detected the conflict' : 'detected and resolved the conflict'}
          writtenAt={conflict.local_ts}
          version={conflict.local_version}
          rows={rows}
          winner={conflict.winner === conflict.target_region}
        />
        <VersionPane
          side="remote"
          region={conflict.source_region}
          part="wrote the incoming version"
          writtenAt={conflict.remote_ts}
          version={conflict.remote_version}
          rows={rows}
          winner={conflict.winner === conflict.source_region}
        />
      </div>
      <p className="panel-footnote">
        {rows.filter((row) => row.differs).length} of {rows.length} fields differ (highlighted)
        {gap ? `; ${gap}` : ''}.
      </p>
    </>
  );
}

interface VersionPaneProps {
  side: 'local' | 'remote';
  region: string;
  part: string;
  writtenAt: number | null;
  version: unknown;
  rows: FieldDiffRow[];
  winner: boolean;
}

function VersionPane({ side, region, part, writtenAt, version, rows, winner }: VersionPaneProps) {
  const title = side === 'local' ? 'Local version' : 'Remote version';
  return (
    <section className={`version-pane version-${side}`} aria-label={`${title} (${region})`}>
      <header className="version-header">
        <h3>
          {title} <span className="mono">{region}</span>
          {winner ? <span className="winner-tag">won</span> : null}
        </h3>
        <p className="version-meta">
          {region} {part} · written{' '}
          {writtenAt === null ? (
            'at an unknown time'
          ) : (
            <time dateTime={new Date(writtenAt).toISOString()} title={formatFullTimestamp(writtenAt)} className="mono">
              {formatTimestamp(writtenAt)}
            </time>
          )}
        </p>
      </header>
      <FieldRows rows={rows.map((row) => ({ id: row.id, path: row.path, value: side === 'local' ? row.local : row.remote, differs: row.differs }))} />
      <RawJson value={version} />
    </section>
  );
}

/** The merged result, each field marked with the version it came from. */
export function MergedPane({ conflict }: { conflict: ConflictDetail }) {
  const rows = mergedFields(conflict.local_version, conflict.remote_version, conflict.merged);
  return (
    // The surrounding panel carries the visible heading; the pane is named for tests and screen readers.
    <section className="version-pane version-merged" aria-label="Merged result">
      <p className="version-header version-meta">What both regions hold after resolution; each field says which version it matches.</p>
      <FieldRows rows={rows.map((row) => ({ id: row.id, path: row.path, value: row.value, origin: row.origin }))} />
      <RawJson value={conflict.merged} />
    </section>
  );
}

const ORIGIN_TEXT: Record<MergedOrigin, string> = { both: 'both', local: 'local', remote: 'remote', new: 'merged' };

export interface FieldRow {
  id: string;
  path: string;
  /** JSON text; undefined when this version lacks the field. */
  value: string | undefined;
  differs?: boolean;
  origin?: MergedOrigin;
}

/**
 * One line per field: path, then the value as JSON. Long values are cut; the title and raw
 * JSON have them whole. Also draws the divergence view's row comparison.
 */
export function FieldRows({ rows }: { rows: FieldRow[] }) {
  if (rows.length === 0) return <p className="muted">Empty object.</p>;
  return (
    <dl className="field-rows">
      {rows.map((row) => (
        <div key={row.id} className="field-row" data-differs={row.differs ? 'true' : undefined}>
          <dt className="field-path">{row.path || '(value)'}</dt>
          <dd className="field-value" title={row.value}>
            {row.value === undefined ? <span className="field-absent">absent</span> : <code>{row.value}</code>}
            {row.differs ? <span className="visually-hidden"> (differs)</span> : null}
          </dd>
          {row.origin ? <dd className={`field-origin origin-${row.origin}`}>{ORIGIN_TEXT[row.origin]}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

function RawJson({ value }: { value: unknown }) {
  return (
    <details className="raw-json">
      <summary>Raw JSON</summary>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
