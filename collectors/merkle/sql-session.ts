import type { DatasetConfig } from '@/lib/config/schema';
import type { ChecksumSession, Traffic } from './session';
import type { Bucket, FetchedRow, LeafDifference, LeafRow } from './sqlite-store';

/** How one SQL engine hashes rows and addresses buckets; everything here is evaluated by the server. */
export interface HashDialect {
  readonly scheme: string;
  ident(name: string): string;
  /** The key's 64-bit hash as an SQL integer (signed or unsigned; the bits are what count). */
  keyHash(key: readonly string[]): string;
  /** The 64-bit hash of the key and the compared columns, in the dataset's order. */
  rowHash(key: readonly string[], columns: readonly string[]): string;
  /**
   * The leaf of a key at depth `bits` (at most 24): the top bits of a hash of the key. It only
   * places rows, so it may be a cheaper hash than `keyHash`, which identifies them.
   */
  leaf(key: readonly string[], bits: number): string;
  /**
   * A bucket's hash: the XOR of its row hashes, as a 64-bit integer. (SQLite's worker sums
   * instead, so duplicate rows cannot cancel; here the key is unique — `validate` checks — so
   * two rows share a hash only by collision, and XOR is the cheapest aggregate a server has.)
   */
  aggregate(rowHash: string): string;
  /** `$n` or `?`. */
  placeholder(index: number): string;
  /** Rows the table holds, from statistics (cheap, approximate); the table name is parameter 1. */
  readonly estimateRows: string;
  /** The table's column names; parameter 1 is the table. */
  readonly columns: string;
  /** Column lists of the table's unique indexes (primary key included), one row per index and column. */
  readonly uniqueIndexes: string;
}

/** Runs a read-only query on the region's checksum connection. */
export type ReadQuery = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

const HASH_BYTES = 8;
const COUNT_BYTES = 4;
const FETCH_BATCH = 500;
const MIN_LEAF_BITS = 4;
const MAX_LEAF_BITS = 24;

const unsigned = (text: unknown) => BigInt.asUintN(64, BigInt(String(text)));
const hex = (value: bigint) => value.toString(16).padStart(16, '0');

interface Tree {
  dataset: DatasetConfig;
  leafBits: number;
  /** Leaf number → its row count and hash. */
  leaves: Map<number, { count: number; hash: bigint }>;
  /** Key hash (hex) → key values, learnt while listing leaf rows. */
  keys: Map<string, unknown[]>;
}

/**
 * A divergence check's store side on PostgreSQL or MySQL. The build is one `GROUP BY` scan
 * that returns only per-leaf row counts and hashes (never rows), kept here so the descent costs
 * the store nothing; listing a differing leaf is one more scan that returns just the rows of
 * those leaves; rows are then fetched by primary key. Queries run read-only, under the
 * checksum connection's statement timeout.
 */
export class SqlChecksumSession implements ChecksumSession {
  readonly traffic: Traffic = { bytes: 0, requests: 0 };
  private readonly trees = new Map<string, Tree>();
  private nextToken = 1;
  /** Set by `ready()`: some engines offer a faster hash only in some versions. */
  private dialect!: HashDialect;

  constructor(
    readonly region: string,
    private readonly resolveDialect: () => Promise<HashDialect>,
    private readonly query: ReadQuery,
    private readonly closeConnection: () => Promise<void>,
  ) {}

  get hashScheme(): string {
    return this.dialect?.scheme ?? 'unresolved';
  }

  private async ready(): Promise<void> {
    this.dialect ??= await this.resolveDialect();
  }

  async validate(dataset: DatasetConfig): Promise<string[]> {
    await this.ready();
    const columns = await this.ask(this.dialect.columns, [dataset.table], () => 0);
    if (columns.length === 0) return [`table "${dataset.table}" does not exist`];
    const known = new Set(columns.map((column) => String(column.name)));
    const problems = [...dataset.key, ...dataset.columns].filter((column) => !known.has(column)).map((column) => `column "${column}" does not exist in table "${dataset.table}"`);
    if (problems.length > 0) return problems;
    const indexes = new Map<string, string[]>();
    for (const row of await this.ask(this.dialect.uniqueIndexes, [dataset.table], () => 0)) {
      indexes.set(String(row.index_name), [...(indexes.get(String(row.index_name)) ?? []), String(row.column_name)]);
    }
    const wanted = [...dataset.key].sort().join('\u0000');
    if (![...indexes.values()].some((indexed) => indexed.sort().join('\u0000') === wanted)) {
      problems.push(`key (${dataset.key.join(', ')}) is not unique in "${dataset.table}": no PRIMARY KEY or UNIQUE index covers exactly these columns`);
    }
    return problems;
  }

