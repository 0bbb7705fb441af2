import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, getJson, sleep, type RunningDemo } from './harness/demo';
import type { ConflictDetail, ConflictList, ConflictMatrix } from '@/lib/api/types';
import type { SimTruth } from '@/sim/truth';

const SCENARIO = `
seed: 5
regions: [r1, r2, r3]
replication: { delay: 60ms, jitter: 10ms, pairs: { "r1->r3": 150ms } }
workload: { writes_per_second: 150, conflict_ratio: 0.1, entities: 150, duration: 8s }
domains:
  - { name: billing, mode: active-passive, home: r1 }
collectors: { conflicts: { interval: 500ms } }
faults:
  - { at: 1s, kind: split_brain, domain: billing, regions: [r1, r2], duration: 5s }
`;

let demo: RunningDemo;
let truth: SimTruth;
let metrics: string;

const metricValues = (name: string) =>
  [...metrics.matchAll(new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`, 'gm'))].map((match) => ({
    labels: Object.fromEntries([...match[1].matchAll(/(\w+)="([^"]*)"/g)].map((label) => [label[1], label[2]])),
    value: Number(match[2]),
  }));

before(async () => {
  demo = await startDemo(SCENARIO);
  // Writes stop at 8 s; replication drains in < 1 s; the operator clears the manual queue 8 s after detection.
  const deadline = Date.now() + 60_000;
  for (;;) {
    await sleep(1000);
    truth = await getJson<SimTruth>(`${demo.url}/api/sim/truth`);
    metrics = await (await fetch(`${demo.url}/metrics`)).text();
    const pending = metricValues('regionwatch_conflicts_pending').reduce((sum, sample) => sum + sample.value, 0);
    const counted = metricValues('regionwatch_conflicts_total').reduce((sum, sample) => sum + sample.value, 0);
    const injected = truth.conflicts.reduce((sum, row) => sum + row.count, 0);
    if (Date.now() - truth.started_at > 20_000 && pending === 0 && counted === injected) break;
    if (Date.now() > deadline) break;
  }
});

after(async () => {
  await demo?.stop();
});

test('regionwatch_conflicts_total per pair and resolution equals what the demo injected', () => {
  const measured = new Map<string, number>();
  for (const { labels, value } of metricValues('regionwatch_conflicts_total')) {
    const key = `${labels.source_region}->${labels.target_region}:${labels.resolution}`;
    measured.set(key, (measured.get(key) ?? 0) + value);
  }
  const expected = new Map(truth.conflicts.map((row) => [`${row.source}->${row.target}:${row.resolution}`, row.count]));
  assert.ok(expected.size >= 12, `conflicts across pairs and resolutions: ${[...expected.keys()].join(', ')}`);
  assert.deepEqual(Object.fromEntries([...measured].sort()), Object.fromEntries([...expected].sort()));
  for (const resolution of ['lww', 'crdt', 'merge', 'manual'])
    assert.ok(
      truth.conflicts.some((row) => row.resolution === resolution),
      resolution,
    );
});

test('the manual queue was worked off and its resolution times were observed', () => {
  assert.ok(
    metricValues('regionwatch_conflicts_pending').every((sample) => sample.value === 0),
    'nothing pending',
  );
  const manual = metricValues('regionwatch_conflict_resolution_seconds_count').find((sample) => sample.labels.resolution === 'manual');
  assert.ok(manual && manual.value > 0, 'manual resolutions observed');
  const meanSeconds = (resolution: string) => {
    const of = (name: string) =>
      metricValues(name)
        .filter((sample) => sample.labels.resolution === resolution)
        .reduce((sum, sample) => sum + sample.value, 0);
    return of('regionwatch_conflict_resolution_seconds_sum') / of('regionwatch_conflict_resolution_seconds_count');
  };
  // Queued conflicts wait for the operator (or a later write that supersedes both); automatic ones resolve at once.
  assert.ok(meanSeconds('manual') > 1, `manual mean ${meanSeconds('manual')} s`);
  assert.ok(meanSeconds('lww') < 0.05, `lww mean ${meanSeconds('lww')} s`);
});

test('split-brain writes to an active-passive domain count as ownership violations', () => {
  const violations = metricValues('regionwatch_ownership_violations_total');
  assert.ok(violations.length > 0, 'violations exported');
  for (const { labels, value } of violations) {
    assert.deepEqual([labels.domain, labels.home_region, labels.write_region], ['billing', 'r1', 'r2']);
    assert.ok(value > 0);
  }
});

test('the list pages through every conflict exactly once, newest first', async () => {
  const injected = truth.conflicts.reduce((sum, row) => sum + row.count, 0);
  const seen = new Set<number>();
  let cursor: string | null = null;
  let previous = Infinity;
  do {
    const page: ConflictList = await getJson(`${demo.url}/api/conflicts?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    for (const item of page.items) {
      assert.ok(!seen.has(item.id), `conflict ${item.id} listed twice`);
      assert.ok(item.detected_at <= previous, 'newest first');
      previous = item.detected_at;
      seen.add(item.id);
    }
    cursor = page.next_cursor;
  } while (cursor);
  assert.equal(seen.size, injected);
});

