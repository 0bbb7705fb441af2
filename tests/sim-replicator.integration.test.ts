import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimRegion, type ReplicatedTable } from '@/sim/region';
import { Replicator } from '@/sim/replicator';
import { sleep, until } from './harness/sim';
import { USERS_TABLE, writeUserPlan } from '@/sim/workload';
import { EntityStore, ENTITIES_TABLE } from '@/sim/entities/store';
import { likeCount, likes } from '@/sim/entities/types';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'rw-sim-'));
  const regions = ['a', 'b'].map((name) => new SimRegion(name, join(dir, `${name}.db`), [USERS_TABLE]));
  const replicator = new Replicator(regions, { delayMs: () => 150, jitterMs: 0, random: Math.random });
  replicator.start();
  const planOf = (region: SimRegion, id: number) => (region.db.prepare('SELECT plan FROM users WHERE id = ?').get(id) as { plan: string } | undefined)?.plan;
  const cleanup = () => {
    replicator.stop();
    regions.forEach((region) => region.close());
    rmSync(dir, { recursive: true, force: true });
  };
  return { regions, replicator, planOf, cleanup };
}

test('a change becomes visible in the other region after the delay, and is not shipped back', async () => {
  const {
    regions: [a, b],
    planOf,
    cleanup,
  } = setup();
  try {
    a.db.prepare("INSERT INTO users (id, email, plan, updated_at) VALUES (1, 'x@example.com', 'free', 0)").run();
    await sleep(80);
    assert.equal(planOf(b, 1), undefined, 'not yet visible at 80 ms');
    await sleep(150);
    assert.equal(planOf(b, 1), 'free', 'visible after 150 ms');
    assert.equal(b.changesAfter(0).length, 0, 'a replicated row is not captured again');
  } finally {
    cleanup();
  }
});

test('a stopped stream queues changes in order and drains them when resumed', async () => {
  const {
    regions: [a, b],
    replicator,
    planOf,
    cleanup,
  } = setup();
  try {
    replicator.setStopped('a', 'b', true);
    a.db.prepare("INSERT INTO users (id, email, plan, updated_at) VALUES (1, 'x@example.com', 'free', 0)").run();
    a.db.prepare("UPDATE users SET plan = 'team' WHERE id = 1").run();
    await sleep(300);
    assert.equal(planOf(b, 1), undefined);
    assert.equal(replicator.backlog('a', 'b'), 2);
    replicator.setStopped('a', 'b', false);
    await sleep(50);
    assert.equal(planOf(b, 1), 'team', 'the later update wins: order is kept');
    assert.equal(replicator.backlog('a', 'b'), 0);
  } finally {
    cleanup();
  }
});

test('deletes replicate too', async () => {
  const {
    regions: [a, b],
    planOf,
    cleanup,
  } = setup();
  try {
    a.db.prepare("INSERT INTO users (id, email, plan, updated_at) VALUES (7, 'y@example.com', 'free', 0)").run();
    await sleep(200);
    a.db.prepare('DELETE FROM users WHERE id = 7').run();
    await sleep(200);
    assert.equal(planOf(b, 7), undefined);
  } finally {
    cleanup();
  }
});

test("a region's clock offset lives in its store", () => {
  const {
    regions: [a],
    cleanup,
  } = setup();
  try {
    a.setClockOffset(-400);
    assert.equal(a.clockOffsetMs(), -400);
  } finally {
    cleanup();
  }
});

/** An op-based counter: each replicated row adds its delta on arrival, so applying one twice shows. */
const OPS_TABLE: ReplicatedTable = {
  name: 'ops',
  key: ['origin', 'seq'],
  columns: ['delta'],
  ddl: 'CREATE TABLE IF NOT EXISTS ops (origin TEXT NOT NULL, seq INTEGER NOT NULL, delta INTEGER NOT NULL, PRIMARY KEY (origin, seq))',
};

