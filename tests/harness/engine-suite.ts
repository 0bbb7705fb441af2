import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, sleep, startCollect, type RunningCollector } from './demo';
import { openStore } from '@/collectors/adapters';
import { ConflictLogRow } from '@/collectors/conflicts';

/** What the shared end-to-end suite needs of a replicated engine (PostgreSQL mesh or MariaDB mesh). */
export interface EngineMesh {
  /** `url` is the superuser's store URL. */
  nodes: { name: string; port: number; url: string; query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> }[];
  pause(from: string, to: string): Promise<void>;
  resume(from: string, to: string): Promise<void>;
  kill(name: string): Promise<void>;
  stop(): Promise<void>;
}

export interface EngineSpec {
  engine: string;
  names: [string, string, string];
  start(names: string[]): Promise<EngineMesh>;
  /** Store URL of a node for the collector's user. */
  storeUrl(port: number, user: string, password: string): string;
  /** Statements (run as superuser on every node) creating the collector's user with the README's grants. */
  grants(user: string, password: string): string[];
  /** Upserts one row of `items` owned by `home`. */
  upsertItem(node: EngineMesh['nodes'][number], home: string, id: number, payload: string): Promise<void>;
  /** Changes a row on `node` only: replication is bypassed for the session. */
  corrupt(node: EngineMesh['nodes'][number], home: string, id: number, payload: string): Promise<void>;
  /** Appends a row to `node`'s conflict log, kept local. */
  logConflict(node: EngineMesh['nodes'][number], row: Record<string, unknown>): Promise<void>;
  /** Connects as `user` and tries to write to `items`; resolves with the error message (or null if the write worked). */
  tryWriteAs(node: EngineMesh['nodes'][number], user: string, password: string): Promise<string | null>;
}

const USER = 'regionwatch';
const PASSWORD = 'collector-Pw-5e3cret';
/** Rows the write load touches; the divergence test uses ids above it so the load never repairs them. */
const LOAD_IDS = 200;

/** Retries `probe` until it stops throwing; after `timeoutMs` its last error is the test's failure. */
async function eventually<T>(probe: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}

