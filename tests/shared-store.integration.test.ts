import assert from 'node:assert/strict';
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
import { sleep, startCollect, startServe, type RunningCollector, type RunningServer } from './harness/demo';
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
let dashboard: RunningServer | undefined;
let eventsUrl: string;
const agents = new Map<string, RunningCollector>();
const everyOutput: (() => string)[] = [];

/** An agent's config: the simulation's, with its own working copy and the shared store. */
function agentConfig(name: string): string {
  const config = parse(readFileSync(join(dir, 'regionwatch.yaml'), 'utf8'));
  config.storage = { path: join(dir, `${name}.db`), url: eventsUrl, lease: '3s' };
  config.collectors.divergence.interval = '2s';
  config.collectors.probes = { interval: '250ms', timeout: '500ms' };
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

async function scrape(agent: RunningCollector): Promise<string[]> {
  return (await (await fetch(agent.metricsUrl, { signal: AbortSignal.timeout(10_000) })).text()).split('\n');
}

/** Sum of `regionwatch_conflicts_total` one agent exports. */
async function exportedConflicts(agent: RunningCollector): Promise<number> {
  return (await scrape(agent)).filter((line) => /^regionwatch_conflicts_total\{/.test(line)).reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/** The label values of every series of `metric` an agent exports. */
async function exportedLabels(agent: RunningCollector, metric: string, label: string): Promise<string[]> {
  const pattern = new RegExp(`^${metric}\\{[^}]*${label}="([^"]*)"`);
  return (await scrape(agent)).flatMap((line) => pattern.exec(line)?.[1] ?? []).sort();
}

function instanceOf(name: string): string {
  const db = new Database(join(dir, `${name}.db`), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT id FROM instance').get() as { id: string }).id;
  } finally {
    db.close();
  }
}

/** The instance holding the checks that span every region now, if any. */
async function globalHolder(): Promise<string | undefined> {
  const rows = await eventsQuery<{ owner: string }>("SELECT owner FROM regionwatch_event_cursors WHERE collector = 'global-checks' AND lease_until > now()");
  return rows[0]?.owner;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rw-shared-'));
  // Durable commits: the store is crashed mid-test, and what it acknowledged must survive.
  mesh = await startPostgresMesh(['events'], { durable: true });
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
  return startServe('dashboard', file);
}

test('the agents migrate the shared store once and each holds its own region’s cursors', async () => {
  const versions = await eventsQuery<{ version: number }>('SELECT version FROM regionwatch_event_schema ORDER BY version');
  assert.deepEqual(
    versions.map((row) => row.version),
    [1, 2],
    'two agents starting together applied each step once',
  );
  const owners = await until('both agents hold their cursors', async () => {
    const rows = await eventsQuery<{ collector: string; region: string; owner: string }>(
      'SELECT collector, region, owner FROM regionwatch_event_cursors WHERE lease_until > now() ORDER BY collector, region',
    );
    return rows.length === 5 ? rows : undefined;
  });
  assert.deepEqual(
    owners.map((row) => `${row.collector}/${row.region}`),
    ['conflicts/a', 'conflicts/b', 'global-checks/all', 'ownership/a', 'ownership/b'],
  );
  assert.notEqual(owners.find((row) => row.region === 'a')!.owner, owners.find((row) => row.region === 'b')!.owner, 'one instance per agent');
  const global = owners.find((row) => row.collector === 'global-checks')!.owner;
  assert.ok([instanceOf('agent-a'), instanceOf('agent-b')].includes(global), 'one of the two agents runs the checks that span every region');
});

test('one agent runs the checks that span every region: it alone exports them, and the dashboard reads their results back', async () => {
  const holder = await until('an agent holds the global checks', globalHolder);
  const [runs, idle] = instanceOf('agent-a') === holder ? ['agent-a', 'agent-b'] : ['agent-b', 'agent-a'];
  const [running, standing] = [agents.get(runs)!, agents.get(idle)!];
  await until('the holder probes both regions', async () => ((await exportedLabels(running, 'regionwatch_probes_total', 'region')).length === 2 ? true : undefined), 20_000);
  assert.deepEqual(await exportedLabels(standing, 'regionwatch_region_up', 'region'), [], 'the other agent exports no probe series');
  assert.deepEqual(await exportedLabels(standing, 'regionwatch_divergence_checks_total', 'dataset'), []);
  for (const [name, agent] of agents) {
    const region = name.endsWith('a') ? 'a' : 'b';
    // The holder reads every region's heartbeats for its checks, and still exports only the lag into its own.
    assert.deepEqual([...new Set(await exportedLabels(agent, 'regionwatch_replication_lag_seconds', 'target_region'))], [region], `${name} exports lag into ${region} only`);
  }

  // A corruption the divergence check must find, then an outage the probes must time.
  sim.inject({ kind: 'corrupt', region: 'b', dataset: 'users', count: 3, at: 0 });
  type Checks = { checks: { region_a: string; region_b: string; divergent_entities: number; verdict: string }[] };
  let seen: Checks | null = null;
  const found = await until(
    'the dashboard shows the divergence the holder found',
    async () => {
      const { body } = await get<Checks>(`${dashboard!.url}/api/divergence`);
      seen = body;
      return body.checks.find((check) => check.divergent_entities >= 3);
    },
    60_000,
  ).catch(async (error) => {
    const rows = await eventsQuery('SELECT dataset, region_a, region_b, checked_at, written_by FROM regionwatch_event_divergence');
    const metrics = (await scrape(running)).filter((line) => line.includes('divergen')).join('\n');
    throw new Error(`${(error as Error).message}\nshown: ${JSON.stringify(seen)}\nstored: ${JSON.stringify(rows)}\nholder metrics:\n${metrics}\nholder output:\n${running.output().slice(-3000)}`);
  });
  assert.deepEqual([found.region_a, found.region_b, found.verdict], ['a', 'b', 'divergent']);
  const entities = await get<{ entities: { key: string }[] }>(`${dashboard!.url}/api/divergence/users/entities?region_a=a&region_b=b`);
  assert.equal(entities.status, 200);
  const corrupted = sim.getTruth().corrupted.flatMap((entry) => entry.keys);
  assert.ok(
    corrupted.every((key) => entities.body.entities.some((entity) => entity.key === key)),
    `drill-down names the corrupted keys ${corrupted.join(', ')}: ${JSON.stringify(entities.body.entities.map((entity) => entity.key))}`,
  );

  // Longer than the GTM's health check and answer TTL (1 s and 5 s), so traffic is rerouted before it ends.
  sim.inject({ kind: 'region_outage', region: 'b', at: 0, duration: 12_000 });
  type Failovers = { items: { region: string; detected_at: number; rerouted_at: number | null; recovered_at: number | null }[] };
  const failover = await until(
    'the dashboard lists the failover, its rerouting and its recovery',
    async () => (await get<Failovers>(`${dashboard!.url}/api/failovers`)).body.items.find((item) => item.region === 'b' && item.rerouted_at !== null && item.recovered_at !== null),
    60_000,
  ).catch(async (error) => {
    const rows = await eventsQuery('SELECT * FROM regionwatch_event_failovers');
    const shown = await get(`${dashboard!.url}/api/failovers`);
    const metrics = (await scrape(running)).filter((line) => /region_up|gtm_route|failover|probe_failures/.test(line)).join('\n');
    throw new Error(
      `${(error as Error).message}\nshown: ${JSON.stringify(shown.body)}\nstored: ${JSON.stringify(rows)}\nholder metrics:\n${metrics}\ntruth: ${JSON.stringify(sim.getTruth().failovers)} ${JSON.stringify(sim.getTruth().gtm_changes)}`,
    );
  });
  assert.ok(failover.detected_at <= failover.rerouted_at! && failover.rerouted_at! <= failover.recovered_at!, `in order: ${JSON.stringify(failover)}`);
  type Health = { regions: { region: string; probes: number; error_rate: number | null; latency_seconds: { p50: number } | null }[] };
  const health = await until(
    'the dashboard reads region health from Prometheus',
    async () => {
      const { body } = await get<Health>(`${dashboard!.url}/api/regions/health?window=5m`);
      const b = body.regions.find((region) => region.region === 'b');
      return b && (b.error_rate ?? 0) > 0 ? body : undefined;
    },
    30_000,
  );
  const a = health.regions.find((region) => region.region === 'a')!;
  assert.ok(a.probes > 0 && a.latency_seconds !== null, `region a's probes and latency percentiles: ${JSON.stringify(a)}`);
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

  const dead = instanceOf('agent-a');
  agents.get('agent-a')!.process.kill('SIGKILL');
  const atKill = Number((await eventsQuery<{ position: string }>("SELECT position FROM regionwatch_event_cursors WHERE collector = 'conflicts' AND region = 'a'"))[0].position);
  await until('the second agent takes over once the claim lapses', async () => (/this collector now reads conflicts\/a/.test(standby.output()) ? true : undefined), 20_000);
  await until('it collects region a', async () => (localConflictKeys('agent-a2').length > 0 ? true : undefined), 20_000);
  const ids = localConflictKeys('agent-a2').map((key) => Number(key.split(':').at(-1)));
  assert.ok(Math.min(...ids) > atKill - 1, `it resumed at the shared cursor (${atKill}), not from the start: first id read ${Math.min(...ids)}`);
  const holder = await until('a live agent holds the global checks', async () => {
    const owner = await globalHolder();
    return owner && owner !== dead ? owner : undefined;
  });
  assert.ok([instanceOf('agent-b'), instanceOf('agent-a2')].includes(holder));
});

/** Events an agent wrote to its working copy that the shared store has not acknowledged. */
function pending(name: string): number {
  const db = new Database(join(dir, `${name}.db`), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM shared_outbox').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

type EventStoreHealth = { status: string; event_store?: { connected: boolean; error: string | null; pending: number } };

test('the shared store goes down and comes back: events wait in the outbox, the dashboard says so, then everything arrives', async () => {
  const before = Number((await eventsQuery<{ n: string }>('SELECT count(*) AS n FROM regionwatch_event_conflicts'))[0].n);
  await mesh.kill('events');
  const down = await until(
    'the dashboard reports the store unreachable',
    async () => {
      const { body } = await get<EventStoreHealth>(`${dashboard!.url}/api/health`);
      return body.event_store?.connected === false ? body : undefined;
    },
    20_000,
  );
  assert.equal(down.status, 'degraded');
  assert.ok(down.event_store?.error, 'with the reason');
  // Conflicts keep coming into the regions' logs; what an agent already read waits in its outbox.
  const waiting = await until('events wait in an agent’s outbox', async () => (pending('agent-b') > 0 ? pending('agent-b') : undefined), 20_000);
  assert.ok(waiting > 0);
  const listed = await get<{ items: unknown[] }>(`${dashboard!.url}/api/conflicts?limit=5`);
  assert.equal(listed.status, 200, 'the dashboard still lists what it has read');

  await mesh.restart('events');
  await until('the dashboard reports the store back', async () => ((await get<EventStoreHealth>(`${dashboard!.url}/api/health`)).body.event_store?.connected ? true : undefined), 30_000);
  await until('the agent’s outbox empties', async () => (pending('agent-b') === 0 ? true : undefined), 30_000);
  const after = Number((await eventsQuery<{ n: string }>('SELECT count(*) AS n FROM regionwatch_event_conflicts'))[0].n);
  assert.ok(after >= before + waiting, `what waited arrived: ${before} before, ${waiting} waiting, ${after} after`);
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
