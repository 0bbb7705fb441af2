import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimRegion } from './region';
import { Replicator } from './replicator';
import { USERS_TABLE } from './workload';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'rw-sim-'));
  const regions = ['a', 'b'].map((name) => new SimRegion(name, join(dir, `${name}.db`), [USERS_TABLE]));
  const replicator = new Replicator(regions, { delayMs: () => 150, jitterMs: 0, random: Math.random });
  replicator.start();
  const planOf = (region: SimRegion, id: number) =>
    (region.db.prepare('SELECT plan FROM users WHERE id = ?').get(id) as { plan: string } | undefined)?.plan;
  const cleanup = () => {
    replicator.stop();
    regions.forEach((region) => region.close());
    rmSync(dir, { recursive: true, force: true });
  };
  return { regions, replicator, planOf, cleanup };
}

test('a change becomes visible in the other region after the delay, and is not shipped back', async () => {
  const { regions: [a, b], planOf, cleanup } = setup();
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
  const { regions: [a, b], replicator, planOf, cleanup } = setup();
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
  const { regions: [a, b], planOf, cleanup } = setup();
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
  const { regions: [a], cleanup } = setup();
  try {
    a.setClockOffset(-400);
    assert.equal(a.clockOffsetMs(), -400);
  } finally {
    cleanup();
  }
});
