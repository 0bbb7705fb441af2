import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { CollectorsConfig } from '@/lib/config/schema';
import { FakeClock, flushPromises } from '@/lib/domain/fake-clock';
import { pairKey } from '@/lib/domain/region';
import type { ReplicationFrontier } from '@/lib/domain/settlement';
import { DivergenceSignal } from '@/lib/signals/divergence';
import { SqliteAdapter } from './adapters/sqlite';
import { DivergenceCollector } from './divergence';
import type { CycleContext } from './types';

const dir = mkdtempSync(join(tmpdir(), 'rw-divergence-collector-'));
const opened: { collector: DivergenceCollector; stores: SqliteAdapter[] }[] = [];
after(async () => {
  for (const { collector, stores } of opened) {
    await collector.close();
    await Promise.all(stores.map((store) => store.close()));
  }
  rmSync(dir, { recursive: true, force: true });
});

const DATASET = { name: 'users', table: 'users', key: ['id'], columns: ['email', 'plan'] };
const SETTLE_TIMEOUT_MS = 5_000;
const POLL_MS = 100;
const CONFIG: CollectorsConfig['divergence'] = { interval: 60_000, datasets: [DATASET], fanout: 16, leaf_size: 8, settle_timeout: SETTLE_TIMEOUT_MS };
const ROWS = 40;

/** A frontier moved by hand: applied[source->target] = newest heartbeat of source applied in target. */
class HandFrontier implements ReplicationFrontier {
  private readonly applied = new Map<string, number | null>();
  /** How often the collector looked; > 0 once a candidate is waiting to settle. */
  consulted = 0;

  constructor(private readonly regions: string[]) {}

  sources(): readonly string[] {
    return this.regions;
  }

  appliedIn(target: string): Map<string, number | null> {
    this.consulted++;
    return new Map(this.regions.filter((source) => source !== target).map((source) => [source, this.applied.get(pairKey(source, target)) ?? null]));
  }

  set(source: string, target: string, at: number | null): void {
    this.applied.set(pairKey(source, target), at);
  }

  setAll(at: number | null): void {
    for (const source of this.regions) for (const target of this.regions) if (source !== target) this.set(source, target, at);
  }
}

/** One SQLite store per region holding the same `users` rows; `edit[region]` then changes that copy. */
function regionStores(name: string, regions: string[], edit: Record<string, (db: Database.Database) => void> = {}) {
  return regions.map((region) => {
    const path = join(dir, `${name}-${region}.db`);
    const db = new Database(path);
    db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, plan TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO users (id, email, plan) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let id = 1; id <= ROWS; id++) insert.run(id, `user${id}@example.com`, id % 3 === 0 ? 'team' : 'free');
    })();
    edit[region]?.(db);
    db.close();
    return { path, store: new SqliteAdapter(path, { region, timeoutMs: 10_000, heartbeatTable: 'regionwatch_heartbeat' }) };
  });
}

/** Writes to a region's copy while the collector runs, as a replicated write landing would. */
function writeTo(path: string, sql: string): void {
  const db = new Database(path);
  db.exec(sql);
  db.close();
}

function setup(name: string, regions: string[], edit: Record<string, (db: Database.Database) => void>) {
  const clock = new FakeClock(1_000_000);
  const frontier = new HandFrontier(regions);
  // Every region's writes are 5 s behind everywhere until a test moves the frontier.
  frontier.setAll(clock.now() - 5_000);
  const signal = new DivergenceSignal({ intervalMs: CONFIG.interval, frontier });
  const created = regionStores(name, regions, edit);
  const stores = created.map((entry) => entry.store);
  const collector = new DivergenceCollector(stores, { config: CONFIG, timeoutMs: 10_000, frontier, sink: signal, pollMs: POLL_MS, clock });
  opened.push({ collector, stores });
  const reports = new Map<string, { up: boolean; error: unknown }>();
  const context: CycleContext = { report: (region, up, error) => reports.set(region, { up, error }) };
  const paths = Object.fromEntries(regions.map((region, index) => [region, created[index].path]));
  return { clock, frontier, signal, collector, context, reports, paths };
}

