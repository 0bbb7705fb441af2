import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYaml } from '@/lib/config/load';
import { Scenario } from '@/lib/config/scenario';
import { Simulation } from '@/sim/index';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('after the workload stops and replication drains, every region holds identical values', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-converge-'));
  const scenario = parseYaml(
    `
seed: 3
regions: [a, b, c]
replication: { delay: 60ms, jitter: 20ms, pairs: { "a->c": 200ms } }
workload: { writes_per_second: 400, conflict_ratio: 0.3, entities: 40, duration: 3s }
`,
    Scenario,
  );
  scenario.storage.path = join(dir, 'history.db');
  const sim = new Simulation(scenario, { dataDir: dir });
  await sim.start();
  try {
    // 3 s of writes, then replication drains and the operator works the manual queue (8 s delay).
    await sleep(13_000);
    const snapshot = (index: number) => sim.regions[index].db.prepare('SELECT entity_type, entity_key, value FROM entities ORDER BY entity_type, entity_key').all();
    const users = (index: number) => sim.regions[index].db.prepare('SELECT * FROM users ORDER BY id').all();
    const first = snapshot(0);
    assert.ok(first.length > 100, `${first.length} entities written`);
    assert.deepEqual(snapshot(1), first, 'b equals a');
    assert.deepEqual(snapshot(2), first, 'c equals a');
    assert.deepEqual(users(1), users(0), 'users converge too (LWW)');
    assert.deepEqual(users(2), users(0));

    const truth = sim.getTruth();
    assert.deepEqual(
      truth.divergent.filter((pair) => pair.keys.length > 0),
      [],
      'no real divergence without a corrupt fault',
    );
    const byResolution = new Map<string, number>();
    for (const row of truth.conflicts) byResolution.set(row.resolution, (byResolution.get(row.resolution) ?? 0) + row.count);
    for (const resolution of ['lww', 'crdt', 'merge', 'manual']) assert.ok((byResolution.get(resolution) ?? 0) > 0, `${resolution} conflicts happened`);
    // Every region's conflict log holds exactly what the truth counted for it.
    for (const region of sim.regions) {
      const logged = (region.db.prepare('SELECT count(*) AS n FROM regionwatch_conflicts').get() as { n: number }).n;
      const counted = truth.conflicts.filter((row) => row.target === region.name).reduce((sum, row) => sum + row.count, 0);
      assert.equal(logged, counted, region.name);
      const pending = (region.db.prepare('SELECT count(*) AS n FROM regionwatch_conflicts WHERE resolved_at IS NULL').get() as { n: number }).n;
      assert.equal(pending, 0, `${region.name}: the manual queue was worked off`);
    }
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
