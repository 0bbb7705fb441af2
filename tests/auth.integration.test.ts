import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, type RunningDemo } from './harness/demo';

const TOKEN = 'test-token-7f3a9c';
let demo: RunningDemo;

before(async () => {
  demo = await startDemo('regions: [a, b]\nworkload: { writes_per_second: 0 }\nserver: { auth: { token_env: RW_TEST_TOKEN } }\n', { env: { RW_TEST_TOKEN: TOKEN } });
});

after(async () => {
  await demo?.stop();
});

test('without the token, pages, API and /metrics answer 401', async () => {
  for (const path of ['/', '/api/lag/matrix', '/metrics', '/pairs/a/b']) {
    const response = await fetch(`${demo.url}${path}`, { redirect: 'manual' });
    assert.equal(response.status, 401, path);
  }
  const wrong = await fetch(`${demo.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
  assert.equal(wrong.status, 401);
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

test('the token never appears in the output', () => {
  assert.doesNotMatch(demo.output(), new RegExp(TOKEN));
});