  async build(dataset: DatasetConfig, maxBits: number, childBits: number, onProgress?: (rows: number) => void) {
    await this.ready();
    const [estimate] = await this.ask(this.dialect.estimateRows, [dataset.table], () => 8);
    const leafBits = chooseLeafBits(Number(estimate?.estimate ?? 0), maxBits, childBits);
    const { leaf, aggregate } = this.sql(dataset);
    // Per leaf: its number, row count and hash — 16 bytes, however many rows it holds.
    const rows = await this.ask(
      `SELECT ${leaf(leafBits)} AS leaf, COUNT(*) AS n, ${aggregate} AS h FROM ${this.dialect.ident(dataset.table)} GROUP BY 1`,
      [],
      (result) => result.length * (HASH_BYTES + COUNT_BYTES + 4),
    );
    const leaves = new Map<number, { count: number; hash: bigint }>();
    let total = 0;
    for (const row of rows) {
      const count = Number(row.n);
      leaves.set(Number(row.leaf), { count, hash: unsigned(row.h) });
      total += count;
    }
    onProgress?.(total);
    const token = String(this.nextToken++);
    this.trees.set(token, { dataset, leafBits, leaves, keys: new Map() });
    return { token, rows: total, leafBits, buckets: this.bucketsOf(this.tree(token), 0, [0], childBits) };
  }

  async children(token: string, bits: number, prefixes: number[], childBits: number): Promise<Bucket[]> {
    return this.bucketsOf(this.tree(token), bits, prefixes, childBits);
  }

  async leafRows(token: string, bits: number, prefixes: number[]): Promise<LeafRow[]> {
    return this.listLeaves(token, bits, prefixes);
  }

  async leafDiff(token: string, bits: number, prefixes: number[], other: LeafRow[]): Promise<LeafDifference[]> {
    const mine = await this.listLeaves(token, bits, prefixes);
    const theirs = new Map(other.map((entry) => [entry.key, entry.row]));
    const differences: LeafDifference[] = [];
    for (const { key, row } of mine) {
      const their = theirs.get(key);
      if (their === undefined) differences.push({ key, kind: 'only_here', row });
      else if (their !== row) differences.push({ key, kind: 'differs', row });
      theirs.delete(key);
    }
    for (const key of theirs.keys()) differences.push({ key, kind: 'only_there', row: null });
    return differences;
  }

  async fetchRows(token: string, keyHashes: string[]): Promise<FetchedRow[]> {
    const tree = this.tree(token);
    const keys = [...new Set(keyHashes)].map((keyHash) => tree.keys.get(keyHash)).filter((key): key is unknown[] => key !== undefined);
    return this.fetchByKeys(tree.dataset, keys);
  }

  async fetchByKeys(dataset: DatasetConfig, keys: unknown[][]): Promise<FetchedRow[]> {
    await this.ready();
    const fetched: FetchedRow[] = [];
    const { keyHash, rowHash } = this.sql(dataset);
    const width = dataset.key.length;
    const keyList = dataset.key.map((column) => this.dialect.ident(column)).join(', ');
    for (let start = 0; start < keys.length; start += FETCH_BATCH) {
      const batch = keys.slice(start, start + FETCH_BATCH);
      let index = 0;
      const tuples = batch.map(() => `(${dataset.key.map(() => this.dialect.placeholder(++index)).join(', ')})`).join(', ');
      const where = width === 1 ? `${keyList} IN (${batch.map((_, at) => this.dialect.placeholder(at + 1)).join(', ')})` : `(${keyList}) IN (${tuples})`;
      const rows = await this.ask(
        `SELECT ${keyHash} AS rw_kh, ${rowHash} AS rw_rh, ${[...dataset.key, ...dataset.columns].map((column) => this.dialect.ident(column)).join(', ')} FROM ${this.dialect.ident(dataset.table)} WHERE ${where}`,
        batch.flat(),
        (result) => result.reduce((sum, row) => sum + HASH_BYTES + Buffer.byteLength(JSON.stringify(Object.values(row).slice(2))), 0),
      );
      for (const row of rows) {
        const values = Object.fromEntries([...dataset.key, ...dataset.columns].map((column) => [column, row[column]]));
        fetched.push({ keyHash: hex(unsigned(row.rw_kh)), rowHash: hex(unsigned(row.rw_rh)), key: dataset.key.map((column) => row[column]), values });
      }
    }
    return fetched;
  }

