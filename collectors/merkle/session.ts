import type { DatasetConfig } from '@/lib/config/schema';
import type { Bucket, FetchedRow, LeafDifference, LeafRow } from './sqlite-store';

/** What crossed from a store to the collector: bytes (binary-equivalent sizes) and requests. */
export interface Traffic {
  bytes: number;
  requests: number;
}

/**
 * One region's side of a divergence check. SQLite answers from a worker thread that keeps the
 * whole bucket tree beside the data; PostgreSQL and MySQL compute bucket hashes in SQL.
 * Hashes are only comparable between sessions with the same `hashScheme`.
 */
export interface ChecksumSession {
  readonly region: string;
  readonly traffic: Traffic;
  /** How rows are hashed; two regions compare only when theirs are equal. */
  readonly hashScheme: string;
  /** Problems that must stop a check before any scan (unknown table or column, non-unique key). */
  validate(dataset: DatasetConfig): Promise<string[]>;
  /**
   * One scan: the store hashes every row into buckets and returns the top level.
   * `leafBits` is the depth of its finest buckets when the store chose it (SQL stores).
   */
  build(dataset: DatasetConfig, maxBits: number, childBits: number, onProgress?: (rows: number) => void): Promise<{ token: string; rows: number; buckets: Bucket[]; leafBits?: number }>;
  children(token: string, bits: number, prefixes: number[], childBits: number, withCounts: boolean): Promise<Bucket[]>;
  leafRows(token: string, bits: number, prefixes: number[]): Promise<LeafRow[]>;
  leafDiff(token: string, bits: number, prefixes: number[], other: LeafRow[]): Promise<LeafDifference[]>;
  fetchRows(token: string, keyHashes: string[]): Promise<FetchedRow[]>;
  fetchByKeys(dataset: DatasetConfig, keys: unknown[][]): Promise<FetchedRow[]>;
  release(token: string): Promise<void>;
  close(): Promise<void>;
}