/** Turns of the drive loop before a test gives up (a stuck cycle fails instead of hanging); a worker start takes ~15k. */
const MAX_ITERATIONS = 1_000_000;
/** Fake time a cycle may take: the settle budget, the last pair's minimum wait and slack. */
const MAX_FAKE_MS = SETTLE_TIMEOUT_MS * 4;

/**
 * Drives the fake clock until `done()`: time moves (one poll at a time) only while the
 * collector waits on the clock; while it waits on its workers' real I/O, the loop just yields.
 */
async function driveUntil(clock: FakeClock, done: () => boolean, what: string): Promise<void> {
  const startedAt = clock.now();
  for (let iteration = 0; !done(); iteration++) {
    if (iteration >= MAX_ITERATIONS || clock.now() - startedAt > MAX_FAKE_MS) assert.fail(`${what}: not reached after ${iteration} iterations, ${clock.now() - startedAt} fake ms`);
    if (clock.pending() > 0) await clock.advance(POLL_MS);
    else await flushPromises();
  }
}

/** Starts a cycle without awaiting it; `finish()` drives the clock until it resolves. */
function startCycle(setupResult: ReturnType<typeof setup>) {
  const { clock, collector, context } = setupResult;
  let finished = false;
  let failure: unknown;
  const cycle = collector.runCycle(context).then(
    () => {
      finished = true;
    },
    (error) => {
      failure = error;
      finished = true;
    },
  );
  return {
    /** Resolves once the collector is waiting for a sighting to settle (returns the latest possible sighting time). */
    async sighted(): Promise<number> {
      await driveUntil(clock, () => setupResult.frontier.consulted > 0 || finished, 'candidate sighting');
      assert.equal(finished, false, 'the cycle ended before any candidate waited to settle');
      return clock.now();
    },
    async finish(): Promise<void> {
      await driveUntil(clock, () => finished, 'cycle end');
      await cycle;
      if (failure) throw failure;
    },
  };
}

test('a row that differs while the frontier has not passed its sighting stays unsettled, never divergent', async () => {
  const env = setup('stuck', ['r1', 'r2'], { r2: (db) => db.exec("UPDATE users SET plan = 'enterprise' WHERE id = 7") });
  const started = env.clock.now();
  const cycle = startCycle(env);
  await cycle.finish();

  const [pair] = env.signal.snapshot(env.clock.now()).pairs;
  assert.equal(pair.verdict, 'in_flight');
  assert.equal(pair.divergentEntities, 0);
  assert.deepEqual(pair.entities, []);
  assert.equal(pair.unsettledEntities, 1);
  const [unsettled] = pair.unsettled;
  assert.equal(unsettled.key, '7');
  assert.equal(unsettled.kind, 'differs');
  assert.equal(unsettled.b?.row.plan, 'enterprise');
  assert.deepEqual(unsettled.waitingOn, ['r2->r1', 'r1->r2']);
  assert.ok(unsettled.firstSeenAt >= started && unsettled.firstSeenAt <= pair.checkedAt, 'sighted during the cycle');
  // The whole settle budget was spent waiting, on the fake clock.
  assert.ok(pair.checkedAt - started >= SETTLE_TIMEOUT_MS, `waited ${pair.checkedAt - started} ms`);
  assert.deepEqual(env.signal.snapshot(env.clock.now()).counts, [{ dataset: 'users', regionA: 'r1', regionB: 'r2', checks: 1, diverged: 0 }]);
  assert.deepEqual(env.signal.sliCounts(), { checks: 1, diverged: 0 });
  assert.deepEqual(
    [...env.reports].map(([region, report]) => [region, report.up]),
    [
      ['r1', true],
      ['r2', true],
    ],
  );
});

