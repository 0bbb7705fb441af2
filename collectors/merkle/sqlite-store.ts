import Database from 'better-sqlite3';
import type { DatasetConfig } from '@/lib/config/schema';
import { MerkleTree } from './tree';
import { encodeTuple, keyHash, keyHashOf, rowHash, rowHashOf, sameHash, toHex, type Hash64 } from './hash';

/**
 * The store side of a divergence check on SQLite: everything here runs next to the data
 * (in the checksum worker), and only bucket hashes, differing keys and their rows leave it.
 */

export interface Bucket {
  prefix: number;
  hash: string;
  count: number;
}

export interface LeafRow {
  key: string;
  row: string;
}

export type LeafDifference = { key: string; kind: 'only_here' | 'only_there' | 'differs'; row: string | null };

export interface FetchedRow {
  keyHash: string;
  key: unknown[];
  values: Record<string, unknown>;
  rowHash: string;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const fromHex = (hex: string): Hash64 => ({ hi: parseInt(hex.slice(0, 8), 16), lo: parseInt(hex.slice(8), 16) });

export class SqliteChecksumStore {
  private readonly db: Database.Database;
  private readonly trees = new Map<string, { tree: MerkleTree; dataset: DatasetConfig; keysByHash: Map<string, unknown[]> | null }>();
  private nextToken = 1;

  constructor(path: string) {
    this.db = new Database(path, { readonly: true, fileMustExist: true, timeout: 100 });
  }

  /** Problems that must stop a check before any scan: unknown table or column, non-unique key. */
  validate(dataset: DatasetConfig): string[] {
    const columns = this.db.prepare('SELECT name, pk FROM pragma_table_info(?)').all(dataset.table) as { name: string; pk: number }[];
    if (columns.length === 0) return [`table "${dataset.table}" does not exist`];
    const known = new Set(columns.map((column) => column.name));
    const problems = [...dataset.key, ...dataset.columns].filter((column) => !known.has(column)).map((column) => `column "${column}" does not exist in table "${dataset.table}"`);
    if (problems.length > 0) return problems;
    if (!this.keyIsUnique(dataset, columns)) {
      problems.push(`key (${dataset.key.join(', ')}) is not unique in "${dataset.table}": no PRIMARY KEY or UNIQUE index covers exactly these columns`);
    }
    return problems;
  }

  /** One scan: every row's key hash and row hash go into a tree kept here; returns its top level. */
  build(dataset: DatasetConfig, maxBits: number, childBits: number, onProgress?: (rows: number) => void): { token: string; rows: number; buckets: Bucket[] } {
    const tree = new MerkleTree(maxBits);
    const withoutRowid = this.withoutRowid(dataset.table);
    const keysByHash = withoutRowid ? new Map<string, unknown[]>() : null;
    const select = [withoutRowid ? '-1' : 'rowid', ...dataset.key.map(quote), ...dataset.columns.map(quote)].join(', ');
    const statement = this.db
      .prepare(`SELECT ${select} FROM ${quote(dataset.table)}`)
      .raw()
      .safeIntegers(true);
    const keyWidth = dataset.key.length;
    for (const row of statement.iterate() as Iterable<unknown[]>) {
      const key = row.slice(1, 1 + keyWidth);
      const keyText = encodeTuple(key);
      const keyHashValue = keyHashOf(keyText);
      tree.add(keyHashValue, rowHashOf(keyText, row.slice(1 + keyWidth)), Number(row[0]));
      keysByHash?.set(toHex(keyHashValue), key);
      if (onProgress && tree.rowCount % 100_000 === 0) onProgress(tree.rowCount);
    }
    tree.seal();
    const token = String(this.nextToken++);
    this.trees.set(token, { tree, dataset, keysByHash });
    return { token, rows: tree.rowCount, buckets: this.children(token, 0, [0], childBits) };
  }

  /** Hashes (and counts) of every child at depth `childBits` of the given buckets at depth `bits`. */
  children(token: string, bits: number, prefixes: number[], childBits: number): Bucket[] {
    const { tree } = this.session(token);
    const fan = 2 ** (childBits - bits);
    return prefixes.flatMap((prefix) =>
      Array.from({ length: fan }, (_, index) => {
        const child = prefix * fan + index;
        const { hash, count } = tree.bucket(childBits, child);
        return { prefix: child, hash: toHex(hash), count };
      }),
    );
  }

