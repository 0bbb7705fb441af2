// Divergence check cost on 1M rows per region with k = 10 differences, side by side with
// (a) fetching every row's key and hash and (b) flat 1000-row chunks as pt-table-checksum
// does, and one full scan with hashing as the yardstick. Goal for ours at k = 10:
// ≤ 16 KiB moved, ≤ 8 round trips, wall time ≤ 2× one full scan.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ChecksumClient } from '@/collectors/merkle/client';
import { checkPair } from '@/collectors/merkle/check';

const ROWS = Number(process.env.BENCH_DIVERGENCE_ROWS ?? 1_000_000);
const K = 10;
const DATASET = { name: 'users', table: 'users', key: ['id'], columns: ['email', 'plan', 'updated_at'] };
const dir = mkdtempSync(join(tmpdir(), 'rw-bench-divergence-'));
const [pathA, pathB] = [join(dir, 'a.db'), join(dir, 'b.db')];

function prepare(): string[] {
  const db = new Database(pathA);
  db.pragma('journal_mode = DELETE');
  db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, plan TEXT, updated_at REAL NOT NULL)');
  const insert = db.prepare('INSERT INTO users VALUES (?, ?, ?, ?)');
  const plans = ['free', 'team', 'business', 'enterprise'];
  db.transaction(() => {
    for (let id = 1; id <= ROWS; id++) insert.run(id, `user${id}@example.com`, plans[id % 4], 1_790_000_000_000 + id);
  })();
  db.close();
  copyFileSync(pathA, pathB);
  const b = new Database(pathB);
  const changed: string[] = [];
  for (let index = 0; index < K; index++) {
    const id = 1 + Math.floor(((index + 1) * ROWS) / (K + 1));
    if (index % 3 === 0) b.prepare('DELETE FROM users WHERE id = ?').run(id);
    else b.prepare("UPDATE users SET plan = 'corrupted' WHERE id = ?").run(id);
    changed.push(String(id));
  }
  b.close();
  return changed;
}

const clients = () => [new ChecksumClient('a', pathA, 600_000), new ChecksumClient('b', pathB, 600_000)] as const;
const traffic = (a: ChecksumClient, b: ChecksumClient) => ({ bytes: a.traffic.bytes + b.traffic.bytes, requests: a.traffic.requests + b.traffic.requests });
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}

process.stderr.write(`divergence: writing ${ROWS.toLocaleString('en')} rows per region ...\n`);
const changed = prepare();
const rows: string[] = [];

let scanSeconds: number;
{
  const [a] = clients();
  await a.fullScanHash(DATASET); // warm the page cache for every approach alike
  const { seconds } = await timed(() => a.fullScanHash(DATASET));
  rows.push(`one full scan with hashing (one region)  ${seconds.toFixed(2).padStart(6)} s  ${'-'.padStart(12)}  ${'1'.padStart(5)}   yardstick`);
  await a.close();
  scanSeconds = seconds;
}
{
  const [a, b] = clients();
  const { result, seconds } = await timed(() => checkPair(a, b, DATASET, { fanout: 16, leafSize: 64 }));
  const found = result.entities.map((entity) => entity.key).sort();
  const exact = JSON.stringify(found) === JSON.stringify([...changed].sort());
  rows.push(
    `regionwatch (bucket trees + descent)     ${seconds.toFixed(2).padStart(6)} s  ${kib(result.stats.bytes).padStart(12)}  ${String(result.stats.roundTrips).padStart(5)}   ${found.length} rows named${exact ? ', exactly the changed ones' : ' (MISMATCH)'}; ${(seconds / scanSeconds).toFixed(2)}× one scan`,
  );
  await Promise.all([a.close(), b.close()]);
}
{
  const [a, b] = clients();
  const { result, seconds } = await timed(async () => {
    const [rowsA, rowsB] = await Promise.all([a.allRowHashes(DATASET), b.allRowHashes(DATASET)]);
    const byKey = new Map(rowsA.map((row) => [row.key, row.row]));
    let differing = 0;
    for (const row of rowsB) {
      if (byKey.get(row.key) !== row.row) differing++;
      byKey.delete(row.key);
    }
    return differing + byKey.size;
  });
  rows.push(`(a) every row's key and hash             ${seconds.toFixed(2).padStart(6)} s  ${kib(traffic(a, b).bytes).padStart(12)}  ${'1'.padStart(5)}   ${result} rows named`);
  await Promise.all([a.close(), b.close()]);
}
{
  const [a, b] = clients();
  const { result, seconds } = await timed(async () => {
    const boundaries = await a.chunkBoundaries(DATASET, 1000);
    let roundTrips = 1;
    const differing: [unknown, unknown][] = [];
    for (let index = 0; index < boundaries.length; index++) {
      const to = boundaries[index + 1] ?? null;
      const [chunkA, chunkB] = await Promise.all([a.chunkChecksum(DATASET, boundaries[index], to), b.chunkChecksum(DATASET, boundaries[index], to)]);
      roundTrips++;
      if (chunkA.hash !== chunkB.hash || chunkA.count !== chunkB.count) differing.push([boundaries[index], to]);
    }
    let named = 0;
    for (const [from, to] of differing) {
      const [rowsA, rowsB] = await Promise.all([a.chunkRows(DATASET, from, to), b.chunkRows(DATASET, from, to)]);
      roundTrips++;
      const byKey = new Map(rowsA.map((row) => [row.key, row.row]));
      for (const row of rowsB) {
        if (byKey.get(row.key) !== row.row) named++;
        byKey.delete(row.key);
      }
      named += byKey.size;
    }
    return { chunks: boundaries.length, differing: differing.length, named, roundTrips };
  });
  rows.push(
    `(b) flat 1000-row chunks (pt-table-checksum) ${seconds.toFixed(2).padStart(2)} s  ${kib(traffic(a, b).bytes).padStart(12)}  ${String(result.roundTrips).padStart(5)}   ${result.differing} of ${result.chunks} chunks differ, then ${result.named} rows named`,
  );
  await Promise.all([a.close(), b.close()]);
}

console.log(
  `\nDivergence check, ${ROWS.toLocaleString('en')} rows per region, k = ${K} (${Math.ceil(K / 3)} deleted, ${K - Math.ceil(K / 3)} changed); the two regions are scanned in parallel (one worker each)`,
);
console.log('approach                                  wall time   bytes moved  round trips');
for (const row of rows) console.log(row);
rmSync(dir, { recursive: true, force: true });
process.exit(0);
