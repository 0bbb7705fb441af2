import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import bcrypt from 'bcryptjs';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { launchChromium } from './harness/browser';
import { CLI, sleep, startServe, type RunningServer } from './harness/demo';
import { freePorts } from './harness/free-port';

// regionwatch started with a secret in every place one can be: region DSNs, the shared store's
// URL and PGPASSWORD, the PromQL backend's token file, the dashboard's token and users, /metrics'
// token. Every store and backend is unreachable, so every error path runs. Every byte received
// and every line logged is then searched for every secret.
const SECRETS = {
  pgRegion: 'pg-region-secret-a41f',
  myRegion: 'my-region-secret-b52e',
  events: 'events-store-secret-c63d',
  pgpassword: 'pgpassword-env-secret-d74c',
  promToken: 'prom-bearer-secret-e85b',
  token: 'dashboard-token-secret-f96a',
  metricsToken: 'metrics-token-secret-0a79',
  password: 'ops-password-secret-1b68',
};
const env = { RW_SECRET_TOKEN: SECRETS.token, RW_METRICS_SECRET: SECRETS.metricsToken, PGPASSWORD: SECRETS.pgpassword };

let dir: string;
let configFile: string;
let server: RunningServer;
let browser: Browser | undefined;
const received: { what: string; text: string }[] = [];
const bearer = { authorization: `Bearer ${SECRETS.token}` };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rw-secrets-'));
  const [pgPort, myPort, promPort, eventsPort] = await freePorts(4);
  new Database(join(dir, 'a.db')).close();
  writeFileSync(join(dir, 'prom-token'), `${SECRETS.promToken}\n`);
  const hash = bcrypt.hashSync(SECRETS.password, 4);
  configFile = join(dir, 'regionwatch.yaml');
  writeFileSync(
    configFile,
    `regions:
  - { name: a, store: "sqlite:${join(dir, 'a.db')}" }
  - { name: b, store: "postgres://rw:${SECRETS.pgRegion}@127.0.0.1:${pgPort}/app" }
  - { name: c, store: "mysql://rw:${SECRETS.myRegion}@127.0.0.1:${myPort}/app" }
collectors:
  heartbeat: { interval: 200ms, timeout: 500ms }
  divergence: { interval: 2s, datasets: [ { name: users, table: users, key: [id], columns: [email] } ] }
prometheus: { url: "http://127.0.0.1:${promPort}", bearer_token_file: "${join(dir, 'prom-token')}", timeout: 1s }
storage: { path: "${join(dir, 'rw.db')}", url: "postgres://rw:${SECRETS.events}@127.0.0.1:${eventsPort}/events" }
slos: [ { name: lag, objective: 99, window: 1h, sli: { kind: replication_lag, threshold: 1s } } ]
server:
  auth: { token_env: RW_SECRET_TOKEN, basic_users: { ops: "${hash}" } }
  metrics_auth: { token_env: RW_METRICS_SECRET }
  rate_limit: 1000
`,
  );
  server = await startServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.process.kill('SIGTERM');
  await sleep(500);
  rmSync(dir, { recursive: true, force: true });
});

function startServer() {
  return startServe('start', configFile, {
    env,
    ready: async (url) => (await fetch(`${url}/api/health`, { headers: bearer })).status === 200,
  });
}

async function record(what: string, response: Response): Promise<Response> {
  received.push({ what, text: `${response.status} ${JSON.stringify([...response.headers])}\n${await response.clone().text()}` });
  return response;
}