test('filters return only matching conflicts', async () => {
  const page: ConflictList = await getJson(`${demo.url}/api/conflicts?source=r2&target=r3&resolution=crdt&limit=500`);
  assert.ok(page.items.length > 0);
  for (const item of page.items) assert.deepEqual([item.source_region, item.target_region, item.resolution], ['r2', 'r3', 'crdt']);
  const expected = truth.conflicts.find((row) => row.source === 'r2' && row.target === 'r3' && row.resolution === 'crdt')!.count;
  assert.equal(page.items.length, expected);
  const oldest: ConflictList = await getJson(`${demo.url}/api/conflicts?resolution=manual&order=oldest&limit=5`);
  for (let index = 1; index < oldest.items.length; index++) assert.ok(oldest.items[index].detected_at >= oldest.items[index - 1].detected_at);
});

test('a conflict shows both versions, the policy, the winner and the merged result', async () => {
  const [merged] = (await getJson<ConflictList>(`${demo.url}/api/conflicts?resolution=merge&limit=1`)).items;
  const detail = await getJson<ConflictDetail>(`${demo.url}/api/conflicts/${merged.id}`);
  assert.equal(detail.entity_type, 'profile');
  assert.ok(detail.local_version && detail.remote_version, 'both versions');
  assert.match(detail.policy, /field by field/);
  assert.equal(detail.winner, 'merged');
  assert.ok(detail.merged, 'merged result');
  assert.ok(detail.differing_fields.length > 0, 'the versions differ somewhere');
  const [manual] = (await getJson<ConflictList>(`${demo.url}/api/conflicts?resolution=manual&limit=1`)).items;
  const settled = await getJson<ConflictDetail>(`${demo.url}/api/conflicts/${manual.id}`);
  assert.equal(settled.pending, false);
  assert.ok(settled.resolved_at! > settled.detected_at);
});

test('the conflict matrix counts every ordered pair', async () => {
  const matrix = await getJson<ConflictMatrix>(`${demo.url}/api/conflicts/matrix?window=1h`);
  assert.equal(matrix.cells.length, 6);
  const total = matrix.cells.reduce((sum, cell) => sum + cell.count, 0);
  assert.equal(
    total,
    truth.conflicts.reduce((sum, row) => sum + row.count, 0),
  );
});

test('unknown and malformed conflict ids and parameters get a clear 4xx', async () => {
  const cases: [string, number, RegExp][] = [
    ['/api/conflicts/999999999', 404, /no conflict 999999999/],
    ['/api/conflicts/abc', 400, /id: "abc" is not a conflict id/],
    ['/api/conflicts?limit=0', 400, /limit/],
    ['/api/conflicts?resolution=coinflip', 400, /resolution/],
    ['/api/conflicts?cursor=bm9wZQ', 400, /cursor/],
    ['/api/conflicts/matrix?window=forever', 400, /window/],
    ['/api/conflicts/rate?points=1', 400, /points/],
  ];
  for (const [path, status, message] of cases) {
    const response = await fetch(`${demo.url}${path}`);
    const body = (await response.json()) as { error: { message: string } };
    assert.equal(response.status, status, path);
    assert.match(body.error.message, message, path);
  }
});

test('the conflict rate adds up to the conflicts in its range', async () => {
  const injected = truth.conflicts.reduce((sum, row) => sum + row.count, 0);
  const rate = (await getJson(`${demo.url}/api/conflicts/rate?from=${truth.started_at - 60_000}&to=${Date.now()}&points=60`)) as { step_seconds: number; points: [number, number][] };
  const total = rate.points.reduce((sum, [, perMinute]) => sum + (perMinute * rate.step_seconds) / 60, 0);
  assert.equal(Math.round(total), injected);
  assert.ok(rate.points.filter(([, perMinute]) => perMinute > 0).length >= 2, 'conflicts spread over several buckets');
});
