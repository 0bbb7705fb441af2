import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimRegion } from '@/sim/region';
import { Replicator } from '@/sim/replicator';
import { until } from './harness/sim';
import { USERS_TABLE, writeUserPlan } from '@/sim/workload';

test('a region whose clock is 500 ms behind cannot take a row back in time: all regions end with the same users', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-lww-'));
  const [a, b, c] = ['a', 'b', 'c'].map((name) => new SimRegion(name, join(dir, `${name}.db`), [USERS_TABLE]));
  const replicator = new Replicator([a, b, c], { delayMs: () => 30, jitterMs: 0, random: Math.random });
  const users = (region: SimRegion) => region.db.prepare('SELECT * FROM users ORDER BY id').all();
  const planOf = (region: SimRegion, id: number) => (region.db.prepare('SELECT plan FROM users WHERE id = ?').get(id) as { plan: string }).plan;
  try {
    for (const region of [a, b, c]) {
      const insert = region.db.prepare("INSERT INTO users (id, email, plan, updated_at) VALUES (?, ?, 'free', 0)");
      region.withoutReplication(() => [1, 2, 3, 4, 5, 6, 7].forEach((id) => insert.run(id, `user${id}@example.com`)));
    }
    c.setClockOffset(-500);
    replicator.start();

    for (const id of [1, 2, 3, 4, 5, 6]) assert.ok(writeUserPlan(a, id, 'team'));
    // Before a's writes reach c, c's older writes win locally; a's newer ones replace them on arrival.
    for (const id of [4, 5, 6]) assert.ok(writeUserPlan(c, id, 'business'));
    await until(() => [1, 2, 3].every((id) => planOf(c, id) === 'team'), "a's writes to reach c");
    // Now c holds a's newer stamps, so its own writes (by its clock, 500 ms earlier) lose at once.
    for (const id of [1, 2, 3]) assert.equal(writeUserPlan(c, id, 'enterprise'), false, `c's write of user ${id} is shadowed`);
    assert.ok(writeUserPlan(c, 7, 'enterprise'), 'a write newer than the stored row still wins');
    await until(() => replicator.settled(), 'replication to drain');

    assert.deepEqual(users(b), users(a), 'b equals a');
    assert.deepEqual(users(c), users(a), 'c equals a');
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7].map((id) => planOf(c, id)),
      ['team', 'team', 'team', 'team', 'team', 'team', 'enterprise'],
    );
  } finally {
    replicator.stop();
    [a, b, c].forEach((region) => region.close());
    rmSync(dir, { recursive: true, force: true });
  }
});
