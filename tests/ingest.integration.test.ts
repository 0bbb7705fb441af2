import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo, getJson, type RunningDemo } from './harness/demo';
import type { ConflictList, IngestResult } from '@/lib/api/types';

// No workload: every conflict in the store comes from this test's posts.
const SCENARIO = 'regions: [us-east, eu-west]\nworkload: { writes_per_second: 0 }\n';

const event = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  detected_at: 1_790_000_000_000,
  source_region: 'us-east',
  target_region: 'eu-west',
  entity_type: 'order',
  entity_key: `order-${id}`,
  resolution: 'lww',
  winner: 'us-east',
  local_version: { status: 'paid', total: 10 },
  remote_version: { status: 'shipped', total: 10 },
  ...overrides,
});

let demo: RunningDemo;
const dataDir = mkdtempSync(join(tmpdir(), 'rw-ingest-'));

before(async () => {
  demo = await startDemo(SCENARIO, { dataDir });
});

after(async () => {
  await demo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function post(body: string, contentType = 'application/json', query = ''): Promise<{ status: number; body: IngestResult & { error?: { message: string; details?: IngestResult } } }> {
  const response = await fetch(`${demo.url}/api/conflicts${query}`, { method: 'POST', body, headers: { 'content-type': contentType } });
  return { status: response.status, body: (await response.json()) as never };
}

test('a JSON array is stored; a bad event is reported by index and never drops the good ones', async () => {
  const { status, body } = await post(JSON.stringify([event('a1'), event('a2'), event('a3', { resolution: 'coinflip', detected_at: 'yesterday' })]));
  assert.equal(status, 202);
  assert.equal(body.accepted, 2);
  assert.equal(body.rejected.length, 1);
  assert.equal(body.rejected[0].index, 2);
  assert.deepEqual(body.rejected[0].errors.map((error) => error.field).sort(), ['detected_at', 'resolution']);
});

test('NDJSON works and a malformed line is reported by its index', async () => {
  const lines = [JSON.stringify(event('n1')), '{"id": "n2", broken', JSON.stringify(event('n3', { resolution: 'manual', winner: null }))].join('\n');
  const { status, body } = await post(lines, 'application/x-ndjson');
  assert.equal(status, 202);
  assert.equal(body.accepted, 2);
  assert.deepEqual(
    body.rejected.map((rejection) => rejection.index),
    [1],
  );
  assert.match(body.rejected[0].errors[0].message, /line 2 is not valid JSON/);
  const pending: ConflictList = await getJson(`${demo.url}/api/conflicts?resolution=manual&pending=true`);
  assert.deepEqual(
    pending.items.map((item) => item.entity_key),
    ['order-n3'],
    'a manual event without resolved_at is pending',
  );
});

test('all-or-nothing rejects the whole batch when one event is bad', async () => {
  const { status, body } = await post(JSON.stringify([event('x1'), event('x2', { source_region: 'mars' })]), 'application/json', '?atomic=true');
  assert.equal(status, 400);
  assert.deepEqual(body.error?.details?.rejected[0], { index: 1, errors: [{ field: 'source_region', message: 'unknown region "mars"' }] });
  const stored: ConflictList = await getJson(`${demo.url}/api/conflicts?limit=500`);
  assert.ok(!stored.items.some((item) => item.entity_key === 'order-x1'), 'the good event of an atomic batch was not stored');
});

test('posting the same events again is idempotent on event id', async () => {
  const { status, body } = await post(JSON.stringify([event('a1'), event('a2'), event('a4')]));
  assert.equal(status, 202);
  assert.deepEqual([body.accepted, body.duplicates], [1, 2]);
  const metrics = await (await fetch(`${demo.url}/metrics`)).text();
  const lww = /^regionwatch_conflicts_total\{source_region="us-east",target_region="eu-west",entity_type="order",resolution="lww"\} (\d+)$/m.exec(metrics);
  assert.equal(Number(lww?.[1]), 4, 'a1, a2, n1, a4 counted once each');
});

test('a 10 MB body gets 413, an empty or non-event body 400', async () => {
  const huge = JSON.stringify(Array.from({ length: 40_000 }, (_, index) => event(`big${index}`, { local_version: { pad: 'x'.repeat(200) } })));
  assert.ok(huge.length > 10_000_000);
  assert.equal((await post(huge)).status, 413);
  assert.equal((await post('')).status, 400);
  const wrongTypes = await post(JSON.stringify([{ ...event('t1'), entity_key: 42, detected_at: -5 }]));
  assert.equal(wrongTypes.status, 400);
  assert.deepEqual(wrongTypes.body.error?.details?.rejected[0].errors.map((error) => error.field).sort(), ['detected_at', 'entity_key']);
});

test('kill -9 right after a 202 loses nothing, and a restart counts nothing twice', async () => {
  const batch = Array.from({ length: 500 }, (_, index) => event(`k${index}`, { detected_at: 1_790_000_100_000 + index }));
  const { status, body } = await post(JSON.stringify(batch));
  assert.equal(status, 202);
  assert.equal(body.accepted, 500);
  demo.process.kill('SIGKILL');
  await new Promise((resolve) => demo.process.once('exit', resolve));

  demo = await startDemo(SCENARIO, { dataDir });
  const keys = new Set<string>();
  let cursor: string | null = null;
  do {
    const page: ConflictList = await getJson(`${demo.url}/api/conflicts?from=1790000100000&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    for (const item of page.items) keys.add(item.entity_key);
    cursor = page.next_cursor;
  } while (cursor);
  assert.equal(keys.size, 500, 'every acknowledged event survived');
  const again = await post(JSON.stringify(batch));
  assert.deepEqual([again.body.accepted, again.body.duplicates], [0, 500]);
  const metrics = await (await fetch(`${demo.url}/metrics`)).text();
  const lww = /^regionwatch_conflicts_total\{source_region="us-east",target_region="eu-west",entity_type="order",resolution="lww"\} (\d+)$/m.exec(metrics);
  assert.equal(Number(lww?.[1]), 504, 'counts survive the restart and are not doubled');
});
