import type Database from 'better-sqlite3';
import type { Resolution } from '@/lib/api/types';
import type { ConflictRecord } from '@/lib/domain/conflict';
import type { Outbox } from './outbox';

export type { ConflictRecord } from '@/lib/domain/conflict';
export { resolutionSeconds } from '@/lib/domain/conflict';

export interface CountKey {
  source_region: string;
  target_region: string;
  entity_type: string;
  resolution: Resolution;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS conflicts (
    id INTEGER PRIMARY KEY, source_key TEXT NOT NULL UNIQUE, origin TEXT NOT NULL, detected_at INTEGER NOT NULL,
    source_region TEXT NOT NULL, target_region TEXT NOT NULL, entity_type TEXT NOT NULL, entity_key TEXT NOT NULL,
    resolution TEXT NOT NULL, winner TEXT, local_version TEXT NOT NULL, remote_version TEXT NOT NULL,
    local_ts REAL, remote_ts REAL, merged TEXT, resolved_at INTEGER);
  CREATE INDEX IF NOT EXISTS conflicts_time ON conflicts (detected_at, id);
  CREATE INDEX IF NOT EXISTS conflicts_pair ON conflicts (source_region, target_region, detected_at, id);
  CREATE INDEX IF NOT EXISTS conflicts_type ON conflicts (entity_type, detected_at, id);
  CREATE INDEX IF NOT EXISTS conflicts_resolution ON conflicts (resolution, detected_at, id);
  CREATE INDEX IF NOT EXISTS conflicts_pending ON conflicts (target_region, detected_at) WHERE resolved_at IS NULL;
  CREATE TABLE IF NOT EXISTS conflict_counts (
    source_region TEXT NOT NULL, target_region TEXT NOT NULL, entity_type TEXT NOT NULL, resolution TEXT NOT NULL,
    count INTEGER NOT NULL, PRIMARY KEY (source_region, target_region, entity_type, resolution)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS collector_cursors (collector TEXT NOT NULL, region TEXT NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (collector, region)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS conflict_pending_watch (region TEXT NOT NULL, store_id INTEGER NOT NULL, conflict_id INTEGER NOT NULL,
    PRIMARY KEY (region, store_id)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS ownership_counts (domain TEXT NOT NULL, home_region TEXT NOT NULL, write_region TEXT NOT NULL,
    count INTEGER NOT NULL, PRIMARY KEY (domain, home_region, write_region)) WITHOUT ROWID;
`;

/**
 * Conflicts, their cumulative counts and the collectors' cursors, in the embedded
 * database. Rows, counts and cursor move in one transaction, so a restart neither
 * loses nor double-counts a conflict.
 */
export class ConflictStore {
  /**
   * With a shared event store, `outbox` receives every conflict written or settled here, and
   * `leases` says which region cursors this process may move.
   */
  constructor(
    readonly db: Database.Database,
    private readonly shared?: { outbox: Outbox; leases: CursorLeases },
  ) {
    db.exec(SCHEMA);
  }

  /** Whether this process may read `region`'s log for `collector` now (always, without a shared store). */
  owns(collector: string, region: string): boolean {
    return this.shared?.leases.owns(collector, region) ?? true;
  }

  /** Stores new records, bumps counts and moves `cursor` atomically; returns the records that were new. */
  add(records: ConflictRecord[], cursor?: { collector: string; region: string; position: number }): ConflictRecord[] {
    return this.insert(records, cursor, true);
  }

  /** `local`: written here, so sent to the shared store and, while pending, re-read from the log; not read back from it. */
  private insert(records: ConflictRecord[], cursor: { collector: string; region: string; position: number } | undefined, local: boolean): ConflictRecord[] {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO conflicts (source_key, origin, detected_at, source_region, target_region, entity_type, entity_key,
        resolution, winner, local_version, remote_version, local_ts, remote_ts, merged, resolved_at)
       VALUES (@sourceKey, @origin, @detectedAt, @sourceRegion, @targetRegion, @entityType, @entityKey, @resolution, @winner,
        @localVersion, @remoteVersion, @localTs, @remoteTs, @merged, @resolvedAt)`,
    );
    const count = this.db.prepare(
      `INSERT INTO conflict_counts VALUES (?, ?, ?, ?, 1)
       ON CONFLICT DO UPDATE SET count = count + 1`,
    );
    const watch = this.db.prepare('INSERT OR IGNORE INTO conflict_pending_watch VALUES (?, ?, ?)');
    return this.db.transaction(() => {
      const added: ConflictRecord[] = [];
      for (const record of records) {
        const result = insert.run({ ...record, detectedAt: Math.round(record.detectedAt), resolvedAt: roundOrNull(record.resolvedAt) });
        if (result.changes === 0) continue;
        added.push(record);
        // With a shared store, a conflict written here is counted once that store has taken it from this process.
        if (!local || !this.shared) count.run(record.sourceRegion, record.targetRegion, record.entityType, record.resolution);
        const storeId = /^log:[^:]+:(\d+)$/.exec(record.sourceKey)?.[1];
        if (local && record.resolvedAt === null && storeId) watch.run(record.targetRegion, Number(storeId), result.lastInsertRowid);
      }
      if (cursor) this.setCursor(cursor.collector, cursor.region, cursor.position);
      if (local)
        this.shared?.outbox.enqueue(
          'conflict',
          added.map((record) => record.sourceKey),
        );
      return added;
    })();
  }

  cursor(collector: string, region: string): number {
    const row = this.db.prepare('SELECT position FROM collector_cursors WHERE collector = ? AND region = ?').get(collector, region) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  setCursor(collector: string, region: string, position: number): void {
    this.db.prepare('INSERT OR REPLACE INTO collector_cursors VALUES (?, ?, ?)').run(collector, region, position);
  }

  /** Store ids of this region's conflict-log rows still pending. */
  watchedPending(region: string, limit = 500): number[] {
    return (this.db.prepare('SELECT store_id FROM conflict_pending_watch WHERE region = ? ORDER BY store_id LIMIT ?').all(region, limit) as { store_id: number }[]).map((row) => row.store_id);
  }

  /** Marks watched rows resolved; returns each settled conflict's type, resolution and time to resolve. */
  settle(region: string, statuses: { storeId: number; resolvedAt: number; winner: string | null; merged: string | null }[]): { entityType: string; resolution: Resolution; seconds: number }[] {
    const find = this.db.prepare('SELECT conflict_id FROM conflict_pending_watch WHERE region = ? AND store_id = ?');
    const update = this.db.prepare('UPDATE conflicts SET resolved_at = ?, winner = ?, merged = ? WHERE id = ? RETURNING source_key, entity_type, resolution, detected_at');
    const forget = this.db.prepare('DELETE FROM conflict_pending_watch WHERE region = ? AND store_id = ?');
    return this.db.transaction(() =>
      statuses.flatMap((status) => {
        const watched = find.get(region, status.storeId) as { conflict_id: number } | undefined;
        forget.run(region, status.storeId);
        if (!watched) return [];
        const row = update.get(Math.round(status.resolvedAt), status.winner, status.merged, watched.conflict_id) as
          | { source_key: string; entity_type: string; resolution: Resolution; detected_at: number }
          | undefined;
        if (row) this.shared?.outbox.enqueue('resolution', [row.source_key]);
        return row ? [{ entityType: row.entity_type, resolution: row.resolution, seconds: Math.max(0, status.resolvedAt - row.detected_at) / 1000 }] : [];
      }),
    )();
  }

  /**
   * Counts the conflicts the shared store has taken from this process and forgets their
   * outbox entries, in one transaction: each is counted once, by the one process that wrote
   * it there first, even when another collector read the same log rows after a takeover.
   */
  acknowledge(upToSeq: number, writtenHere: string[]): void {
    const count = this.db.prepare(
      `INSERT INTO conflict_counts SELECT source_region, target_region, entity_type, resolution, 1 FROM conflicts WHERE source_key = ?
       ON CONFLICT DO UPDATE SET count = count + 1`,
    );
    this.db.transaction(() => {
      for (const key of writtenHere) count.run(key);
      this.shared?.outbox.acknowledge(upToSeq);
    })();
  }

  /** Conflicts by source key, as stored (for the shared store's outbox). */
  bySourceKeys(keys: string[]): ConflictRecord[] {
    const select = this.db.prepare('SELECT * FROM conflicts WHERE source_key = ?');
    return keys.flatMap((key) => {
      const row = select.get(key) as ConflictRow | undefined;
      return row ? [conflictOf(row)] : [];
    });
  }

  /**
   * Conflicts read from the shared event store: new ones are stored and counted as if
   * collected here, and those since resolved elsewhere are marked so. Nothing goes to the
   * outbox: the shared store already holds them. Returns the new and the newly resolved.
   */
  applyShared(records: ConflictRecord[]): { added: ConflictRecord[]; resolved: ConflictRecord[] } {
    const resolve = this.db.prepare('UPDATE conflicts SET resolved_at = ?, winner = ?, merged = ? WHERE source_key = ? AND resolved_at IS NULL');
    const forget = this.db.prepare('DELETE FROM conflict_pending_watch WHERE conflict_id IN (SELECT id FROM conflicts WHERE source_key = ?)');
    return this.db.transaction(() => {
      const added = this.insert(records, undefined, false);
      const fresh = new Set(added.map((record) => record.sourceKey));
      const resolved = records.filter((record) => {
        if (fresh.has(record.sourceKey) || record.resolvedAt === null) return false;
        if (resolve.run(Math.round(record.resolvedAt), record.winner, record.merged, record.sourceKey).changes === 0) return false;
        forget.run(record.sourceKey);
        return true;
      });
      return { added, resolved };
    })();
  }

  counts(): (CountKey & { count: number })[] {
    return this.db.prepare('SELECT source_region, target_region, entity_type, resolution, count FROM conflict_counts').all() as (CountKey & { count: number })[];
  }

  pendingByRegion(): Record<string, number> {
    const rows = this.db.prepare('SELECT target_region, count(*) AS n FROM conflicts WHERE resolved_at IS NULL GROUP BY target_region').all() as { target_region: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.target_region, row.n]));
  }

