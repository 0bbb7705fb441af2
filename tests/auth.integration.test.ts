import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, type RunningDemo } from './harness/demo';
import { request } from './harness/https';

const TOKEN = 'test-token-7f3a9c';
const METRICS_TOKEN = 'metrics-token-44be';
// bcrypt hashes (cost 10) of the two users' passwords below.
const USERS = {
  grafana: { password: 'grafana-pass-51c2', hash: '$2b$10$18abJP4XEW7S07P5jwiZueAK/JJCJ5N5fBn8ra0qzPta7zJSDnn0u' },
  ops: { password: 'ops-pass-9d0e', hash: '$2b$10$Dno1p6r.TVWM3B25sEDIbeCRK1zMGljwp6Z86rJk7rxJFLBtWUH3m' },
};
let demo: RunningDemo;
/** Basic users and a token for the dashboard, a token of its own for /metrics, three failures a minute, 5 API requests a second. */
let basic: RunningDemo;

before(async () => {
  const users = Object.entries(USERS)
    .map(([name, user]) => `${name}: "${user.hash}"`)
    .join(', ');
  [demo, basic] = await Promise.all([
    startDemo('regions: [a, b]\nworkload: { writes_per_second: 0 }\nserver: { auth: { token_env: RW_TEST_TOKEN } }\n', { env: { RW_TEST_TOKEN: TOKEN } }),
    startDemo(
      `regions: [a, b]\nworkload: { writes_per_second: 0 }\nserver: { auth: { token_env: RW_TEST_TOKEN, basic_users: { ${users} } }, metrics_auth: { token_env: RW_METRICS_TOKEN }, max_auth_failures: 3, rate_limit: 5 }\n`,
      { env: { RW_TEST_TOKEN: TOKEN, RW_METRICS_TOKEN: METRICS_TOKEN } },
    ),
  ]);
});

after(async () => {
  await Promise.all([demo?.stop(), basic?.stop()]);
});

const basicAuth = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

