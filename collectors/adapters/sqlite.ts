import Database from 'better-sqlite3';
import type { AdapterOptions, HeartbeatRow, StoreAdapter } from './types';
import { toHeartbeatRow } from './heartbeat-row';
import { redactSecrets } from './redact';
import { ChecksumClient } from '../merkle/client';
import type { ChecksumSession } from '../merkle/session';

/**
 * The store's clock, evaluated inside SQLite. A store may keep a clock offset in
 * `regionwatch_clock` (the demo does, to give each region its own skewed clock);
 * a plain SQLite file has none and uses the host clock.
 */
const STORE_CLOCK_WITH_OFFSET = `(unixepoch('subsec') * 1000.0 + coalesce((SELECT offset_ms FROM regionwatch_clock LIMIT 1), 0))`;
const STORE_CLOCK = `(unixepoch('subsec') * 1000.0)`;
const MAX_LOCK_WAIT_MS = 100;

/** SQLite store: `sqlite:PATH`. Calls are synchronous underneath; busy_timeout bounds lock waits. */
export class SqliteAdapter implements StoreAdapter {
  readonly engine = 'sqlite';
  readonly region: string;
  readonly safeLocation: string;
  private readonly db: Database.Database;
  private readonly table: string;
  private readonly conflicts: { table: string; query?: string };
  private writeStatement?: Database.Statement<[string, number]>;
  private readStatement?: Database.Statement<[]>;
  private clockStatement?: Database.Statement<[]>;

  private readonly path: string;

  constructor(path: string, options: AdapterOptions) {
    this.path = path;
    this.region = options.region;
    this.safeLocation = `sqlite:${redactSecrets(path)}`;
    this.table = options.heartbeatTable;
    this.conflicts = options.conflicts ?? { table: 'regionwatch_conflicts' };
    try {
      // better-sqlite3 waits for locks synchronously, blocking the whole process; keep that wait short.
      this.db = new Database(path, { timeout: Math.min(options.timeoutMs, MAX_LOCK_WAIT_MS), fileMustExist: false });
      this.db.pragma('journal_mode = WAL');
    } catch (error) {
      throw new Error(`open ${this.safeLocation} for ${this.region}: ${redactSecrets(String((error as Error).message))}`);
    }
  }

  async ensureHeartbeatTable(): Promise<void> {
    this.run('create heartbeat table', () => {
      this.db.exec(`CREATE TABLE IF NOT EXISTS "${this.table}" (origin TEXT PRIMARY KEY, seq INTEGER NOT NULL, ts_ms REAL NOT NULL)`);
      const clock = this.hasClockTable() ? STORE_CLOCK_WITH_OFFSET : STORE_CLOCK;
      this.writeStatement = this.db.prepare(
        `INSERT INTO "${this.table}" (origin, seq, ts_ms) VALUES (?, ?, ${clock})
         ON CONFLICT(origin) DO UPDATE SET seq = excluded.seq, ts_ms = excluded.ts_ms
         RETURNING origin, seq, ts_ms`,
      );
      this.readStatement = this.db.prepare(`SELECT origin, seq, ts_ms FROM "${this.table}"`);
      this.clockStatement = this.db.prepare(`SELECT ${clock} AS now_ms`);
    });
  }

  async writeHeartbeat(origin: string, seq: number): Promise<HeartbeatRow> {
    if (!this.writeStatement) await this.ensureHeartbeatTable();
    const statement = this.writeStatement ?? this.notReady();
    const row = this.run('heartbeat write', () => statement.get(origin, seq));
    return toHeartbeatRow(row, this.region);
  }

  async readHeartbeats(): Promise<{ rows: HeartbeatRow[]; storeNowMs: number }> {
    const statement = this.readStatement ?? this.notReady();
    const clock = this.clockStatement ?? this.notReady();
    // One read transaction, so the clock reading and the rows describe the same instant.
    const { rows, now } = this.run('heartbeat read', () => this.db.transaction(() => ({ rows: statement.all(), now: clock.get() as { now_ms: number } }))());
    return { rows: rows.map((row) => toHeartbeatRow(row, this.region)), storeNowMs: Number(now.now_ms) };
  }

  async readConflicts(afterId: number, limit: number): Promise<Record<string, unknown>[]> {
    return this.run('conflict log read', () => {
      if (this.conflicts.query) return this.db.prepare(this.conflicts.query).all({ after_id: afterId, limit }) as Record<string, unknown>[];
      if (!this.hasTable(this.conflicts.table)) return [];
      return this.db.prepare(`SELECT * FROM "${this.conflicts.table}" WHERE id > ? ORDER BY id LIMIT ?`).all(afterId, limit) as Record<string, unknown>[];
    });
  }

  async readConflictStatus(ids: number[]): Promise<Record<string, unknown>[]> {
    if (this.conflicts.query || ids.length === 0) return [];
    return this.run(
      'conflict status read',
      () => this.db.prepare(`SELECT id, resolved_at, winner, merged FROM "${this.conflicts.table}" WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Record<string, unknown>[],
    );
  }

  async readWrites(afterId: number, limit: number): Promise<Record<string, unknown>[]> {
    return this.run('write log read', () => {
      if (!this.hasTable('regionwatch_writes')) return [];
      return this.db.prepare('SELECT id, at, entity_type, entity_key FROM regionwatch_writes WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as Record<string, unknown>[];
    });
  }

  openChecksum(timeoutMs: number): ChecksumSession {
    return new ChecksumClient(this.region, this.path, timeoutMs);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private hasClockTable(): boolean {
    return this.hasTable('regionwatch_clock');
  }

  private hasTable(name: string): boolean {
    return this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
  }

  private run<T>(what: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw new Error(`${what} in ${this.region} (${this.safeLocation}): ${redactSecrets((error as Error).message)}`);
    }
  }

  private notReady(): never {
    throw new Error(`${this.region}: ensureHeartbeatTable() must run before heartbeats are read or written`);
  }
}
