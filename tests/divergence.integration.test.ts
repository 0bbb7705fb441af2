import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { CLI, startDemo, getJson, sleep, type RunningDemo } from './harness/demo';
import type { DivergenceEntities, DivergenceOverview } from '@/lib/api/types';
import type { SimTruth } from '@/sim/truth';

const SCENARIO = `
seed: 9
regions: [r1, r2, r3]
replication: { delay: 80ms, jitter: 10ms, pairs: { "r1->r3": 250ms } }
workload: { writes_per_second: 100, entities: 2000 }
collectors: { divergence: { interval: 3s } }
faults:
  - { at: 4s, kind: corrupt, region: r2, dataset: users, count: 7 }
`;

let demo: RunningDemo;
let truth: SimTruth;
let corruptedKeys: string[];
const observedChecks: DivergenceOverview['checks'] = [];

before(async () => {
  demo = await startDemo(SCENARIO);
  const deadline = Date.now() + 60_000;
  for (;;) {
    await sleep(500);
    truth = await getJson<SimTruth>(`${demo.url}/api/sim/truth`);
    const overview = await getJson<DivergenceOverview>(`${demo.url}/api/divergence`);
    observedChecks.push(...overview.checks);
    const corruptedAt = truth.faults[0].started_at;
    const checkedAfter = corruptedAt !== null && overview.checks.length === 3 && overview.checks.every((check) => check.checked_at > corruptedAt + 1000);
    if (checkedAfter || Date.now() > deadline) break;
  }
  corruptedKeys = truth.corrupted.flatMap((entry) => entry.keys).sort();
});

after(async () => {
  await demo?.stop();
});

const keysOf = (result: DivergenceEntities) => result.entities.map((entity) => entity.key).sort();

test('the demo lists the 7 corrupted keys in its truth', () => {
  assert.equal(corruptedKeys.length, 7);
  assert.deepEqual(
    truth.corrupted.map((entry) => [entry.dataset, entry.region]),
    [['users', 'r2']],
  );
});

test('/api/divergence reports exactly the corrupted keys on the pairs with r2, and nothing else', async () => {
  const overview = await getJson<DivergenceOverview>(`${demo.url}/api/divergence`);
  const count = (a: string, b: string) => overview.checks.find((check) => check.region_a === a && check.region_b === b)!.divergent_entities;
  assert.equal(count('r1', 'r2'), 7);
  assert.equal(count('r2', 'r3'), 7);
  assert.equal(count('r1', 'r3'), 0);
  for (const [a, b] of [
    ['r1', 'r2'],
    ['r2', 'r3'],
  ]) {
    const result = await getJson<DivergenceEntities>(`${demo.url}/api/divergence/users/entities?region_a=${a}&region_b=${b}`);
    assert.deepEqual(keysOf(result), corruptedKeys, `${a}-${b}`);
    for (const entity of result.entities) {
      assert.ok(entity.a || entity.b);
      if (entity.kind === 'differs') assert.notEqual(entity.a!.hash, entity.b!.hash);
    }
  }
  const swapped = await getJson<DivergenceEntities>(`${demo.url}/api/divergence/users/entities?region_a=r2&region_b=r1`);
  assert.deepEqual([swapped.region_a, swapped.region_b], ['r1', 'r2'], 'pairs are reported with region_a < region_b');
});

test('the live workload produced no false positives at any check', () => {
  const unaffected = observedChecks.filter((check) => check.region_a === 'r1' && check.region_b === 'r3');
  assert.ok(unaffected.length > 0);
  assert.ok(
    unaffected.every((check) => check.divergent_entities === 0),
    JSON.stringify(unaffected.filter((check) => check.divergent_entities > 0)),
  );
  const beforeCorruption = observedChecks.filter((check) => check.checked_at < truth.faults[0].started_at!);
  assert.ok(beforeCorruption.every((check) => check.divergent_entities === 0));
});

