import type { DatasetConfig } from '@/lib/config/schema';
import type { CheckStats, DivergenceKind, DivergentEntity, UnsettledEntity } from '@/lib/domain/divergence';
import type { ChecksumSession } from './session';
import type { Bucket, FetchedRow, LeafDifference } from './sqlite-store';

export type { CheckStats, DivergenceKind, DivergentEntity, UnsettledEntity } from '@/lib/domain/divergence';

export interface CheckOptions {
  fanout: number;
  leafSize: number;
  /** Depth of the finest buckets, in bits of key hash (2^maxBits leaves). */
  maxBits?: number;
  /**
   * Waits until every region's writes from before `since` have landed in both regions of the
   * pair and returns the ordered pairs still in flight (empty: settled). Without it, every
   * candidate counts as divergent at once (tests of the descent alone).
   */
  settle?: (since: number) => Promise<string[]>;
  /** The ordered pairs still in flight since `since`, now, without waiting (for the last sighting). */
  inFlight?: (since: number) => string[];
  /** The collector's clock, for sighting times. */
  now?: () => number;
  onProgress?: (progress: { rows: number; buckets: number }) => void;
}

const DEFAULT_MAX_BITS = 20;
/** Sightings per candidate: a key written again between two is sighted anew, at most this often. */
const CONFIRMATION_PASSES = 3;

/**
 * Compares one dataset in two regions without copying either table: both stores hash their
 * rows into bucket trees in one scan each, the collector descends only into buckets whose
 * hashes differ, lists the rows of the differing leaves on one side, and lets the other
 * side answer with just the keys that differ. A candidate is divergent only once the writes
 * that were in flight when it was first seen have landed in both regions (see `settle`).
 */
export async function checkPair(a: ChecksumSession, b: ChecksumSession, dataset: DatasetConfig, options: CheckOptions): Promise<CheckResult> {
  const started = Date.now();
  const built = await buildTrees([a, b], dataset, options);
  try {
    const result = await compareBuilt(built[0], built[1], dataset, options);
    return { ...result, stats: { ...result.stats, roundTrips: result.stats.roundTrips + 1, bytes: result.stats.bytes + built[0].bytes + built[1].bytes, durationMs: Date.now() - started } };
  } finally {
    await releaseTrees(built);
  }
}

export interface BuiltTree {
  client: ChecksumSession;
  token: string;
  rows: number;
  buckets: Bucket[];
  /** Depth of the finest buckets the store keeps, when it chose one (SQL stores). */
  leafBits?: number;
  /** Bytes the build's answer moved. */
  bytes: number;
  /** How long the build (the scan) took. */
  buildMs: number;
}

/** Step 1, one scan per region, all regions in parallel: each store builds its bucket tree. */
export async function buildTrees(clients: ChecksumSession[], dataset: DatasetConfig, options: CheckOptions): Promise<BuiltTree[]> {
  const { step, maxBits } = geometry(options);
  const scanned = new Map<string, number>();
  const report = (region: string) => (rows: number) => {
    scanned.set(region, rows);
    options.onProgress?.({ rows: [...scanned.values()].reduce((sum, count) => sum + count, 0), buckets: 0 });
  };
  return Promise.all(
    clients.map(async (client) => {
      const before = client.traffic.bytes;
      const started = Date.now();
      const built = await client.build(dataset, maxBits, step, report(client.region));
      return { client, ...built, bytes: client.traffic.bytes - before, buildMs: Date.now() - started };
    }),
  );
}

export async function releaseTrees(built: BuiltTree[]): Promise<void> {
  await Promise.allSettled(built.map((tree) => tree.client.release(tree.token)));
}

function geometry(options: CheckOptions): { step: number; maxBits: number } {
  const step = Math.log2(options.fanout);
  if (!Number.isInteger(step) || step < 1) throw new Error(`fanout must be a power of two, got ${options.fanout}`);
  return { step, maxBits: Math.ceil((options.maxBits ?? DEFAULT_MAX_BITS) / step) * step };
}

