import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { parse, stringify } from 'yaml';
import { Simulation } from '@/sim';
import { parseYaml } from '@/lib/config/load';
import { Scenario } from '@/lib/config/scenario';
import { CLI, sleep, startCollect, type RunningCollector } from './harness/demo';
import { startPostgresMesh, type PgMesh } from './harness/postgres';
import { scrapeConfig, startPrometheus, type RunningTsdb } from './harness/tsdb';
import { get, until } from './harness/scale-out';

// Two regions, one `collect --region` agent each, sharing one PostgreSQL event store; a second
// agent for region a stands by, and takes over when the first dies. A dashboard reads it all back.
const REGIONS = ['a', 'b'];
const PASSWORD = 'events-secret-7e1f';

let dir: string;
let mesh: PgMesh;
let sim: Simulation;
let prometheus: RunningTsdb | undefined;
let dashboard: { url: string; process: ChildProcess; output: () => string } | undefined;
let eventsUrl: string;
const agents = new Map<string, RunningCollector>();
const everyOutput: (() => string)[] = [];

/** An agent's config: the simulation's, with its own working copy and the shared store. */
function agentConfig(name: string): string {
  const config = parse(readFileSync(join(dir, 'regionwatch.yaml'), 'utf8'));
  config.storage = { path: join(dir, `${name}.db`), url: eventsUrl, lease: '3s' };
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(config));
  return file;
}

async function startAgent(name: string, region: string): Promise<RunningCollector> {
  const agent = await startCollect(agentConfig(name), ['--region', region]);
  agents.set(name, agent);
  everyOutput.push(agent.output);
  return agent;
}

/** The shared store as the agents see it: database `events` on the harness's server. */
async function eventsQuery<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: mesh.node('events').url.replace(/\/app$/, '/events') });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Source keys of every row in a region's conflict log (the simulation's SQLite store). */
function logKeys(region: string): string[] {
  const db = new Database(sim.storePath(region), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT id FROM regionwatch_conflicts ORDER BY id').all() as { id: number }[]).map((row) => `log:${region}:${row.id}`);
  } finally {
    db.close();
  }
}

function localConflictKeys(name: string): string[] {
  const db = new Database(join(dir, `${name}.db`), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT source_key FROM conflicts').all() as { source_key: string }[]).map((row) => row.source_key);
  } finally {
    db.close();
  }
}

/** Sum of `regionwatch_conflicts_total` one agent exports. */
async function exportedConflicts(agent: RunningCollector): Promise<number> {
  const text = await (await fetch(agent.metricsUrl, { signal: AbortSignal.timeout(10_000) })).text();
  return text
    .split('\n')
    .filter((line) => /^regionwatch_conflicts_total\{/.test(line))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rw-shared-'));
  mesh = await startPostgresMesh(['events']);
  // A database of its own, owned by a login role with a password, as an operator would set it up.
  await mesh.node('events').query('CREATE DATABASE events');
  await mesh.createRole('rw', PASSWORD, ['ALTER DATABASE events OWNER TO rw']);
  eventsUrl = `postgres://rw:${PASSWORD}@127.0.0.1:${mesh.node('events').port}/events`;
  const scenario = parseYaml(`regions: [${REGIONS.join(', ')}]\nreplication: { delay: 100ms, jitter: 5ms }\nworkload: { writes_per_second: 30, conflict_ratio: 0.3, entities: 200 }\n`, Scenario);
  sim = new Simulation(scenario, { dataDir: dir });
  await sim.start();
  sim.writeConfig(join(dir, 'regionwatch.yaml'));
  await startAgent('agent-a', 'a');
  await startAgent('agent-b', 'b');
  const targets = [...agents.values()].map((agent) => new URL(agent.metricsUrl).host);
  prometheus = await startPrometheus(join(dir, 'prometheus'), scrapeConfig(targets));
  dashboard = await startDashboard(prometheus.url);
  everyOutput.push(dashboard.output);
});

