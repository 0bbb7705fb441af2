import type Database from 'better-sqlite3';
import type { ConflictDetail, ConflictSummary, Resolution } from '@/lib/api/types';

export interface ConflictFilter {
  source?: string;
  target?: string;
  entityType?: string;
  resolution?: Resolution;
  pending?: boolean;
  from?: number;
  to?: number;
}

export interface PageRequest {
  limit: number;
  order: 'newest' | 'oldest';
  /** Keyset position: the last item of the previous page. */
  after?: { detectedAt: number; id: number };
}

interface Row {
  id: number;
  detected_at: number;
  source_region: string;
  target_region: string;
  entity_type: string;
  entity_key: string;
  resolution: Resolution;
  winner: string | null;
  resolved_at: number | null;
  origin: 'log' | 'ingest';
}

const SUMMARY_COLUMNS = 'id, detected_at, source_region, target_region, entity_type, entity_key, resolution, winner, resolved_at, origin';

/** WHERE clause and parameters for a filter; every value is bound, never interpolated. */
function where(filter: ConflictFilter): { sql: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (clause: string, name: string, value: unknown) => {
    if (value === undefined) return;
    clauses.push(clause);
    params[name] = value;
  };
  add('source_region = @source', 'source', filter.source);
  add('target_region = @target', 'target', filter.target);
  add('entity_type = @entityType', 'entityType', filter.entityType);
  add('resolution = @resolution', 'resolution', filter.resolution);
  add('detected_at >= @from', 'from', filter.from);
  add('detected_at <= @to', 'to', filter.to);
  if (filter.pending !== undefined) clauses.push(filter.pending ? 'resolved_at IS NULL' : 'resolved_at IS NOT NULL');
  return { sql: clauses.length > 0 ? clauses.join(' AND ') : '1', params };
}

const toSummary = (row: Row): ConflictSummary => ({ ...row, pending: row.resolved_at === null });

/** One page of conflicts, newest (or oldest) first, with keyset pagination on (detected_at, id). */
export function listConflicts(db: Database.Database, filter: ConflictFilter, page: PageRequest): { items: ConflictSummary[]; last: { detectedAt: number; id: number } | null } {
  const { sql, params } = where(filter);
  const descending = page.order === 'newest';
  const keyset = page.after ? (descending ? 'AND (detected_at, id) < (@afterAt, @afterId)' : 'AND (detected_at, id) > (@afterAt, @afterId)') : '';
  const direction = descending ? 'DESC' : 'ASC';
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM conflicts WHERE ${sql} ${keyset} ORDER BY detected_at ${direction}, id ${direction} LIMIT @limit`)
    .all({ ...params, afterAt: page.after?.detectedAt, afterId: page.after?.id, limit: page.limit + 1 }) as Row[];
  const items = rows.slice(0, page.limit).map(toSummary);
  const last = rows.length > page.limit ? items[items.length - 1] : null;
  return { items, last: last && { detectedAt: last.detected_at, id: last.id } };
}

type DetailRow = Row & { local_version: string; remote_version: string; local_ts: number | null; remote_ts: number | null; merged: string | null };

export function getConflict(db: Database.Database, id: number): Omit<ConflictDetail, 'policy' | 'differing_fields'> | null {
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS}, local_version, remote_version, local_ts, remote_ts, merged FROM conflicts WHERE id = ?`).get(id) as DetailRow | undefined;
  if (!row) return null;
  const { local_version, remote_version, merged, ...rest } = row;
  return {
    ...toSummary(rest),
    local_ts: row.local_ts,
    remote_ts: row.remote_ts,
    local_version: parseJson(local_version),
    remote_version: parseJson(remote_version),
    merged: merged === null ? null : parseJson(merged),
  };
}

/** Conflicts per ordered pair since `since`. */
export function countByPair(db: Database.Database, since: number): { source_region: string; target_region: string; count: number }[] {
  return db.prepare('SELECT source_region, target_region, count(*) AS count FROM conflicts WHERE detected_at >= ? GROUP BY source_region, target_region').all(since) as {
    source_region: string;
    target_region: string;
    count: number;
  }[];
}

/** Conflict counts in buckets of `stepMs` between from and to (empty buckets included). */
export function rateSeries(db: Database.Database, filter: ConflictFilter & { from: number; to: number }, stepMs: number): [number, number][] {
  const { sql, params } = where(filter);
  const rows = db
    // better-sqlite3 binds JS numbers as REAL; the cast keeps the division an integer one.
    .prepare(`SELECT (detected_at / CAST(@step AS INTEGER)) * CAST(@step AS INTEGER) AS bucket, count(*) AS count FROM conflicts WHERE ${sql} GROUP BY bucket`)
    .all({ ...params, step: stepMs }) as { bucket: number; count: number }[];
  const counts = new Map(rows.map((row) => [row.bucket, row.count]));
  const series: [number, number][] = [];
  for (let bucket = Math.floor(filter.from / stepMs) * stepMs; bucket <= filter.to; bucket += stepMs) {
    series.push([bucket, ((counts.get(bucket) ?? 0) * 60_000) / stepMs]);
  }
  return series;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