export interface CheckResult {
  /** Settled divergence, sorted by key. */
  entities: DivergentEntity[];
  /** Candidates whose in-flight writes had not all landed by the end of the check. */
  unsettled: UnsettledEntity[];
  stats: CheckStats;
}

/** Steps 2+: descend into differing buckets of two built trees, list and confirm the differing rows. */
export async function compareBuilt(treeA: BuiltTree, treeB: BuiltTree, dataset: DatasetConfig, options: CheckOptions): Promise<CheckResult> {
  const started = Date.now();
  const [a, b] = [treeA.client, treeB.client];
  if (a.hashScheme !== b.hashScheme) {
    throw new Error(`${a.region} and ${b.region} hash rows differently (${a.hashScheme} vs ${b.hashScheme}); divergence checks compare stores of the same engine`);
  }
  const { step } = geometry(options);
  const maxBits = Math.min(geometry(options).maxBits, treeA.leafBits ?? Infinity, treeB.leafBits ?? Infinity);
  const before = a.traffic.bytes + b.traffic.bytes;
  // A step counts as a round trip only if a store was asked (SQL stores answer descents from memory).
  const requests = () => a.traffic.requests + b.traffic.requests;
  let roundTrips = 0;
  let bits = Math.min(step, maxBits);
  let buckets = differing(treeA.buckets, treeB.buckets);
  let bucketsCompared = treeA.buckets.length;
  let largest = Math.max(0, ...buckets.map((bucket) => bucket.count));
  while (buckets.length > 0 && bits < maxBits && largest > options.leafSize) {
    const childBits = Math.min(bits + step, maxBits);
    const prefixes = buckets.map((bucket) => bucket.prefix);
    const asked = requests();
    const [childrenA, childrenB] = await Promise.all([a.children(treeA.token, bits, prefixes, childBits, true), b.children(treeB.token, bits, prefixes, childBits, false)]);
    if (requests() > asked) roundTrips++;
    bucketsCompared += childrenA.length;
    options.onProgress?.({ rows: treeA.rows + treeB.rows, buckets: bucketsCompared });
    buckets = differing(childrenA, childrenB);
    largest = Math.max(0, ...buckets.map((bucket) => bucket.count));
    bits = childBits;
  }
  let differences: LeafDifference[] = [];
  if (buckets.length > 0) {
    const prefixes = buckets.map((bucket) => bucket.prefix);
    const rowsA = await a.leafRows(treeA.token, bits, prefixes);
    differences = await b.leafDiff(treeB.token, bits, prefixes, rowsA);
    roundTrips += 2;
  }
  const keyHashes = differences.map((difference) => difference.key);
  const [fetchedA, fetchedB] = keyHashes.length > 0 ? await Promise.all([a.fetchRows(treeA.token, keyHashes), b.fetchRows(treeB.token, keyHashes)]) : [[], []];
  if (keyHashes.length > 0) roundTrips++;
  const confirmed = await confirm(a, b, dataset, fetchedA, fetchedB, options);
  roundTrips += confirmed.roundTrips;
  return {
    entities: confirmed.entities,
    unsettled: confirmed.unsettled,
    stats: {
      rowsA: treeA.rows,
      rowsB: treeB.rows,
      bucketsCompared,
      roundTrips,
      bytes: a.traffic.bytes + b.traffic.bytes - before,
      durationMs: Date.now() - started,
      candidates: keyHashes.length,
    },
  };
}

/** Children whose hashes differ (a child absent on one side counts as empty there); counts are side A's. */
function differing(childrenA: Bucket[], childrenB: Bucket[]): Bucket[] {
  const hashesB = new Map(childrenB.map((child) => [child.prefix, child.hash]));
  const seen = new Set<number>();
  const out: Bucket[] = [];
  for (const child of childrenA) {
    seen.add(child.prefix);
    if (hashesB.get(child.prefix) !== child.hash) out.push(child);
  }
  for (const child of childrenB) if (!seen.has(child.prefix)) out.push({ ...child, count: 0 });
  return out;
}