function openRegions(dir: string) {
  return ['a', 'b', 'c'].map((name) => {
    const region = new SimRegion(name, join(dir, `${name}.db`), [USERS_TABLE, ENTITIES_TABLE, OPS_TABLE]);
    region.db.exec('CREATE TABLE IF NOT EXISTS ops_received (total INTEGER NOT NULL); INSERT INTO ops_received SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM ops_received)');
    region.setApplyHook('ops', (row) => region.statement('UPDATE ops_received SET total = total + ?').run(row.delta));
    const entities = new EntityStore(region, 'regionwatch_conflicts', () => {});
    return { region, entities };
  });
}

test('stopped with changes in flight and started again on the same stores: everything lands, nothing twice', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-restart-'));
  const received = (region: SimRegion) => (region.db.prepare('SELECT total FROM ops_received').get() as { total: number }).total;
  const snapshot = (region: SimRegion) => ({
    users: region.db.prepare('SELECT * FROM users ORDER BY id').all(),
    entities: region.db.prepare('SELECT entity_type, entity_key, value, vv FROM entities ORDER BY entity_type, entity_key').all(),
  });
  let run = openRegions(dir);
  // Into c is slow, so c has applied nothing when the first run stops; a and b have applied everything.
  let replicator = new Replicator(
    run.map(({ region }) => region),
    { delayMs: (_source, target) => (target === 'c' ? 60_000 : 20), jitterMs: 0, random: Math.random },
  );
  const stopRun = () => {
    replicator.stop();
    run.forEach(({ region }) => region.close());
  };
  try {
    replicator.start();
    const deltas = { a: 1, b: 10, c: 100 };
    let writeId = 0;
    for (const { region, entities } of run) {
      region.db.prepare("INSERT INTO users (id, email, plan, updated_at) VALUES (1, 'x@example.com', 'free', 0) ON CONFLICT DO NOTHING").run();
      for (let seq = 1; seq <= 5; seq++) {
        region.db.prepare('INSERT INTO ops (origin, seq, delta) VALUES (?, ?, ?)').run(region.name, seq, deltas[region.name as keyof typeof deltas]);
        entities.write(likes, 'post-1', { id: String(++writeId), random: () => 0 });
      }
    }
    writeUserPlan(run[0].region, 1, 'team');
    const [a, b, c] = run.map(({ region }) => region);
    await until(() => received(a) === 550 && received(b) === 505, 'a and b to apply the first run');
    assert.equal(received(c), 0, 'c has applied nothing yet');
    stopRun();

    run = openRegions(dir);
    replicator = new Replicator(
      run.map(({ region }) => region),
      { delayMs: () => 20, jitterMs: 0, random: Math.random },
    );
    replicator.start();
    await until(() => replicator.settled(), 'the second run to drain');
    const regions = run.map(({ region }) => region);
    assert.deepEqual(regions.map(received), [550, 505, 55], 'every op applied exactly once');
    for (const { region, entities } of run) assert.equal(likeCount(entities.read('likes', 'post-1')!.value), 15, `${region.name}: every like counted`);
    assert.deepEqual(snapshot(regions[1]), snapshot(regions[0]), 'b equals a');
    assert.deepEqual(snapshot(regions[2]), snapshot(regions[0]), 'c equals a');
    await until(() => regions.every((region) => region.changesAfter(0).length === 0), 'changes applied everywhere to be forgotten');
  } finally {
    stopRun();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('changes every region applied before a stop are forgotten after the restart, even if the stop came before their deletion', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-forget-'));
  const regions = ['a', 'b'].map((name) => new SimRegion(name, join(dir, `${name}.db`), [USERS_TABLE]));
  const [a, b] = regions;
  const replicator = new Replicator(regions, { delayMs: () => 20, jitterMs: 0, random: Math.random });
  try {
    a.db.prepare("INSERT INTO users (id, email, plan, updated_at) VALUES (1, 'x@example.com', 'free', 1)").run();
    // b applied it (its cursor for a moved), but a never got to delete it: the state a stop can leave.
    b.applyReplicated(a.changesAfter(0), 'a');
    assert.equal(a.changesAfter(0).length, 1);
    replicator.start();
    await until(() => a.changesAfter(0).length === 0, 'the landed change to be forgotten');
  } finally {
    replicator.stop();
    regions.forEach((region) => region.close());
    rmSync(dir, { recursive: true, force: true });
  }
});