after(async () => {
  dashboard?.process.kill('SIGTERM');
  for (const agent of agents.values()) agent.stop();
  await prometheus?.stop();
  await sleep(500);
  await sim?.stop();
  await mesh?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function startDashboard(backendUrl: string) {
  const config = parse(readFileSync(join(dir, 'regionwatch.yaml'), 'utf8'));
  config.prometheus = { url: backendUrl, timeout: '2s' };
  config.storage = { path: join(dir, 'dashboard.db'), url: eventsUrl };
  const file = join(dir, 'dashboard.yaml');
  writeFileSync(file, stringify(config));
  const child = spawn(process.execPath, [CLI, 'dashboard', '--config', file, '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await until('the dashboard listens', async () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1], 90_000);
  return { url, process: child, output: () => output };
}

test('the agents migrate the shared store once and each holds its own region’s cursors', async () => {
  const versions = await eventsQuery<{ version: number }>('SELECT version FROM regionwatch_event_schema ORDER BY version');
  assert.deepEqual(
    versions.map((row) => row.version),
    [1],
    'two agents starting together applied each step once',
  );
  const owners = await until('both agents hold their cursors', async () => {
    const rows = await eventsQuery<{ collector: string; region: string; owner: string }>(
      'SELECT collector, region, owner FROM regionwatch_event_cursors WHERE lease_until > now() ORDER BY collector, region',
    );
    return rows.length === 4 ? rows : undefined;
  });
  assert.deepEqual(
    owners.map((row) => `${row.collector}/${row.region}`),
    ['conflicts/a', 'conflicts/b', 'ownership/a', 'ownership/b'],
  );
  assert.notEqual(owners.find((row) => row.region === 'a')!.owner, owners.find((row) => row.region === 'b')!.owner, 'one instance per agent');
});

test('a second agent for region a stands by while the first holds its cursor, and takes over when it dies, from where it stopped', async () => {
  await until('conflicts from both regions reach the shared store', async () => {
    const rows = await eventsQuery<{ target_region: string; n: string }>('SELECT target_region, count(*) AS n FROM regionwatch_event_conflicts GROUP BY target_region');
    return rows.length === 2 && rows.every((row) => Number(row.n) >= 10) ? rows : undefined;
  });
  const standby = await startAgent('agent-a2', 'a');
  await until('the second agent says it stands by', async () => (/conflicts\/a is read by collector \S+; standing by/.test(standby.output()) ? true : undefined), 20_000);
  await sleep(2000);
  assert.deepEqual(localConflictKeys('agent-a2'), [], 'standing by, it read nothing');

  agents.get('agent-a')!.process.kill('SIGKILL');
  const atKill = Number((await eventsQuery<{ position: string }>("SELECT position FROM regionwatch_event_cursors WHERE collector = 'conflicts' AND region = 'a'"))[0].position);
  await until('the second agent takes over once the claim lapses', async () => (/this collector now reads conflicts\/a/.test(standby.output()) ? true : undefined), 20_000);
  await until('it collects region a', async () => (localConflictKeys('agent-a2').length > 0 ? true : undefined), 20_000);
  const ids = localConflictKeys('agent-a2').map((key) => Number(key.split(':').at(-1)));
  assert.ok(Math.min(...ids) > atKill - 1, `it resumed at the shared cursor (${atKill}), not from the start: first id read ${Math.min(...ids)}`);
});

test('every conflict is in the shared store once and counted once across the agents, through a crash, a takeover and restarts', async () => {
  // The dead agent comes back with its working copy: what it had not sent goes now, and it stands by.
  const back = await startAgent('agent-a', 'a');
  await until('the restarted agent stands by', async () => (/standing by/.test(back.output()) ? true : undefined), 20_000);
  // A clean restart of the agent now reading a: it gives up its claim, and takes it back.
  const current = agents.get('agent-a2')!;
  const before = await exportedConflicts(current);
  current.process.kill('SIGTERM');
  await new Promise((resolve) => current.process.once('exit', resolve));
  const restarted = await startAgent('agent-a2', 'a');
  assert.ok((await exportedConflicts(restarted)) >= before, 'its counts survive the restart');

  sim.pauseWorkload();
  await sleep(2000);
  const logs = Object.fromEntries(REGIONS.map((region) => [region, logKeys(region)]));
  const stored = await until(
    'the shared store holds every log row',
    async () => {
      const rows = await eventsQuery<{ source_key: string }>('SELECT source_key FROM regionwatch_event_conflicts');
      return rows.length >= logs.a.length + logs.b.length ? rows.map((row) => row.source_key) : undefined;
    },
    30_000,
  );
  assert.deepEqual([...stored].sort(), [...logs.a, ...logs.b].sort(), 'each log row once, nothing else');

  // Counted by whichever agent wrote it first: the three agents' counters add up to the logs.
  const running = [...agents.entries()].filter(([, agent]) => agent.process.exitCode === null && agent.process.signalCode === null);
  let perAgent: Record<string, number> = {};
  const sum = () => Object.values(perAgent).reduce((a, b) => a + b, 0);
  await until(
    'the exported counts add up to the logs',
    async () => {
      perAgent = Object.fromEntries(await Promise.all(running.map(async ([name, agent]) => [name, await exportedConflicts(agent)])));
      return sum() === stored.length ? true : undefined;
    },
    20_000,
  ).catch(() => undefined);
  assert.equal(sum(), stored.length, `counts per agent: ${JSON.stringify(perAgent)}; the logs hold ${stored.length}`);
});

test('the dashboard reads every agent’s conflicts back: lists, totals and drill-down from the shared store', async () => {
  const expected = logKeys('a').length + logKeys('b').length;
  type Page = { items: { id: number; source_region: string; target_region: string }[]; next_cursor: string | null };
  const items = await until(
    'the dashboard lists every conflict',
    async () => {
      const all: Page['items'] = [];
      let cursor: string | null = null;
      do {
        const { status, body }: { status: number; body: Page } = await get<Page>(`${dashboard!.url}/api/conflicts?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(status, 200);
        all.push(...body.items);
        cursor = body.next_cursor;
      } while (cursor);
      return all.length === expected ? all : undefined;
    },
    30_000,
  );
  assert.equal(new Set(items.map((item) => item.id)).size, expected, 'no conflict listed twice');
  assert.deepEqual([...new Set(items.map((item) => item.target_region))].sort(), REGIONS, 'both agents’ conflicts');
  const detail = await get<{ id: number; local_version: unknown; remote_version: unknown }>(`${dashboard!.url}/api/conflicts/${items[0].id}`);
  assert.equal(detail.status, 200);
  assert.ok(detail.body.local_version !== undefined && detail.body.remote_version !== undefined, 'both versions side by side');
  const health = await get<{ event_store?: { connected: boolean; pending: number } }>(`${dashboard!.url}/api/health`);
  assert.deepEqual([health.body.event_store?.connected, health.body.event_store?.pending], [true, 0]);
});

test('the store’s password appears in no output', () => {
  for (const output of everyOutput) assert.ok(!output().includes(PASSWORD), 'a password in the output');
  assert.ok(
    everyOutput.some((output) => output().includes('shared event store postgres://rw:***@')),
    'messages name the store without its password',
  );
});