/** Compares two sides' rows by key; returns what differs, keyed by key hash. */
export function compareRows(rowsA: FetchedRow[], rowsB: FetchedRow[]): Map<string, DivergentEntity> {
  const byKeyA = new Map(rowsA.map((row) => [row.keyHash, row]));
  const byKeyB = new Map(rowsB.map((row) => [row.keyHash, row]));
  const result = new Map<string, DivergentEntity>();
  for (const keyHash of new Set([...byKeyA.keys(), ...byKeyB.keys()])) {
    const rowA = byKeyA.get(keyHash);
    const rowB = byKeyB.get(keyHash);
    if (rowA && rowB && rowA.rowHash === rowB.rowHash) continue;
    const kind: DivergenceKind = !rowA ? 'missing_in_a' : !rowB ? 'missing_in_b' : 'differs';
    result.set(keyHash, {
      key: (rowA ?? rowB)!.key.map((part) => String(part)).join('/'),
      kind,
      a: rowA ? { hash: rowA.rowHash, row: plain(rowA.values) } : null,
      b: rowB ? { hash: rowB.rowHash, row: plain(rowB.values) } : null,
    });
  }
  return result;
}

/**
 * Settles candidates causally. A candidate first seen at T is divergent only once both
 * regions have applied a heartbeat stamped after T from every region (so every write in
 * flight at T has landed) and both sides still hold the rows seen at T. A side that changed
 * meanwhile is sighted anew at the re-read; one that now agrees was in flight. What has not
 * settled when the wait gives up stays unsettled: never reported as divergent.
 */
async function confirm(a: ChecksumSession, b: ChecksumSession, dataset: DatasetConfig, fetchedA: FetchedRow[], fetchedB: FetchedRow[], options: CheckOptions) {
  const now = options.now ?? Date.now;
  let candidates = compareRows(fetchedA, fetchedB);
  let keys = keysOf([...fetchedA, ...fetchedB], candidates);
  if (!options.settle) return { entities: sortByKey([...candidates.values()]), unsettled: [], roundTrips: 0 };
  let since = now();
  let waiting: string[] = [];
  const confirmed: DivergentEntity[] = [];
  let roundTrips = 0;
  for (let pass = 0; pass < CONFIRMATION_PASSES && keys.length > 0; pass++) {
    waiting = await options.settle(since);
    if (waiting.length > 0) break;
    const [againA, againB] = await Promise.all([a.fetchByKeys(dataset, keys), b.fetchByKeys(dataset, keys)]);
    roundTrips++;
    const again = compareRows(againA, againB);
    const resighted = new Map<string, DivergentEntity>();
    for (const [keyHash, entity] of again) {
      const previous = candidates.get(keyHash);
      if (previous && previous.a?.hash === entity.a?.hash && previous.b?.hash === entity.b?.hash) confirmed.push(entity);
      else resighted.set(keyHash, entity);
    }
    candidates = resighted;
    keys = keysOf([...againA, ...againB], candidates);
    since = now();
  }
  // Passes ran out on a fresh sighting: what it waits on is asked now, not carried from the last pass.
  if (waiting.length === 0 && candidates.size > 0) waiting = options.inFlight?.(since) ?? [];
  const unsettled = sortByKey([...candidates.values()]).map((entity) => ({ ...entity, firstSeenAt: since, waitingOn: waiting }));
  return { entities: sortByKey(confirmed), unsettled, roundTrips };
}

/** The distinct keys of `rows` that are still candidates. */
function keysOf(rows: FetchedRow[], candidates: Map<string, DivergentEntity>): unknown[][] {
  const seen = new Set<string>();
  const keys: unknown[][] = [];
  for (const row of rows) {
    if (seen.has(row.keyHash) || !candidates.has(row.keyHash)) continue;
    seen.add(row.keyHash);
    keys.push(row.key);
  }
  return keys;
}

const sortByKey = <T extends DivergentEntity>(entities: T[]): T[] => entities.sort((x, y) => x.key.localeCompare(y.key, 'en', { numeric: true }));

/** Row values as JSON-safe values (64-bit integers as numbers when exact, else strings). */
function plain(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([column, value]) => [column, typeof value === 'bigint' ? (Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()) : value]));
}