  leafRows(token: string, bits: number, prefixes: number[]): LeafRow[] {
    const { tree } = this.session(token);
    return prefixes.flatMap((prefix) => [...tree.rows(bits, prefix)].map((entry) => ({ key: toHex(entry.key), row: toHex(entry.row) })));
  }

  /** Compares this side's rows in the buckets with the other side's list; returns only what differs. */
  leafDiff(token: string, bits: number, prefixes: number[], other: LeafRow[]): LeafDifference[] {
    const { tree } = this.session(token);
    const theirs = new Map(other.map((entry) => [entry.key, entry.row]));
    const differences: LeafDifference[] = [];
    for (const prefix of prefixes) {
      for (const entry of tree.rows(bits, prefix)) {
        const key = toHex(entry.key);
        const row = toHex(entry.row);
        const their = theirs.get(key);
        if (their === undefined) differences.push({ key, kind: 'only_here', row });
        else if (!sameHash(fromHex(their), entry.row)) differences.push({ key, kind: 'differs', row });
        theirs.delete(key);
      }
    }
    for (const key of theirs.keys()) differences.push({ key, kind: 'only_there', row: null });
    return differences;
  }

  /** The rows behind the given key hashes (absent ones are left out). */
  fetchRows(token: string, keyHashes: string[]): FetchedRow[] {
    const { tree, dataset, keysByHash } = this.session(token);
    const rows: FetchedRow[] = [];
    for (const hex of new Set(keyHashes)) {
      const leaf = tree.leafOf(fromHex(hex));
      for (const entry of tree.rows(tree.maxBits, leaf)) {
        if (toHex(entry.key) !== hex) continue;
        const fetched = keysByHash ? this.fetchByKey(dataset, keysByHash.get(hex)!) : this.fetchByRowid(dataset, entry.rowid);
        if (fetched) rows.push(fetched);
      }
    }
    return rows;
  }

  /** Current rows for the given keys (the confirmation pass re-reads them by key). */
  fetchByKeys(dataset: DatasetConfig, keys: unknown[][]): FetchedRow[] {
    return keys.flatMap((key) => this.fetchByKey(dataset, key) ?? []);
  }

  release(token: string): void {
    this.trees.delete(token);
  }

  close(): void {
    this.db.close();
  }

  /** Baseline for benchmarks: one full scan that hashes every row, as cheap as a full check can get. */
  fullScanHash(dataset: DatasetConfig): { rows: number; hash: string } {
    const tree = new MerkleTree(0);
    const statement = this.db
      .prepare(`SELECT ${[...dataset.key, ...dataset.columns].map(quote).join(', ')} FROM ${quote(dataset.table)}`)
      .raw()
      .safeIntegers(true);
    for (const row of statement.iterate() as Iterable<unknown[]>) {
      const key = row.slice(0, dataset.key.length);
      tree.add({ hi: 0, lo: 0 }, rowHash(key, row.slice(dataset.key.length)), 0);
    }
    return { rows: tree.rowCount, hash: toHex(tree.bucket(0, 0).hash) };
  }

  /** Baseline (a): every row's key and row hash, ordered by key. */
  allRowHashes(dataset: DatasetConfig): LeafRow[] {
    const statement = this.db
      .prepare(`SELECT ${[...dataset.key, ...dataset.columns].map(quote).join(', ')} FROM ${quote(dataset.table)} ORDER BY ${dataset.key.map(quote).join(', ')}`)
      .raw()
      .safeIntegers(true);
    const rows: LeafRow[] = [];
    for (const row of statement.iterate() as Iterable<unknown[]>) {
      const key = row.slice(0, dataset.key.length);
      rows.push({ key: JSON.stringify(key, (_k, value) => (typeof value === 'bigint' ? Number(value) : value)), row: toHex(rowHash(key, row.slice(dataset.key.length))) });
    }
    return rows;
  }

  /** Baseline (b), as pt-table-checksum does: the checksum of one key range (single-column keys). */
  chunkChecksum(dataset: DatasetConfig, from: unknown, to: unknown | null): { count: number; hash: string } {
    const key = quote(dataset.key[0]);
    const range = to === null ? `${key} >= ?` : `${key} >= ? AND ${key} < ?`;
    const statement = this.db
      .prepare(`SELECT ${[...dataset.key, ...dataset.columns].map(quote).join(', ')} FROM ${quote(dataset.table)} WHERE ${range}`)
      .raw()
      .safeIntegers(true);
    const tree = new MerkleTree(0);
    for (const row of statement.iterate(...(to === null ? [from] : [from, to])) as Iterable<unknown[]>) {
      tree.add({ hi: 0, lo: 0 }, rowHash(row.slice(0, 1), row.slice(1)), 0);
    }
    return { count: tree.rowCount, hash: toHex(tree.bucket(0, 0).hash) };
  }