test("a third region's write that has not reached one side keeps the pair unsettled although the pair's own links are current", async () => {
  // r3 wrote row 7; it reached r2 but not r1.
  const rewrite = (db: Database.Database) => db.exec("UPDATE users SET email = 'moved@example.com' WHERE id = 7");
  const env = setup('third', ['r1', 'r2', 'r3'], { r2: rewrite, r3: rewrite });
  const cycle = startCycle(env);
  await cycle.sighted();
  await env.clock.advance(POLL_MS);
  env.frontier.setAll(env.clock.now());
  env.frontier.set('r3', 'r1', env.clock.now() - 60_000);
  await cycle.finish();

  const pairs = new Map(env.signal.snapshot(env.clock.now()).pairs.map((pair) => [`${pair.regionA}|${pair.regionB}`, pair]));
  const r1r2 = pairs.get('r1|r2')!;
  assert.equal(r1r2.verdict, 'in_flight');
  assert.equal(r1r2.divergentEntities, 0);
  assert.deepEqual(
    r1r2.unsettled.map((entity) => [entity.key, entity.kind, entity.waitingOn]),
    [['7', 'differs', ['r3->r1']]],
  );
  const r1r3 = pairs.get('r1|r3')!;
  assert.equal(r1r3.verdict, 'in_flight');
  // Sighted after the frontier was last moved, so every link waits; r3->r1 among them.
  assert.deepEqual(
    r1r3.unsettled.map((entity) => [entity.key, entity.waitingOn.includes('r3->r1')]),
    [['7', true]],
  );
  assert.equal(pairs.get('r2|r3')!.verdict, 'clean');
  assert.deepEqual(env.signal.sliCounts(), { checks: 3, diverged: 0 });
});

test('once the frontier passes the sighting, a row that still differs and was not rewritten is divergent', async () => {
  const env = setup('settled', ['r1', 'r2'], {
    r2: (db) => {
      db.exec("UPDATE users SET plan = 'enterprise' WHERE id = 7");
      db.exec('DELETE FROM users WHERE id = 12');
    },
  });
  const cycle = startCycle(env);
  await cycle.sighted();
  await env.clock.advance(POLL_MS);
  env.frontier.setAll(env.clock.now());
  await cycle.finish();

  const snapshot = env.signal.snapshot(env.clock.now());
  const [pair] = snapshot.pairs;
  assert.equal(pair.verdict, 'divergent');
  assert.deepEqual(
    pair.entities.map((entity) => [entity.key, entity.kind]),
    [
      ['7', 'differs'],
      ['12', 'missing_in_b'],
    ],
  );
  assert.equal(pair.entities[0].a?.row.plan, 'free');
  assert.equal(pair.entities[0].b?.row.plan, 'enterprise');
  assert.deepEqual(pair.unsettled, []);
  assert.deepEqual(snapshot.counts, [{ dataset: 'users', regionA: 'r1', regionB: 'r2', checks: 1, diverged: 1 }]);
  // Settled well inside the budget: it did not wait out the timeout.
  assert.ok(pair.checkedAt - 1_000_000 < SETTLE_TIMEOUT_MS, `took ${pair.checkedAt - 1_000_000} fake ms`);
});

test('once the frontier passes the sighting, a row that now agrees (the in-flight write landed) is neither divergent nor unsettled', async () => {
  const env = setup('landed', ['r1', 'r2'], { r2: (db) => db.exec("UPDATE users SET plan = 'enterprise' WHERE id = 7") });
  const cycle = startCycle(env);
  await cycle.sighted();
  writeTo(env.paths.r1, "UPDATE users SET plan = 'enterprise' WHERE id = 7");
  await env.clock.advance(POLL_MS);
  env.frontier.setAll(env.clock.now());
  await cycle.finish();

  const snapshot = env.signal.snapshot(env.clock.now());
  const [pair] = snapshot.pairs;
  assert.equal(pair.verdict, 'clean');
  assert.deepEqual(pair.entities, []);
  assert.deepEqual(pair.unsettled, []);
  assert.equal(pair.stats?.candidates, 1, 'the row was a candidate when first compared');
  assert.deepEqual(snapshot.counts, [{ dataset: 'users', regionA: 'r1', regionB: 'r2', checks: 1, diverged: 0 }]);
});

