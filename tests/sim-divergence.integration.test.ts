import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYaml } from '@/lib/config/load';
import { Scenario } from '@/lib/config/scenario';
import { differingKeys } from '@/sim/divergence';
import type { SimRegion } from '@/sim/region';
import { Simulation } from '@/sim/index';
import { until } from './harness/sim';
import { writeUserPlan } from '@/sim/workload';

test('differing keys: changed or one-sided rows, sorted numerically, unsettled keys left out', () => {
  const a = new Map([
    ['1', 'x'],
    ['2', 'x'],
    ['10', 'x'],
    ['9', 'x'],
    ['4', 'x'],
  ]);
  const b = new Map([
    ['1', 'x'],
    ['2', 'y'],
    ['9', 'y'],
    ['4', 'y'],
    ['30', 'x'],
  ]);
  assert.deepEqual(differingKeys(a, b, new Set(['4'])), ['2', '9', '10', '30']);
  assert.deepEqual(differingKeys(b, a, new Set(['4'])), ['2', '9', '10', '30']);
});

test('truth.divergent lists exactly the corrupted keys, and nothing for keys still in flight', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-truth-'));
  const scenario = parseYaml(
    `
seed: 5
regions: [b, a, c]
replication: { delay: 40ms, jitter: 0ms }
workload: { writes_per_second: 0, entities: 50 }
faults:
  - { at: 0s, kind: corrupt, region: b, dataset: users, count: 3 }
`,
    Scenario,
  );
  scenario.storage.path = join(dir, 'history.db');
  const sim = new Simulation(scenario, { dataDir: dir });
  const keysOf = (regionA: string, regionB: string) => sim.getTruth({ freshDivergence: true }).divergent.find((pair) => pair.region_a === regionA && pair.region_b === regionB)?.keys;
  const [b, a, c] = sim.regions;
  const planOf = (region: SimRegion, id: number) => (region.db.prepare('SELECT plan FROM users WHERE id = ?').get(id) as { plan: string }).plan;
  try {
    await sim.start();
    await until(() => sim.getTruth().corrupted.length === 1, 'the corrupt fault');
    // One row changed, one deleted, one inserted, all in b and none shipped.
    const corrupted = sim.getTruth().corrupted[0].keys.sort((x, y) => Number(x) - Number(y));
    assert.equal(corrupted.length, 3);
    assert.deepEqual(
      sim.getTruth({ freshDivergence: true }).divergent.map((pair) => `${pair.dataset} ${pair.region_a} ${pair.region_b}`),
      ['users a b', 'users a c', 'users b c'],
    );

    // User 5 changes in a and is held back from c: it differs for a while, but only in flight.
    sim.replicator.setStopped('a', 'c', true);
    assert.ok(writeUserPlan(a, 5, 'enterprise'));
    assert.deepEqual(keysOf('a', 'b'), corrupted, 'not yet shipped to b: in flight');
    assert.deepEqual(keysOf('a', 'c'), [], 'held back from c: in flight');
    await until(() => planOf(b, 5) === 'enterprise', 'user 5 to reach b');
    assert.deepEqual(keysOf('b', 'c'), corrupted, 'b and c differ on user 5 too, but it is still in flight into c');

    sim.replicator.setStopped('a', 'c', false);
    await until(() => sim.replicator.settled(), 'everything in flight to land');
    assert.equal(planOf(c, 5), 'enterprise');
    assert.deepEqual(keysOf('a', 'b'), corrupted);
    assert.deepEqual(keysOf('a', 'c'), []);
    assert.deepEqual(keysOf('b', 'c'), corrupted);
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