type Sample = { labels: Record<string, string>; value: number };
const samples = (body: string, name: string): Sample[] =>
  [...body.matchAll(new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`, 'gm'))].map((match) => ({
    labels: Object.fromEntries([...match[1].matchAll(/(\w+)="([^"]*)"/g)].map((label) => [label[1], label[2]])),
    value: Number(match[2]),
  }));

/**
 * The end-to-end suite every real engine passes: a three-node mesh with real replication, the
 * `regionwatch collect` CLI in its own process as a least-privilege user, a write load, and the
 * faults the engine really has (a paused subscription or replication connection, a row changed
 * with replication bypassed).
 */
export function defineEngineSuite(spec: EngineSpec): void {
  const [a, b, c] = spec.names;
  let mesh: EngineMesh;
  let dir: string;
  let configPath: string;
  let collector: RunningCollector;
  let metricsUrl: string;
  let loadRunning = true;
  let load: Promise<void>;
  const node = (name: string) => mesh.nodes.find((candidate) => candidate.name === name)!;
  const scrape = async () => (await fetch(metricsUrl, { signal: AbortSignal.timeout(5000) })).text();
  const lags = async () => {
    const body = await scrape();
    return new Map(samples(body, 'regionwatch_replication_lag_seconds').map((sample) => [`${sample.labels.source_region}->${sample.labels.target_region}`, sample.value]));
  };
  const pairs = spec.names.flatMap((source) => spec.names.filter((target) => target !== source).map((target) => `${source}->${target}`));

  before(async () => {
    mesh = await spec.start(spec.names);
    for (const each of mesh.nodes) for (const statement of spec.grants(USER, PASSWORD)) await each.query(statement);
    dir = mkdtempSync(join(tmpdir(), `rw-${spec.engine}-`));
    configPath = join(dir, 'regionwatch.yaml');
    writeFileSync(
      configPath,
      [
        'regions:',
        ...mesh.nodes.map((each) => `  - { name: ${each.name}, store: "${spec.storeUrl(each.port, USER, PASSWORD)}" }`),
        'collectors:',
        '  heartbeat: { interval: 100ms }',
        '  conflicts: { interval: 300ms }',
        '  divergence: { interval: 1h, datasets: [ { name: items, table: items, key: [home, id], columns: [payload] } ] }',
        `storage: { path: ${join(dir, 'history.db')} }`,
        '',
      ].join('\n'),
    );
    // A steady write load in every region, on rows each region owns.
    load = (async () => {
      let round = 0;
      while (loadRunning) {
        round++;
        await Promise.all(mesh.nodes.map((each) => spec.upsertItem(each, each.name, 1 + (round % LOAD_IDS), `v${round}`).catch(() => undefined)));
        await sleep(20);
      }
    })();
    collector = await startCollect(configPath);
    metricsUrl = collector.metricsUrl;
  });

  after(async () => {
    loadRunning = false;
    await load?.catch(() => undefined);
    collector?.stop();
    await mesh?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test(`${spec.engine}: lag for every ordered pair while a write load runs`, async () => {
    const measured = await eventually(async () => {
      const current = await lags();
      assert.deepEqual([...current.keys()].sort(), [...pairs].sort());
      for (const [pair, seconds] of current) assert.ok(seconds >= 0 && seconds < 1, `${pair}: ${seconds} s`);
      return current;
    }, 30_000);
    const body = await scrape();
    for (const name of spec.names) assert.match(body, new RegExp(`regionwatch_heartbeat_write_success\\{region="${name}"\\} 1`));
    for (const sample of samples(body, 'regionwatch_replication_lag_error_bound_seconds')) assert.ok(sample.value < 0.5, `error bound ${JSON.stringify(sample)}`);
    console.log(`${spec.engine} lag matrix (s): ${[...measured].map(([pair, seconds]) => `${pair} ${seconds.toFixed(3)}`).join(', ')}`);
  });

  test(`${spec.engine}: stopping one replication link raises exactly that pair's lag`, async () => {
    await mesh.pause(a, b);
    try {
      await sleep(4000);
      const current = await lags();
      assert.ok(current.get(`${a}->${b}`)! >= 3, `${a}->${b} after 4 s paused: ${current.get(`${a}->${b}`)}`);
      for (const pair of pairs.filter((pair) => pair !== `${a}->${b}`)) assert.ok(current.get(pair)! < 1, `${pair} stays low: ${current.get(pair)}`);
      const later = await eventually(async () => {
        const again = await lags();
        assert.ok(again.get(`${a}->${b}`)! > current.get(`${a}->${b}`)! + 0.5, 'the paused pair keeps rising');
        return again;
      }, 5000);
      assert.ok(later.get(`${a}->${b}`)! > 3);
    } finally {
      await mesh.resume(a, b);
    }
    await eventually(async () => assert.ok((await lags()).get(`${a}->${b}`)! < 1, 'recovers once resumed'), 30_000);
  });

  test(`${spec.engine}: a row changed with replication bypassed is found by regionwatch diff`, async () => {
    const id = LOAD_IDS + 1000;
    await spec.upsertItem(node(a), a, id, 'original');
    await eventually(async () => {
      for (const each of mesh.nodes) {
        const rows = await each.query<{ payload: string }>(`SELECT payload FROM items WHERE id = ${id}`);
        assert.equal(rows[0]?.payload, 'original', `${each.name} has the row`);
      }
    }, 20_000);
    await spec.corrupt(node(c), a, id, 'changed-by-hand');
    await sleep(1000);
    assert.equal((await node(a).query<{ payload: string }>(`SELECT payload FROM items WHERE id = ${id}`))[0].payload, 'original', 'the change did not replicate');

    const diverged = spawnSync(process.execPath, [CLI, 'diff', '--config', configPath, '--dataset', 'items', '--regions', `${a},${c}`, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
      timeout: 120_000,
    });
    assert.equal(diverged.status, 1, diverged.stderr);
    const report = JSON.parse(diverged.stdout) as { entities: { key: string; kind: string; a: { row: Record<string, unknown> } | null; b: { row: Record<string, unknown> } | null }[] };
    assert.deepEqual(
      report.entities.map((entity) => [entity.key, entity.kind]),
      [[`${a}/${id}`, 'differs']],
    );
    assert.equal(report.entities[0].a?.row.payload, 'original');
    assert.equal(report.entities[0].b?.row.payload, 'changed-by-hand');
    assert.doesNotMatch(diverged.stdout + diverged.stderr, new RegExp(PASSWORD));

    const same = spawnSync(process.execPath, [CLI, 'diff', '--config', configPath, '--dataset', 'items', '--regions', `${a},${b}`, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
      timeout: 120_000,
    });
    assert.equal(same.status, 0, `${same.stdout}\n${same.stderr}`);
  });

  test(`${spec.engine}: conflicts from the conflict-log table are counted`, async () => {
    const now = Date.now();
    const base = { entity_type: 'cart', local_region: b, remote_region: a, local_version: '{"v":1}', remote_version: '{"v":2}', local_ts: now - 50, remote_ts: now - 40 };
    await spec.logConflict(node(b), { ...base, entity_key: 'cart:1', detected_at: now, resolution: 'lww', winner: a, resolved_at: now + 5 });
    await spec.logConflict(node(b), { ...base, entity_key: 'cart:2', detected_at: now, resolution: 'lww', winner: b, resolved_at: now + 5 });
    await spec.logConflict(node(b), { ...base, entity_type: 'balance', entity_key: 'balance:9', detected_at: now, resolution: 'manual', winner: null, resolved_at: null });
    await eventually(async () => {
      const body = await scrape();
      const counted = samples(body, 'regionwatch_conflicts_total');
      const lww = counted.find((sample) => sample.labels.source_region === a && sample.labels.target_region === b && sample.labels.entity_type === 'cart' && sample.labels.resolution === 'lww');
      const manual = counted.find((sample) => sample.labels.entity_type === 'balance' && sample.labels.resolution === 'manual');
      assert.equal(lww?.value, 2);
      assert.equal(manual?.value, 1);
      assert.equal(
        counted.reduce((sum, sample) => sum + sample.value, 0),
        3,
      );
      assert.equal(samples(body, 'regionwatch_conflicts_pending').find((sample) => sample.labels.region === b)?.value, 1);
    }, 15_000);
  });

  test(`${spec.engine}: another system's conflict table is read through a configured query`, async () => {
    await node(b).query(
      `CREATE TABLE other_conflicts (conflict_id bigint PRIMARY KEY, at_ms double precision NOT NULL, kind varchar(32), ekey varchar(64), here varchar(32), there varchar(32), mine text, theirs text, how varchar(16))`,
    );
    for (const id of [7, 8, 9]) {
      await node(b).query(`INSERT INTO other_conflicts VALUES (${id}, ${Date.now()}, 'profile', 'user:${id}', '${b}', '${a}', '{"name":"x"}', '{"name":"y"}', 'merge')`);
    }
    const query = `SELECT conflict_id AS id, at_ms AS detected_at, kind AS entity_type, ekey AS entity_key, here AS local_region, there AS remote_region,
      mine AS local_version, theirs AS remote_version, how AS resolution FROM other_conflicts WHERE conflict_id > :after_id ORDER BY conflict_id LIMIT :limit`;
    const store = openStore(node(b).url, { region: b, timeoutMs: 5000, heartbeatTable: 'regionwatch_heartbeat', conflicts: { table: 'regionwatch_conflicts', query } });
    try {
      const rows = await store.readConflicts(7, 10);
      assert.deepEqual(
        rows.map((row) => ConflictLogRow.parse(row)).map((row) => [row.id, row.entity_key, row.resolution, row.remote_region]),
        [
          [8, 'user:8', 'merge', a],
          [9, 'user:9', 'merge', a],
        ],
      );
      assert.deepEqual(await store.readConflictStatus([8]), [], 'a mapped query has no status re-read');
    } finally {
      await store.close();
    }
  });

  test(`${spec.engine}: the collector's user cannot write to data tables, and its password never shows`, async () => {
    for (const each of mesh.nodes) {
      const refused = await spec.tryWriteAs(each, USER, PASSWORD);
      assert.ok(refused !== null, `${each.name}: the collector's user wrote to items`);
      assert.match(refused, /denied/i);
    }
    assert.doesNotMatch(collector.output(), new RegExp(PASSWORD));
    assert.doesNotMatch(await scrape(), new RegExp(PASSWORD));
    assert.match(await scrape(), new RegExp(`regionwatch_collector_up\\{collector="conflicts",region="${a}"\\} 1`));
  });

  // Last: it takes a region down for good.
  test(`${spec.engine}: a dead region never stalls the scrape or the other regions`, async () => {
    await mesh.kill(c);
    await eventually(async () => {
      const body = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(2000) })).text();
      assert.match(body, new RegExp(`regionwatch_collector_up\\{collector="heartbeat",region="${c}"\\} 0`));
      assert.match(body, new RegExp(`regionwatch_heartbeat_write_success\\{region="${c}"\\} 0`));
    }, 20_000);
    // The others keep being measured, fresh, through many scrapes while c is dead.
    for (let scrapeIndex = 0; scrapeIndex < 5; scrapeIndex++) {
      const body = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(2000) })).text();
      const live = new Map(samples(body, 'regionwatch_replication_lag_seconds').map((sample) => [`${sample.labels.source_region}->${sample.labels.target_region}`, sample.value]));
      assert.ok(live.get(`${a}->${b}`)! < 1 && live.get(`${b}->${a}`)! < 1, `a<->b still fresh: ${[...live].join(' ')}`);
      assert.match(body, new RegExp(`regionwatch_heartbeat_write_success\\{region="${a}"\\} 1`));
      await sleep(500);
    }
    assert.equal(collector.process.exitCode, null, 'the collector is still running');
    assert.doesNotMatch(collector.output(), new RegExp(PASSWORD));
  });
}
