import type { AdapterOptions, HeartbeatRow, StoreAdapter } from '../types';
import { redactSecrets } from '../redact';
import { toHeartbeatRow } from '../heartbeat-row';
import type { ChecksumSession } from '@/collectors/merkle/session';
import { SqlChecksumSession, type HashDialect, type ReadQuery } from '@/collectors/merkle/sql-session';
import type { StoreDialect } from './dialects';

export type Rows = Record<string, unknown>[];

/**
 * An engine's connections. Each pool has its own statement timeout; reads run in read-only
 * sessions, so the collector's read path cannot change data even with a mis-granted user.
 */
export interface SqlConnections {
  /** Read-write session: heartbeat table creation and heartbeat writes only. */
  write(sql: string, params: unknown[]): Promise<Rows>;
  /** Read-only session with the store's short timeout: heartbeat, conflict and write-log reads. */
  read(sql: string, params: unknown[]): Promise<Rows>;
  /** A separate read-only pool for divergence scans, with their much longer timeout. */
  openChecksum(timeoutMs: number): { query: ReadQuery; close(): Promise<void> };
  close(): Promise<void>;
}

/** A placeholder in a custom conflict query: `:after_id` or `:limit` (not a `::cast`). */
const NAMED_PARAMETER = /(?<![:\w]):(after_id|limit)\b/g;

/** PostgreSQL and MySQL/MariaDB stores: the same behaviour, engine-specific SQL and drivers. */
export class SqlAdapter implements StoreAdapter {
  readonly region: string;
  private readonly table: string;
  private readonly conflicts: { table: string; query?: string };
  private heartbeatReady = false;
  /** Tables seen to exist: asked once, not on every cycle (one that is dropped later fails its read). */
  private readonly existing = new Set<string>();

  constructor(
    readonly engine: 'postgres' | 'mysql',
    readonly safeLocation: string,
    options: AdapterOptions,
    private readonly sql: StoreDialect,
    /** How divergence checks hash rows; resolved on the first check (it may depend on the server's version). */
    private readonly hashing: (query: ReadQuery) => Promise<HashDialect>,
    private readonly connections: SqlConnections,
    /** Removes credentials (and the literal password) from driver messages. */
    private readonly redact: (text: string) => string = redactSecrets,
  ) {
    this.region = options.region;
    this.table = options.heartbeatTable;
    this.conflicts = options.conflicts ?? { table: 'regionwatch_conflicts' };
  }

  /**
   * Creates the heartbeat table only when it is missing: a least-privilege collector user
   * may write heartbeats without being allowed to create tables.
   */
  async ensureHeartbeatTable(): Promise<void> {
    await this.run('create heartbeat table', async () => {
      const existing = await this.connections.read(this.sql.tableExists, [this.table]);
      if (existing.length === 0) await this.connections.write(this.sql.heartbeatDdl(this.table), []);
    });
    this.heartbeatReady = true;
  }

  async writeHeartbeat(origin: string, seq: number): Promise<HeartbeatRow> {
    // A region that was down when the collector started gets its table on the first write.
    if (!this.heartbeatReady) await this.ensureHeartbeatTable();
    const rows = await this.run('heartbeat write', () => this.connections.write(this.sql.heartbeatWrite(this.table), this.sql.heartbeatWriteParams(origin, seq)));
    return toHeartbeatRow(rows[0], this.region);
  }

  async readHeartbeats(): Promise<{ rows: HeartbeatRow[]; storeNowMs: number }> {
    const rows = await this.run('heartbeat read', () => this.connections.read(this.sql.heartbeatRead(this.table), []));
    const clock = rows.find((row) => row.origin === null);
    const storeNowMs = Number(clock?.now_ms);
    if (!Number.isFinite(storeNowMs)) throw new Error(`heartbeat read in ${this.region} (${this.safeLocation}): the store returned no clock reading`);
    return { rows: rows.filter((row) => row !== clock).map((row) => toHeartbeatRow(row, this.region)), storeNowMs };
  }

  async readConflicts(afterId: number, limit: number): Promise<Rows> {
    return this.run('conflict log read', async () => {
      if (this.conflicts.query) {
        const params: unknown[] = [];
        const text = this.conflicts.query.replace(NAMED_PARAMETER, (_match, name: string) => {
          params.push(name === 'after_id' ? afterId : limit);
          return this.sql.placeholder(params.length);
        });
        return this.connections.read(text, params);
      }
      if (!(await this.exists(this.conflicts.table))) return [];
      const table = this.sql.ident(this.conflicts.table);
      return this.connections.read(`SELECT * FROM ${table} WHERE id > ${this.sql.placeholder(1)} ORDER BY id LIMIT ${this.sql.placeholder(2)}`, [afterId, limit]);
    });
  }

  async readConflictStatus(ids: number[]): Promise<Rows> {
    if (this.conflicts.query || ids.length === 0) return [];
    return this.run('conflict status read', () =>
      this.connections.read(`SELECT id, resolved_at, winner, merged FROM ${this.sql.ident(this.conflicts.table)} WHERE ${this.sql.inList('id', ids.length)}`, ids),
    );
  }

  async readWrites(afterId: number, limit: number): Promise<Rows> {
    return this.run('write log read', async () => {
      if (!(await this.exists('regionwatch_writes'))) return [];
      return this.connections.read(`SELECT id, at, entity_type, entity_key FROM regionwatch_writes WHERE id > ${this.sql.placeholder(1)} ORDER BY id LIMIT ${this.sql.placeholder(2)}`, [
        afterId,
        limit,
      ]);
    });
  }

  openChecksum(timeoutMs: number): ChecksumSession {
    const connection = this.connections.openChecksum(timeoutMs);
    const query: ReadQuery = (text, params) => this.run('divergence query', () => connection.query(text, params));
    return new SqlChecksumSession(
      this.region,
      () => this.hashing(query),
      query,
      () => connection.close(),
    );
  }

  async close(): Promise<void> {
    await this.connections.close();
  }

  private async exists(table: string): Promise<boolean> {
    if (!this.existing.has(table) && (await this.connections.read(this.sql.tableExists, [table])).length > 0) this.existing.add(table);
    return this.existing.has(table);
  }

  private async run<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new Error(`${what} in ${this.region} (${this.safeLocation}): ${this.redact(String((error as Error).message ?? error))}`);
    }
  }
}

/**
 * Runs `work` on a connection taken from a pool, all within `timeoutMs`. A connection whose
 * query outlasts the deadline (a server that stopped answering mid-query) is destroyed
 * rather than returned, so a dead host never leaves the pool full of stuck sockets; one
 * that arrives after the deadline is handed straight back.
 */
export function withDeadline<C, T>(acquire: () => Promise<C>, work: (connection: C) => Promise<T>, release: (connection: C, broken: boolean) => void, timeoutMs: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let expired = false;
    let held: C | undefined;
    const timer = setTimeout(() => {
      expired = true;
      if (held !== undefined) release(held, true);
      reject(new Error(`${what}: no answer after ${timeoutMs} ms`));
    }, timeoutMs);
    acquire().then(
      (connection) => {
        if (expired) return release(connection, false);
        held = connection;
        work(connection).then(
          (result) => {
            if (expired) return;
            clearTimeout(timer);
            release(connection, false);
            resolve(result);
          },
          (error) => {
            if (expired) return;
            clearTimeout(timer);
            release(connection, false);
            reject(error);
          },
        );
      },
      (error) => {
        if (expired) return;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