  async release(token: string): Promise<void> {
    this.trees.delete(token);
  }

  async close(): Promise<void> {
    this.trees.clear();
    await this.closeConnection();
  }

  /** Benchmark baseline: one full scan that hashes every row (the cheapest possible whole-table check). */
  async fullScanHash(dataset: DatasetConfig): Promise<{ rows: number; hash: string }> {
    await this.ready();
    const { aggregate } = this.sql(dataset);
    const [row] = await this.ask(`SELECT COUNT(*) AS n, ${aggregate} AS h FROM ${this.dialect.ident(dataset.table)}`, [], () => HASH_BYTES + COUNT_BYTES);
    return { rows: Number(row.n), hash: hex(unsigned(row.h ?? 0)) };
  }

  /** Key hash and row hash of every row in the given buckets, one scan; keys are remembered for fetchRows. */
  private async listLeaves(token: string, bits: number, prefixes: number[]): Promise<LeafRow[]> {
    const tree = this.tree(token);
    if (prefixes.length === 0) return [];
    const { keyHash, rowHash, leaf } = this.sql(tree.dataset);
    const wanted = prefixes.map((prefix) => Math.trunc(prefix)).join(', ');
    const rows = await this.ask(
      `SELECT ${keyHash} AS rw_kh, ${rowHash} AS rw_rh, ${tree.dataset.key.map((column) => this.dialect.ident(column)).join(', ')} FROM ${this.dialect.ident(tree.dataset.table)} WHERE ${leaf(bits)} IN (${wanted})`,
      [],
      (result) => result.length * 2 * HASH_BYTES,
    );
    return rows.map((row) => {
      const key = hex(unsigned(row.rw_kh));
      tree.keys.set(
        key,
        tree.dataset.key.map((column) => row[column]),
      );
      return { key, row: hex(unsigned(row.rw_rh)) };
    });
  }

  private bucketsOf(tree: Tree, bits: number, prefixes: number[], childBits: number): Bucket[] {
    if (childBits > tree.leafBits) throw new Error(`buckets at depth ${childBits} asked of a tree ${tree.leafBits} bits deep`);
    const wanted = new Set(prefixes);
    const children = new Map<number, { count: number; hash: bigint }>();
    for (const [leaf, { count, hash }] of tree.leaves) {
      if (!wanted.has(Math.floor(leaf / 2 ** (tree.leafBits - bits)))) continue;
      const child = Math.floor(leaf / 2 ** (tree.leafBits - childBits));
      const bucket = children.get(child) ?? { count: 0, hash: 0n };
      bucket.count += count;
      bucket.hash ^= hash;
      children.set(child, bucket);
    }
    return [...children].sort((x, y) => x[0] - y[0]).map(([prefix, { count, hash }]) => ({ prefix, hash: hex(hash), count }));
  }

  private sql(dataset: DatasetConfig) {
    const keyHash = this.dialect.keyHash(dataset.key);
    const rowHash = this.dialect.rowHash(dataset.key, dataset.columns);
    return { keyHash, rowHash, aggregate: this.dialect.aggregate(rowHash), leaf: (bits: number) => this.dialect.leaf(dataset.key, bits) };
  }

  private tree(token: string): Tree {
    const tree = this.trees.get(token);
    if (!tree) throw new Error(`no checksum session ${token} (expired or released)`);
    return tree;
  }

  private async ask(sql: string, params: unknown[], size: (rows: Record<string, unknown>[]) => number) {
    const rows = await this.query(sql, params);
    this.traffic.requests++;
    this.traffic.bytes += size(rows);
    return rows;
  }
}

/**
 * Depth of the leaves. The build sends every leaf's hash (16 bytes) and a differing leaf sends
 * its rows' (16 bytes each), so leaves of about 512 rows keep both small — a few tens of KiB
 * for a million rows and ten differences — and fewer groups make the build's GROUP BY cheaper.
 * The table's size comes from statistics (cheap, approximate); a leaf that turns out larger
 * just lists a few more rows. Never shallower than one descent step, never deeper than `maxBits`.
 */
export function chooseLeafBits(estimatedRows: number, maxBits: number, stepBits: number, rowsPerLeaf = 512): number {
  const wanted = Math.ceil(Math.log2(Math.max(1, estimatedRows / rowsPerLeaf)));
  return Math.max(stepBits, MIN_LEAF_BITS, Math.min(maxBits, MAX_LEAF_BITS, wanted));
}