test('without the token, pages, API and /metrics answer 401', async () => {
  for (const path of ['/', '/api/lag/matrix', '/metrics', '/pairs/a/b']) {
    const response = await fetch(`${demo.url}${path}`, { redirect: 'manual' });
    assert.equal(response.status, 401, path);
  }
  const wrong = await fetch(`${demo.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
  assert.equal(wrong.status, 401);
  const body = (await wrong.json()) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body), ['error'], 'a 401 carries no data, only the error');
});

test('an unauthenticated health probe learns the status and nothing else', async () => {
  const anonymous = (await (await fetch(`${demo.url}/api/health`)).json()) as Record<string, unknown>;
  assert.deepEqual(Object.keys(anonymous), ['status']);
  const forged = (await (await fetch(`${demo.url}/api/health`, { headers: { 'x-regionwatch-anonymous': '0' } })).json()) as Record<string, unknown>;
  assert.deepEqual(Object.keys(forged), ['status'], 'the marker cannot be forged away');
  const full = (await (await fetch(`${demo.url}/api/health`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as Record<string, unknown>;
  assert.ok('collectors' in full, 'with credentials, the whole answer');
});

test('basic auth with bcrypt-hashed passwords opens pages and the API, Grafana’s data source included', async () => {
  for (const [name, user] of Object.entries(USERS)) {
    assert.equal((await fetch(`${basic.url}/api/lag/matrix`, { headers: basicAuth(name, user.password) })).status, 200, name);
  }
  assert.equal((await fetch(`${basic.url}/`, { headers: basicAuth('ops', USERS.ops.password) })).status, 200);
  // Grafana's JSON data source sends basic auth on its health check and its queries.
  const grafana = basicAuth('grafana', USERS.grafana.password);
  assert.equal((await fetch(`${basic.url}/api/grafana/`, { headers: grafana })).status, 200);
  const query = await fetch(`${basic.url}/api/grafana/metrics`, { method: 'POST', headers: { ...grafana, 'content-type': 'application/json' }, body: '{}' });
  assert.equal(query.status, 200);
  // The token still works beside the users (a custom Authorization header from Grafana, or a script).
  assert.equal((await fetch(`${basic.url}/api/lag/matrix`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);

  const refused = await fetch(`${basic.url}/api/lag/matrix`);
  assert.equal(refused.status, 401);
  assert.match(refused.headers.get('www-authenticate') ?? '', /Basic realm="regionwatch"/, 'browsers are asked for a password');
});

test('/metrics takes its own token when metrics_auth has one, and not the dashboard’s credentials', async () => {
  assert.equal((await fetch(`${basic.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status, 200);
  assert.equal((await fetch(`${basic.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 401);
  assert.equal((await fetch(`${basic.url}/metrics`, { headers: basicAuth('ops', USERS.ops.password) })).status, 401);
  assert.equal((await fetch(`${basic.url}/api/lag/matrix`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status, 401, 'and the metrics token opens nothing else');
});

test('brute force is slowed: after max_auth_failures a client is refused, even with the right password, until the minute ends', async () => {
  // Another loopback address is another client: the failures above, from 127.0.0.1, do not count here.
  const from = (password: string) => request(`${basic.url}/api/lag/matrix`, { headers: basicAuth('ops', password), localAddress: '127.0.0.2' });
  const attempts: number[] = [];
  for (const password of ['guess-1', 'guess-2', 'guess-3', 'guess-4']) attempts.push((await from(password)).status);
  assert.deepEqual(attempts, [401, 401, 401, 429]);
  const locked = await from(USERS.ops.password);
  assert.equal(locked.status, 429);
  assert.ok(Number(locked.headers['retry-after']) > 0, 'with Retry-After');
  const elsewhere = await request(`${basic.url}/api/lag/matrix`, { headers: basicAuth('ops', USERS.ops.password), localAddress: '127.0.0.3' });
  assert.equal(elsewhere.status, 200, 'other clients are not locked out');
});

test('the API rate limit: a client past its burst gets 429 with Retry-After; others do not notice', async () => {
  const from = (address: string) => request(`${basic.url}/api/topology`, { headers: { authorization: `Bearer ${TOKEN}` }, localAddress: address });
  const statuses: number[] = [];
  for (let index = 0; index < 16; index++) statuses.push((await from('127.0.0.5')).status);
  assert.deepEqual(statuses.slice(0, 10), Array(10).fill(200), 'a burst of twice the rate passes');
  assert.ok(statuses.slice(10).includes(429), `then the client is slowed: ${statuses.join(' ')}`);
  const limited = await from('127.0.0.5');
  assert.equal(limited.status, 429);
  assert.ok(Number(limited.headers['retry-after']) >= 1);
  assert.deepEqual(Object.keys(JSON.parse(limited.body)), ['error']);
  assert.equal((await from('127.0.0.6')).status, 200, 'another client is served');
  const metrics = await request(`${basic.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` }, localAddress: '127.0.0.5' });
  assert.equal(metrics.status, 200, 'scrapes are not API requests');
});

test('the bearer token opens the API and /metrics; health stays open for probes', async () => {
  const headers = { authorization: `Bearer ${TOKEN}` };
  assert.equal((await fetch(`${demo.url}/api/lag/matrix`, { headers })).status, 200);
  assert.equal((await fetch(`${demo.url}/metrics`, { headers })).status, 200);
  assert.equal((await fetch(`${demo.url}/api/health`)).status, 200);
});

test('a browser trades ?token= for an HttpOnly cookie and a clean URL', async () => {
  const response = await fetch(`${demo.url}/pairs/a/b?range=5m&token=${TOKEN}`, { redirect: 'manual' });
  assert.equal(response.status, 302);
  assert.equal(response.headers.get('location'), '/pairs/a/b?range=5m');
  const cookie = response.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly/);
  const page = await fetch(`${demo.url}/`, { headers: { cookie: cookie.split(';')[0] } });
  assert.equal(page.status, 200);
});

test('no secret appears in the output', () => {
  for (const output of [demo.output(), basic.output()]) {
    for (const secret of [TOKEN, METRICS_TOKEN, USERS.ops.password, USERS.grafana.password]) assert.ok(!output.includes(secret), 'a secret in the output');
  }
});
