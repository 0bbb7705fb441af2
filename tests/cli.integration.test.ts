import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, sleep, startCollect } from './harness/demo';
import { Simulation } from '@/sim';
import { parseYaml } from '@/lib/config/load';
import { Scenario } from '@/lib/config/scenario';

const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });

function tempFile(name: string, text: string): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rw-cli-'));
  writeFileSync(join(dir, name), text);
  return { path: join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('check-config accepts a valid config and a valid scenario', () => {
  const config = tempFile('ok.yaml', 'regions:\n  - { name: us-east, store: "sqlite:/tmp/x.db" }\n');
  const scenario = tempFile('scenario.yaml', 'regions: [a, b]\nfaults: [ { at: 5s, kind: clock_step, region: a, offset: -400ms } ]\n');
  try {
    const ok = run('check-config', config.path);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /valid config/);
    const sc = run('check-config', scenario.path);
    assert.equal(sc.status, 0, sc.stderr);
    assert.match(sc.stdout, /valid scenario/);
  } finally {
    config.cleanup();
    scenario.cleanup();
  }
});

test('check-config prints every error with its YAML path and exits 1', () => {
  const bad = tempFile(
    'bad.yaml',
    'regions:\n  - { name: us-east, store: "sqlite:/a.db" }\n  - { name: us-west, store: "sqlite:/b.db" }\n  - { name: eu-west, store: "ftp://x" }\ncollectors: { heartbeat: { intervall: 1s } }\n',
  );
  try {
    const result = run('check-config', bad.path);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /regions\[2\]\.store: must be sqlite:PATH/);
    assert.match(result.stderr, /collectors\.heartbeat\.intervall: unknown key "intervall"; did you mean "interval"\? \(line 5\)/);
  } finally {
    bad.cleanup();
  }
});

test('check-config on a missing file exits 1 with the reason', () => {
  const result = run('check-config', '/nonexistent/regionwatch.yaml');
  assert.equal(result.status, 1);
  assert.match(result.stderr, /cannot read file: ENOENT/);
});

test('a store URL the adapter cannot use stops collect with a redacted error', () => {
  const config = tempFile('bad.yaml', 'regions:\n  - { name: us-east, store: "mysql://rw:hunter2@127.0.0.1:1/app?sslmode=require" }\n');
  try {
    const result = spawnSync(process.execPath, [CLI, 'collect', '--config', config.path, '--listen', '127.0.0.1:0'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /unknown parameter "sslmode"/);
    assert.match(result.stderr, /mysql:\/\/rw:\*\*\*@127\.0\.0\.1:1\/app/);
    assert.doesNotMatch(result.stdout + result.stderr, /hunter2/);
  } finally {
    config.cleanup();
  }
});

test('dashboard without prometheus.url stops with the field named; a bad header name is a config error', () => {
  const bare = tempFile('bare.yaml', 'regions:\n  - { name: us-east, store: "sqlite:/tmp/x.db" }\n');
  const badHeader = tempFile('header.yaml', 'regions:\n  - { name: us-east, store: "sqlite:/tmp/x.db" }\nprometheus: { url: "http://p:9090", headers: { "bad header": x } }\n');
  try {
    const result = run('dashboard', '--config', bare.path, '--port', '0', '--host', '127.0.0.1');
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /prometheus\.url: required by `regionwatch dashboard`/);
    const header = run('check-config', badHeader.path);
    assert.equal(header.status, 1);
    assert.match(header.stdout + header.stderr, /prometheus\.headers\.bad header: must be an HTTP header name/);
  } finally {
    bare.cleanup();
    badHeader.cleanup();
  }
});

test('an unreachable database region is reported down; its password never reaches the output or /metrics', async () => {
  const config = tempFile('pg.yaml', 'regions:\n  - { name: us-east, store: "postgres://rw:hunter2@127.0.0.1:1/app" }\ncollectors: { heartbeat: { interval: 200ms, timeout: 500ms } }\n');
  const collector = await startCollect(config.path);
  try {
    const url = collector.metricsUrl;
    let body = '';
    for (let attempt = 0; attempt < 40 && !/regionwatch_collector_up\{collector="heartbeat",region="us-east"\} 0/.test(body); attempt++) {
      await sleep(250);
      body = await (await fetch(url)).text();
    }
    assert.match(body, /regionwatch_collector_up\{collector="heartbeat",region="us-east"\} 0/);
    assert.match(collector.output(), /postgres:\/\/rw:\*\*\*@127\.0\.0\.1:1\/app/);
    assert.doesNotMatch(collector.output() + body, /hunter2/);
  } finally {
    collector.stop();
    config.cleanup();
  }
});

test('collect --region writes and reads only its own region and serves /metrics', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-collect-'));
  const scenario = parseYaml('regions: [a, b, c]\nreplication: { delay: 150ms, jitter: 5ms }\nclock_offset: { b: 200ms }\nworkload: { writes_per_second: 0 }\n', Scenario);
  scenario.storage.path = join(dir, 'history.db');
  const sim = new Simulation(scenario, { dataDir: dir });
  await sim.start();
  sim.writeConfig(join(dir, 'regionwatch.yaml'));
  // One collector per region, as at scale: each writes its own heartbeat and reads its own view.
  const collectors = await Promise.all(['a', 'b', 'c'].map((region) => startCollect(join(dir, 'regionwatch.yaml'), ['--region', region])));
  const urls = collectors.map((collector) => collector.metricsUrl);
  try {
    await sleep(4000);
    const body = await (await fetch(urls[0])).text();
    // Collector "a" reports lag only into a, from b and c.
    const lags = [...body.matchAll(/^regionwatch_replication_lag_seconds\{source_region="(\w)",target_region="(\w)"\} (\S+)$/gm)];
    assert.deepEqual(lags.map((match) => `${match[1]}->${match[2]}`).sort(), ['b->a', 'c->a']);
    // One collector per region learns the other regions' heartbeats from their stores once per
    // interval, so its bounds are looser than a single collector's (bench/accuracy measures that mode).
    for (const match of lags) assert.ok(Math.abs(Number(match[3]) - 0.15) < 0.08, `${match[0]}`);
    assert.match(body, /regionwatch_heartbeat_write_success\{region="a"\} 1/);
    assert.doesNotMatch(body, /regionwatch_heartbeat_write_success\{region="b"\}/);
    const notFound = await fetch(urls[0].replace('/metrics', '/api/health'));
    assert.equal(notFound.status, 404);
  } finally {
    for (const collector of collectors) collector.stop();
    await sleep(300);
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
