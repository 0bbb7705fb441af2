import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A change captured in a region's store, waiting to be shipped to the other regions. */
export interface CapturedChange {
  id: number;
  table: string;
  op: 'upsert' | 'delete';
  row: Record<string, unknown>;
  /** Host wall-clock time of the commit (epoch ms): the sim's ground truth, not the region's skewed clock. */
  committedAt: number;
}

export interface ReplicatedTable {
  name: string;
  key: string[];
  columns: string[];
  ddl: string;
  /** Apply a replicated row only if it is newer by this column (ties broken by `tiebreak`), so regions converge. */
  lww?: { ts: string; tiebreak: string };
}

/** Applies one replicated row of a table that has its own merge logic. */
export type ApplyHook = (row: Record<string, unknown>, source: string) => void;

const HOST_NOW = `(unixepoch('subsec') * 1000.0)`;

/**
 * One simulated region: a real SQLite database whose writes are captured by triggers
 * into `sim_changes` for the replicator. Rows the replicator applies are not captured
 * again: it marks its own transactions in `sim_replication_guard`, which only it writes.
 */
export class SimRegion {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly applyHooks = new Map<string, ApplyHook>();
  private clockOffset = 0;

  constructor(
    readonly name: string,
    readonly path: string,
    readonly tables: ReplicatedTable[],
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { timeout: 5000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS regionwatch_clock (offset_ms REAL NOT NULL);
      CREATE TABLE IF NOT EXISTS sim_replication_guard (active INTEGER);
      CREATE TABLE IF NOT EXISTS sim_changes (
        id INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, op TEXT NOT NULL,
        row_json TEXT NOT NULL, committed_ms REAL NOT NULL);
      CREATE TABLE IF NOT EXISTS sim_applied (source TEXT PRIMARY KEY, last_id INTEGER NOT NULL);
      DELETE FROM sim_replication_guard;
    `);
    for (const table of tables) this.captureChanges(table);
    this.clockOffset = this.clockOffsetMs();
  }

  /** This region's clock (epoch ms), as its writers see it. */
  now(): number {
    return Date.now() + this.clockOffset;
  }

  setApplyHook(table: string, hook: ApplyHook): void {
    this.applyHooks.set(table, hook);
  }

  /** Sets this region's clock offset; the store's clock (and so every heartbeat stamp) follows it. */
  setClockOffset(offsetMs: number): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM regionwatch_clock');
      this.db.prepare('INSERT INTO regionwatch_clock (offset_ms) VALUES (?)').run(offsetMs);
    })();
    this.clockOffset = offsetMs;
  }

  clockOffsetMs(): number {
    const row = this.db.prepare('SELECT offset_ms FROM regionwatch_clock LIMIT 1').get() as { offset_ms: number } | undefined;
    return row?.offset_ms ?? 0;
  }

  /** Changes committed locally after `afterId`, oldest first. */
  changesAfter(afterId: number, limit = 5000): CapturedChange[] {
    const rows = this.statement('SELECT id, tbl, op, row_json, committed_ms FROM sim_changes WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as {
      id: number;
      tbl: string;
      op: 'upsert' | 'delete';
      row_json: string;
      committed_ms: number;
    }[];
    return rows.map((row) => ({
      id: row.id,
      table: row.tbl,
      op: row.op,
      row: JSON.parse(row.row_json) as Record<string, unknown>,
      committedAt: row.committed_ms,
    }));
  }

  /** Drops captured changes every target has applied. */
  forgetChangesUpTo(id: number): void {
    this.statement('DELETE FROM sim_changes WHERE id <= ?').run(id);
  }

  /** The highest change id ever captured here (ids are never reused, even once forgotten). */
  lastChangeId(): number {
    const row = this.statement("SELECT seq FROM sqlite_sequence WHERE name = 'sim_changes'").get() as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  /** Distinct keys of `table` rows changed here after `afterId`, joined by NUL for composite keys. */
  changedKeysAfter(afterId: number, table: string, key: string[]): string[] {
    const keyExpression = key.map((column) => `json_extract(row_json, '$.${column}')`).join(' || char(0) || ');
    const rows = this.statement(`SELECT DISTINCT ${keyExpression} AS entity_key FROM sim_changes WHERE tbl = ? AND id > ?`).all(table, afterId) as { entity_key: unknown }[];
    return rows.map((row) => String(row.entity_key));
  }

  /** The last change id of `source` this region has applied. */
  appliedCursor(source: string): number {
    const row = this.statement('SELECT last_id FROM sim_applied WHERE source = ?').get(source) as { last_id: number } | undefined;
    return row?.last_id ?? 0;
  }

  setAppliedCursor(source: string, lastId: number): void {
    this.statement('INSERT INTO sim_applied (source, last_id) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET last_id = excluded.last_id').run(source, lastId);
  }

  /**
   * Applies changes replicated from `source` in one transaction without capturing them again,
   * exactly once: the transaction also moves this region's cursor for `source`, and changes at
   * or below it are skipped, so a replay after a restart cannot apply an op-based change twice.
   */
  applyReplicated(changes: CapturedChange[], source: string): void {
    const apply = this.db.transaction(() => {
      const applied = this.appliedCursor(source);
      this.db.exec('INSERT INTO sim_replication_guard (active) VALUES (1)');
      for (const change of changes) {
        if (change.id <= applied) continue;
        const hook = change.op === 'upsert' ? this.applyHooks.get(change.table) : undefined;
        if (hook) hook(change.row, source);
        else this.applyOne(change);
      }
      this.db.exec('DELETE FROM sim_replication_guard');
      const lastId = changes[changes.length - 1]?.id ?? 0;
      if (lastId > applied) this.setAppliedCursor(source, lastId);
    });
    // IMMEDIATE: the transaction reads the cursor before it writes, and a deferred one could not
    // upgrade to a writer once a collector has written the same file meanwhile (SQLITE_BUSY).
    apply.immediate();
  }

  /** Runs `work` as a local change that is never replicated (the `corrupt` fault). */
  withoutReplication(work: () => void): void {
    this.db.transaction(() => {
      this.db.exec('INSERT INTO sim_replication_guard (active) VALUES (1)');
      work();
      this.db.exec('DELETE FROM sim_replication_guard');
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private applyOne(change: CapturedChange): void {
    const table = this.tables.find((candidate) => candidate.name === change.table);
    if (!table) return;
    if (change.op === 'delete') {
      const where = table.key.map((column) => `"${column}" = ?`).join(' AND ');
      this.statement(`DELETE FROM "${table.name}" WHERE ${where}`).run(...table.key.map((column) => change.row[column]));
      return;
    }
    const columns = [...table.key, ...table.columns];
    const placeholders = columns.map(() => '?').join(', ');
    const names = columns.map((column) => `"${column}"`).join(', ');
    const sql = table.lww
      ? `INSERT INTO "${table.name}" (${names}) VALUES (${placeholders})
         ON CONFLICT (${table.key.map((column) => `"${column}"`).join(', ')}) DO UPDATE SET
         ${table.columns.map((column) => `"${column}" = excluded."${column}"`).join(', ')}
         WHERE excluded."${table.lww.ts}" > "${table.lww.ts}"
            OR (excluded."${table.lww.ts}" = "${table.lww.ts}" AND excluded."${table.lww.tiebreak}" > "${table.lww.tiebreak}")`
      : `INSERT OR REPLACE INTO "${table.name}" (${names}) VALUES (${placeholders})`;
    this.statement(sql).run(...columns.map((column) => change.row[column] ?? null));
  }

  /** Prepared once per SQL text: the replicator applies thousands of rows a second at 20 regions. */
  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private captureChanges(table: ReplicatedTable): void {
    this.db.exec(table.ddl);
    const json = (prefix: 'NEW' | 'OLD', columns: string[]) => `json_object(${columns.map((column) => `'${column}', ${prefix}."${column}"`).join(', ')})`;
    const all = [...table.key, ...table.columns];
    const unguarded = 'NOT EXISTS (SELECT 1 FROM sim_replication_guard)';
    const capture = (event: string, op: string, row: string) => `
      CREATE TRIGGER IF NOT EXISTS "sim_capture_${table.name}_${event}" AFTER ${event} ON "${table.name}"
      WHEN ${unguarded}
      BEGIN INSERT INTO sim_changes (tbl, op, row_json, committed_ms) VALUES ('${table.name}', '${op}', ${row}, ${HOST_NOW}); END;`;
    this.db.exec(capture('INSERT', 'upsert', json('NEW', all)) + capture('UPDATE', 'upsert', json('NEW', all)) + capture('DELETE', 'delete', json('OLD', table.key)));
  }
}