test('every API route, with good and bad parameters, with and without credentials', async () => {
  const paths = [
    '/api/health',
    '/api/topology',
    '/api/lag/matrix',
    '/api/lag/series?source=a&target=b',
    '/api/lag/series?source=b&target=c&from=1&to=2',
    '/api/lag/series?source=nope&target=b',
    '/api/conflicts',
    '/api/conflicts?limit=9999',
    '/api/conflicts/1',
    '/api/conflicts/nope',
    '/api/conflicts/matrix',
    '/api/conflicts/rate',
    '/api/conflicts/rate?source=b&target=c',
    '/api/divergence',
    '/api/divergence/users/entities?region_a=a&region_b=b',
    '/api/divergence/nope/entities?region_a=a&region_b=b',
    '/api/failovers',
    '/api/incidents',
    '/api/regions/health',
    '/api/slo',
    '/api/slo/lag',
    '/api/slo/nope',
    '/api/sim/truth',
    '/api/nope',
    '/api/grafana/',
  ];
  for (const path of paths) {
    await record(`GET ${path}`, await fetch(`${server.url}${path}`, { headers: bearer }));
    await record(`GET ${path} (anonymous)`, await fetch(`${server.url}${path}`));
  }
  for (const endpoint of ['metrics', 'query', 'variable', 'tag-keys', 'tag-values', 'metric-payload-options']) {
    const body =
      endpoint === 'query' ? JSON.stringify({ range: { from: new Date(Date.now() - 60_000).toISOString(), to: new Date().toISOString() }, targets: [{ target: 'lag', payload: {} }] }) : '{}';
    await record(`POST /api/grafana/${endpoint}`, await fetch(`${server.url}/api/grafana/${endpoint}`, { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body }));
  }
  await record('POST /api/conflicts (bad)', await fetch(`${server.url}/api/conflicts`, { method: 'POST', headers: bearer, body: '[{"id": 1}]' }));
  await record('/metrics', await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${SECRETS.metricsToken}` } }));
  await record('/metrics (dashboard token)', await fetch(`${server.url}/metrics`, { headers: bearer }));
  await record('/metrics (openmetrics)', await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${SECRETS.metricsToken}`, accept: 'application/openmetrics-text' } }));
  const health = received.find((entry) => entry.what === 'GET /api/health')!.text;
  assert.match(health, /"collectors"/);
  assert.match(health, /"up":false/, 'the unreachable regions are reported down, with their errors');
  assert.ok(
    received.some((entry) => entry.text.startsWith('503 ') || entry.text.startsWith('502 ')),
    'the unreachable backend’s error path ran',
  );
});

test('every page, rendered in Chromium with basic auth, and every request it makes', async () => {
  const context = await browser!.newContext({ httpCredentials: { username: 'ops', password: SECRETS.password } });
  const page = await context.newPage();
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    pending.push(
      response
        .text()
        .then((text) => void received.push({ what: `page ${response.url()}`, text: `${response.status()} ${JSON.stringify(response.headers())}\n${text}` }))
        .catch(() => undefined),
    );
  });
  page.on('console', (message) => received.push({ what: 'console', text: message.text() }));
  for (const path of [
    '/',
    '/conflicts',
    '/conflicts/queue',
    '/conflicts/1',
    '/divergence',
    '/divergence/users/a/b',
    '/failovers',
    '/slo',
    '/slo/lag',
    '/runbooks',
    '/pairs/a/b',
    '/pairs/b/c',
    '/pairs/nope/a',
    '/nope',
  ]) {
    await page.goto(`${server.url}${path}`);
    await sleep(1500);
  }
  await Promise.all(pending);
  await context.close();
  const seen = received.filter((entry) => entry.what.startsWith('page '));
  assert.ok(seen.length > 20, `the pages made their requests: ${seen.map((entry) => `${entry.text.slice(0, 3)} ${entry.what}`).join('\n')}`);
});

test('the CLI on the same config: check-config, rules, grafana and a diff against unreachable stores', () => {
  for (const [args, withEnv] of [
    [['check-config', configFile], true],
    [['check-config', configFile], false],
    [['rules', '--config', configFile], true],
    [['grafana', '--config', configFile], true],
    [['diff', '--config', configFile, '--dataset', 'users', '--regions', 'a,b'], true],
  ] as const) {
    const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '', ...(withEnv ? env : {}) } });
    received.push({ what: `regionwatch ${args.join(' ')}`, text: `${run.status}\n${run.stdout}\n${run.stderr}` });
  }
  const diff = received.at(-1)!.text;
  assert.match(diff, /postgres:\/\/rw:\*\*\*@|\*\*\*/, `the diff names the unreachable store without its password:\n${diff}`);
});

test('no secret in any byte received or any line logged', () => {
  received.push({ what: 'server log', text: server.output() });
  assert.match(server.output(), /postgres:\/\/rw:\*\*\*@127\.0\.0\.1/, 'the log names the stores, passwords masked');
  for (const { what, text } of received) {
    for (const [name, secret] of Object.entries(SECRETS)) {
      for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]) {
        assert.ok(!text.includes(form), `${name} appears in ${what}`);
      }
    }
  }
  assert.ok(received.length > 80, `${received.length} answers and logs searched`);
});
