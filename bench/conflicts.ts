// Conflict ingest throughput (events/s until durable, over HTTP) and conflict-list query
// latency with 1M conflicts stored.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { ConflictStore, type ConflictRecord } from '@/lib/store/conflicts';
import { openEmbeddedDb } from '@/lib/store/db';
import { listConflicts, type ConflictFilter } from '@/lib/store/conflict-queries';
import type { Resolution } from '@/lib/api/types';
import { quantile } from './stats';

const REGIONS = ['us-east', 'us-west', 'eu-west', 'ap-south'];
const TYPES = ['profile', 'likes', 'cart', 'balance', 'session'];
const RESOLUTIONS: Resolution[] = ['merge', 'crdt', 'crdt', 'manual', 'lww'];
const TOTAL = Number(process.env.BENCH_CONFLICTS ?? 1_000_000);

function syntheticConflict(index: number, start: number, spanMs: number): ConflictRecord {
  const source = REGIONS[index % 4];
  const target = REGIONS[(index + 1 + ((index >> 2) % 3)) % 4];
  const type = index % 5;
  const detectedAt = start + Math.floor((index / TOTAL) * spanMs);
  return {
    sourceKey: `bench:${index}`,
    origin: 'ingest',
    detectedAt,
    sourceRegion: source,
    targetRegion: target,
    entityType: TYPES[type],
    entityKey: String(index % 50_000),
    resolution: RESOLUTIONS[type],
    winner: source,
    localVersion: '{"plan":"team","seats":4}',
    remoteVersion: '{"plan":"business","seats":4}',
    localTs: detectedAt - 40,
    remoteTs: detectedAt - 35,
    merged: null,
    resolvedAt: RESOLUTIONS[type] === 'manual' && index % 97 === 0 ? null : detectedAt,
  };
}

async function ingestOverHttp(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rw-bench-ingest-'));
  const child = spawn(process.execPath, ['bin/regionwatch.js', 'demo', '--port', '0', '--data', dir, '--scenario', 'bench/ingest-scenario.yaml'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.on('exit', () => reject(new Error(output)));
  });
  try {
    for (const batchSize of [1, 100, 1000]) {
      const batches = batchSize === 1 ? 500 : batchSize === 100 ? 100 : 40;
      const started = performance.now();
      for (let batch = 0; batch < batches; batch++) {
        const events = Array.from({ length: batchSize }, (_, index) => {
          const record = syntheticConflict(batch * batchSize + index, Date.now(), 1);
          return {
            id: `${batchSize}-${batch}-${index}`,
            detected_at: record.detectedAt,
            source_region: 'us-east',
            target_region: 'eu-west',
            entity_type: record.entityType,
            entity_key: record.entityKey,
            resolution: record.resolution,
            winner: 'us-east',
            local_version: { plan: 'team' },
            remote_version: { plan: 'business' },
          };
        });
        const response = await fetch(`${url}/api/conflicts`, { method: 'POST', body: JSON.stringify(events), headers: { 'content-type': 'application/json' } });
        if (response.status !== 202) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
      }
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `ingest over HTTP, batches of ${String(batchSize).padStart(4)}: ${Math.round((batches * batchSize) / seconds).toLocaleString('en')} events/s until durable (202 after fsync), ${((seconds / batches) * 1000).toFixed(1)} ms per request`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    rmSync(dir, { recursive: true, force: true });
  }
}

function listLatency(): void {
  const dir = mkdtempSync(join(tmpdir(), 'rw-bench-list-'));
  const db = openEmbeddedDb(join(dir, 'history.db'));
  const store = new ConflictStore(db);
  const start = Date.now() - 30 * 86_400_000;
  const loadStarted = performance.now();
  for (let offset = 0; offset < TOTAL; offset += 20_000) {
    store.add(Array.from({ length: Math.min(20_000, TOTAL - offset) }, (_, index) => syntheticConflict(offset + index, start, 30 * 86_400_000)));
  }
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  console.log(
    `\nloaded ${TOTAL.toLocaleString('en')} conflicts in ${loadSeconds.toFixed(1)} s (${Math.round(TOTAL / loadSeconds).toLocaleString('en')} rows/s in batches of 20k); database ${(statSync(join(dir, 'history.db')).size / 2 ** 20).toFixed(0)} MiB`,
  );
  const newest = listConflicts(db, {}, { limit: 50, order: 'newest' });
  const deepCursor = (() => {
    let after = newest.last!;
    for (let page = 0; page < 100; page++) after = listConflicts(db, {}, { limit: 50, order: 'newest', after }).last!;
    return after;
  })();
  const cases: [string, ConflictFilter, { after?: { detectedAt: number; id: number }; order?: 'newest' | 'oldest' }][] = [
    ['newest 50, no filter', {}, {}],
    ['page 101 via cursor', {}, { after: deepCursor }],
    ['pair us-east → eu-west', { source: 'us-east', target: 'eu-west' }, {}],
    ['pair + resolution lww', { source: 'us-east', target: 'eu-west', resolution: 'lww' }, {}],
    ['entity type cart, last 24 h', { entityType: 'cart', from: Date.now() - 86_400_000 }, {}],
    ['manual queue, pending, oldest first', { resolution: 'manual', pending: true }, { order: 'oldest' }],
  ];
  console.log('query (limit 50)                         p50        p95');
  for (const [name, filter, page] of cases) {
    const times: number[] = [];
    for (let run = 0; run < 60; run++) {
      const started = performance.now();
      listConflicts(db, filter, { limit: 50, order: page.order ?? 'newest', after: page.after });
      times.push(performance.now() - started);
    }
    console.log(`${name.padEnd(38)} ${quantile(times, 0.5).toFixed(2).padStart(7)} ms ${quantile(times, 0.95).toFixed(2).padStart(7)} ms`);
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
}

await ingestOverHttp();
listLatency();
process.exit(0);