test('the divergence metrics say the same', async () => {
  const metrics = await (await fetch(`${demo.url}/metrics`)).text();
  assert.match(metrics, /^regionwatch_divergent_entities\{region_a="r1",region_b="r2",dataset="users"\} 7$/m);
  assert.match(metrics, /^regionwatch_divergent_entities\{region_a="r1",region_b="r3",dataset="users"\} 0$/m);
  assert.match(metrics, /^regionwatch_divergence_checks_diverged_total\{region_a="r1",region_b="r2",dataset="users"\} [1-9]/m);
  assert.match(metrics, /^regionwatch_divergence_check_duration_seconds\{dataset="users"\} /m);
});

const diff = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, 'diff', '--config', join(demo.dataDir, 'regionwatch.yaml'), ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });

test('regionwatch diff finds exactly the corrupted keys (exit 1) and nothing where there is nothing (exit 0)', () => {
  const divergent = diff('--dataset', 'users', '--regions', 'r1,r2', '--json');
  assert.equal(divergent.status, 1, divergent.stderr);
  assert.deepEqual(keysOf(JSON.parse(divergent.stdout) as DivergenceEntities), corruptedKeys);
  const identical = diff('--dataset', 'users', '--regions', 'r1,r3', '--json');
  assert.equal(identical.status, 0, identical.stderr);
  assert.deepEqual((JSON.parse(identical.stdout) as DivergenceEntities).entities, []);
  const human = diff('--dataset', 'users', '--regions', 'r2,r3');
  assert.equal(human.status, 1);
  assert.match(human.stdout, /users: r2 ↔ r3: 7 divergent/);

  // Named the other way round, the pair keeps the order given: region_a is the first region named.
  const reversed = diff('--dataset', 'users', '--regions', 'r2,r1', '--json');
  const forward = JSON.parse(divergent.stdout) as DivergenceEntities;
  const backward = JSON.parse(reversed.stdout) as DivergenceEntities;
  assert.deepEqual([backward.region_a, backward.region_b], ['r2', 'r1']);
  const flip = { missing_in_a: 'missing_in_b', missing_in_b: 'missing_in_a', differs: 'differs' } as const;
  assert.deepEqual(
    backward.entities.map((entity) => [entity.key, entity.kind, entity.a, entity.b]),
    forward.entities.map((entity) => [entity.key, flip[entity.kind], entity.b, entity.a]),
    'sides, rows and missing_in_* follow the order named',
  );
  assert.match(diff('--dataset', 'users', '--regions', 'r2,r1').stdout, /users: r2 ↔ r1: 7 divergent/);
});

test('a bad dataset fails with a clear error before any scan (exit 2)', () => {
  const config = parse(readFileSync(join(demo.dataDir, 'regionwatch.yaml'), 'utf8')) as { collectors: { divergence: { datasets: unknown[] } } };
  config.collectors.divergence.datasets = [
    { name: 'ghost', table: 'ghosts', key: ['id'], columns: ['name'] },
    { name: 'typo', table: 'users', key: ['id'], columns: ['emial'] },
    { name: 'notunique', table: 'users', key: ['plan'], columns: ['email'] },
  ];
  const file = join(demo.dataDir, 'bad.yaml');
  writeFileSync(file, stringify(config));
  const run = (dataset: string) => spawnSync(process.execPath, [CLI, 'diff', '--config', file, '--dataset', dataset], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  const cases: [string, RegExp][] = [
    ['ghost', /table "ghosts" does not exist/],
    ['typo', /column "emial" does not exist in table "users"/],
    ['notunique', /key \(plan\) is not unique in "users"/],
    ['nope', /--dataset: unknown dataset "nope"/],
  ];
  for (const [dataset, message] of cases) {
    const result = run(dataset);
    assert.equal(result.status, 2, `${dataset}: ${result.stdout}${result.stderr}`);
    assert.match(result.stderr, message);
  }
});
