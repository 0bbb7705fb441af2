import type { ChecksumSession } from '../merkle/session';

/** A heartbeat row as a region's store holds it: the latest heartbeat written in `origin`. */
export interface HeartbeatRow {
  origin: string;
  seq: number;
  /** When the origin's store committed it, in the origin store's own clock (epoch ms). */
  tsMs: number;
}

/** What every collector needs from one region's store. One implementation per engine. */
export interface StoreAdapter {
  readonly region: string;
  readonly engine: 'sqlite' | 'postgres' | 'mysql';
  /** The store's location with credentials removed; safe for logs, errors and pages. */
  readonly safeLocation: string;
  /** Creates the heartbeat table if it does not exist. */
  ensureHeartbeatTable(): Promise<void>;
  /** Upserts `origin`'s heartbeat stamped by the store's own clock; returns that stamp. */
  writeHeartbeat(origin: string, seq: number): Promise<HeartbeatRow>;
  /** Every origin's latest heartbeat as this store sees it now, and the store's clock at that read. */
  readHeartbeats(): Promise<{ rows: HeartbeatRow[]; storeNowMs: number }>;
  /** Conflict-log rows with id > afterId, oldest first (our table, or the configured query). */
  readConflicts(afterId: number, limit: number): Promise<Record<string, unknown>[]>;
  /** `resolved_at`, `winner` and `merged` of the given conflict-log rows. Empty when a custom query is used. */
  readConflictStatus(ids: number[]): Promise<Record<string, unknown>[]>;
  /** Local writes (`regionwatch_writes`) with id > afterId, oldest first; empty when the table does not exist. */
  readWrites(afterId: number, limit: number): Promise<Record<string, unknown>[]>;
  /** A session for divergence pushdown (bucket hashes computed beside the data). */
  openChecksum(timeoutMs: number): ChecksumSession;
  close(): Promise<void>;
}

export interface AdapterOptions {
  region: string;
  /** Every call gives up after this long. */
  timeoutMs: number;
  heartbeatTable: string;
  /** Conflict-log table, or a query returning its columns with `:after_id` and `:limit` parameters. */
  conflicts?: { table: string; query?: string };
}