  /** Adds ownership violations and moves the write-log cursor in one transaction. */
  addViolations(violations: { domain: string; homeRegion: string; writeRegion: string }[], cursor: { region: string; position: number }): void {
    const bump = this.db.prepare('INSERT INTO ownership_counts VALUES (?, ?, ?, 1) ON CONFLICT DO UPDATE SET count = count + 1');
    this.db.transaction(() => {
      for (const violation of violations) bump.run(violation.domain, violation.homeRegion, violation.writeRegion);
      this.setCursor('ownership', cursor.region, cursor.position);
    })();
  }

  violations(): { domain: string; home_region: string; write_region: string; count: number }[] {
    return this.db.prepare('SELECT domain, home_region, write_region, count FROM ownership_counts').all() as {
      domain: string;
      home_region: string;
      write_region: string;
      count: number;
    }[];
  }
}

/** Which cursors this process holds (see the shared event store). */
export interface CursorLeases {
  owns(collector: string, region: string): boolean;
}

/**
 * A conflict row as stored, in the embedded database or the shared store (whose drivers hand
 * bigint columns over as strings).
 */
export interface ConflictRow {
  source_key: string;
  origin: ConflictRecord['origin'];
  detected_at: number | string;
  source_region: string;
  target_region: string;
  entity_type: string;
  entity_key: string;
  resolution: Resolution;
  winner: string | null;
  local_version: string;
  remote_version: string;
  local_ts: number | null;
  remote_ts: number | null;
  merged: string | null;
  resolved_at: number | string | null;
}

export const conflictOf = (row: ConflictRow): ConflictRecord => ({
  sourceKey: row.source_key,
  origin: row.origin,
  detectedAt: Number(row.detected_at),
  sourceRegion: row.source_region,
  targetRegion: row.target_region,
  entityType: row.entity_type,
  entityKey: row.entity_key,
  resolution: row.resolution,
  winner: row.winner,
  localVersion: row.local_version,
  remoteVersion: row.remote_version,
  localTs: row.local_ts,
  remoteTs: row.remote_ts,
  merged: row.merged,
  resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at),
});

const roundOrNull = (value: number | null) => (value === null ? null : Math.round(value));