  /** Baseline (b), second step: key and row hash of every row in a chunk that differed. */
  chunkRows(dataset: DatasetConfig, from: unknown, to: unknown | null): LeafRow[] {
    const key = quote(dataset.key[0]);
    const range = to === null ? `${key} >= ?` : `${key} >= ? AND ${key} < ?`;
    const statement = this.db
      .prepare(`SELECT ${[...dataset.key, ...dataset.columns].map(quote).join(', ')} FROM ${quote(dataset.table)} WHERE ${range}`)
      .raw()
      .safeIntegers(true);
    const rows: LeafRow[] = [];
    for (const row of statement.iterate(...(to === null ? [from] : [from, to])) as Iterable<unknown[]>) {
      rows.push({ key: String(row[0]), row: toHex(rowHash(row.slice(0, 1), row.slice(1))) });
    }
    return rows;
  }

  /** Every `size`-th key in key order: the chunk boundaries of baseline (b). */
  chunkBoundaries(dataset: DatasetConfig, size: number): unknown[] {
    const key = quote(dataset.key[0]);
    const rows = this.db
      .prepare(`SELECT ${key} FROM (SELECT ${key}, row_number() OVER (ORDER BY ${key}) AS n FROM ${quote(dataset.table)}) WHERE (n - 1) % ? = 0`)
      .raw()
      .all(size) as unknown[][];
    return rows.map((row) => row[0]);
  }

  private fetchByRowid(dataset: DatasetConfig, rowid: number): FetchedRow | undefined {
    const row = this.db
      .prepare(`SELECT ${[...dataset.key, ...dataset.columns].map(quote).join(', ')} FROM ${quote(dataset.table)} WHERE rowid = ?`)
      .raw()
      .get(rowid) as unknown[] | undefined;
    return row && this.toFetched(dataset, row);
  }

  private fetchByKey(dataset: DatasetConfig, key: unknown[]): FetchedRow | undefined {
    const where = dataset.key.map((column) => `${quote(column)} = ?`).join(' AND ');
    const row = this.db
      .prepare(`SELECT ${[...dataset.key, ...dataset.columns].map(quote).join(', ')} FROM ${quote(dataset.table)} WHERE ${where}`)
      .raw()
      .get(...(key as never[])) as unknown[] | undefined;
    return row && this.toFetched(dataset, row);
  }

  private toFetched(dataset: DatasetConfig, row: unknown[]): FetchedRow {
    const key = row.slice(0, dataset.key.length);
    const values = row.slice(dataset.key.length);
    return {
      keyHash: toHex(keyHash(key)),
      key,
      // The row as a reader sees it: key columns first, then the compared columns.
      values: Object.fromEntries([...dataset.key.map((column, index) => [column, key[index]]), ...dataset.columns.map((column, index) => [column, values[index]])]),
      rowHash: toHex(rowHash(key, values)),
    };
  }

  private keyIsUnique(dataset: DatasetConfig, columns: { name: string; pk: number }[]): boolean {
    const wanted = [...dataset.key].sort().join('\u0000');
    const primaryKey = columns
      .filter((column) => column.pk > 0)
      .map((column) => column.name)
      .sort()
      .join('\u0000');
    if (primaryKey === wanted) return true;
    const indexes = this.db.prepare('SELECT name FROM pragma_index_list(?) WHERE "unique" = 1').all(dataset.table) as { name: string }[];
    return indexes.some(({ name }) => {
      const indexed = (this.db.prepare('SELECT name FROM pragma_index_info(?)').all(name) as { name: string }[])
        .map((column) => column.name)
        .sort()
        .join('\u0000');
      return indexed === wanted;
    });
  }

  private withoutRowid(table: string): boolean {
    const row = this.db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').get(table) as { wr: number } | undefined;
    return row?.wr === 1;
  }

  private session(token: string) {
    const session = this.trees.get(token);
    if (!session) throw new Error(`no checksum session ${token} (expired or released)`);
    return session;
  }
}