test('a row rewritten between sightings is sighted anew and stays unsettled while that write is in flight', async () => {
  const env = setup('rewritten', ['r1', 'r2'], { r2: (db) => db.exec("UPDATE users SET plan = 'enterprise' WHERE id = 7") });
  const cycle = startCycle(env);
  await cycle.sighted();
  writeTo(env.paths.r2, "UPDATE users SET plan = 'team' WHERE id = 7");
  await env.clock.advance(POLL_MS);
  const passedFirstSighting = env.clock.now();
  env.frontier.setAll(passedFirstSighting);
  await cycle.finish();

  const [pair] = env.signal.snapshot(env.clock.now()).pairs;
  assert.equal(pair.verdict, 'in_flight');
  assert.deepEqual(pair.entities, []);
  assert.deepEqual(
    pair.unsettled.map((entity) => [entity.key, entity.b?.row.plan, entity.waitingOn]),
    [['7', 'team', ['r2->r1', 'r1->r2']]],
  );
  assert.ok(pair.unsettled[0].firstSeenAt >= passedFirstSighting, 'the second sighting is the one waited on');
});

test('an in-flight verdict stops being current once the frontier passes its check; its age follows the clock', async () => {
  const env = setup('drained', ['r1', 'r2'], { r2: (db) => db.exec("UPDATE users SET plan = 'enterprise' WHERE id = 7") });
  await startCycle(env).finish();

  const first = env.signal.snapshot(env.clock.now()).pairs[0];
  assert.equal(first.verdict, 'in_flight');
  assert.equal(first.current, true);
  assert.equal(first.ageSeconds, 0);

  await env.clock.advance(1_500);
  env.frontier.setAll(first.checkedAt);
  const landedAtCheck = env.signal.snapshot(env.clock.now()).pairs[0];
  assert.equal(landedAtCheck.ageSeconds, 1.5);
  assert.equal(landedAtCheck.current, true, 'landed up to the check itself, not past it: still current');

  env.frontier.setAll(first.checkedAt + 1);
  env.frontier.set('r1', 'r2', first.checkedAt + 500);
  await env.clock.advance(2_000);
  const drained = env.signal.snapshot(env.clock.now()).pairs[0];
  assert.equal(drained.verdict, 'in_flight', 'the verdict itself stays until the next check');
  assert.equal(drained.current, false);
  assert.equal(drained.ageSeconds, 3.5);
});

test('a row rewritten at every sighting ends unsettled, naming the pairs its last sighting still waits on', async () => {
  const env = setup('churn', ['r1', 'r2'], { r2: (db) => db.exec("UPDATE users SET plan = 'enterprise' WHERE id = 7") });
  const cycle = startCycle(env);
  await cycle.sighted();
  for (let pass = 0; pass < 3; pass++) {
    writeTo(env.paths.r2, `UPDATE users SET plan = 'p${pass}' WHERE id = 7`);
    await env.clock.advance(POLL_MS);
    env.frontier.setAll(env.clock.now());
    // The next look at the frontier settles this sighting; the one after it starts waiting on the next.
    const seen = env.frontier.consulted;
    if (pass < 2) await driveUntil(env.clock, () => env.frontier.consulted >= seen + 2, `sighting ${pass + 2}`);
  }
  await cycle.finish();

  const [pair] = env.signal.snapshot(env.clock.now()).pairs;
  assert.equal(pair.verdict, 'in_flight');
  assert.deepEqual(
    pair.unsettled.map((entity) => [entity.key, entity.b?.row.plan]),
    [['7', 'p2']],
  );
  // The last sighting came after the frontier's last move: both links are still in flight for it.
  assert.deepEqual(pair.unsettled[0].waitingOn, ['r2->r1', 'r1->r2']);
});
