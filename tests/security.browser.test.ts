import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from './harness/browser';
import { startDemo, type RunningDemo } from './harness/demo';
import { parseExposition } from './harness/exposition';

// A demo without workload: every conflict in it is one this test posted.
const SCENARIO = 'regions: [us-east, eu-west, ap-south]\nworkload: { writes_per_second: 0 }\n';

let demo: RunningDemo;
let browser: Browser | undefined;

before(async () => {
  demo = await startDemo(SCENARIO);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

const event = (overrides: Record<string, unknown>) => ({
  id: `e-${Math.random()}`,
  detected_at: Date.now() - 1000,
  source_region: 'us-east',
  target_region: 'eu-west',
  entity_type: 'order',
  entity_key: 'order-1',
  resolution: 'lww',
  ...overrides,
});

async function post(events: unknown[]): Promise<{ status: number; body: { error?: { details?: { rejected: { errors: { field: string; message: string }[] }[] } } } }> {
  const response = await fetch(`${demo.url}/api/conflicts?atomic=true`, { method: 'POST', body: JSON.stringify(events), headers: { 'content-type': 'application/json' } });
  return { status: response.status, body: (await response.json()) as never };
}

test('events with impossible times or a region paired with itself are refused, with the field named', async () => {
  for (const [overrides, field, pattern] of [
    [{ detected_at: Date.UTC(5138, 0, 1) }, 'detected_at', /future/],
    [{ detected_at: '1999-06-01T00:00:00Z' }, 'detected_at', /before 2000/],
    [{ target_region: 'us-east' }, 'target_region', /must differ from source_region/],
    [{ source_region: 'nope' }, 'source_region', /unknown region/],
  ] as const) {
    const { status, body } = await post([event(overrides)]);
    assert.equal(status, 400, JSON.stringify(overrides));
    const errors = body.error?.details?.rejected[0].errors ?? [];
    assert.ok(
      errors.some((error) => error.field === field && pattern.test(error.message)),
      `${JSON.stringify(overrides)}: ${JSON.stringify(errors)}`,
    );
  }
});

test('regions not in the config are 404 on every route and page that names one', async () => {
  for (const path of [
    '/api/conflicts?source=nope',
    '/api/conflicts?target=nope',
    '/api/conflicts/rate?source=nope',
    '/api/lag/series?source=nope&target=us-east',
    '/api/lag/series?source=us-east&target=nope',
    '/api/divergence/users/entities?region_a=nope&region_b=us-east',
  ]) {
    const response = await fetch(`${demo.url}${path}`);
    assert.equal(response.status, 404, path);
    const body = (await response.json()) as { error: { code: string; details: { field: string } } };
    assert.equal(body.error.code, 'unknown_region', path);
  }
  for (const path of ['/pairs/nope/us-east', '/pairs/us-east/nope', '/pairs/us-east/us-east', '/divergence/users/nope/us-east', '/conflicts?source=nope', '/conflicts?target=nope']) {
    assert.equal((await fetch(`${demo.url}${path}`)).status, 404, path);
  }
  assert.equal((await fetch(`${demo.url}/pairs/us-east/eu-west`)).status, 200, 'a real pair still renders');
  assert.equal((await fetch(`${demo.url}/conflicts?source=us-east`)).status, 200, 'and a real filter');
});

test('every /api/* miss is a JSON 404, never an HTML page', async () => {
  for (const [method, path] of [
    ['GET', '/api/nope'],
    ['GET', '/api/lag/nope/deeper'],
    ['POST', '/api/nope'],
    ['DELETE', '/api/x'],
  ]) {
    const response = await fetch(`${demo.url}${path}`, { method });
    assert.equal(response.status, 404, `${method} ${path}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/, `${method} ${path}`);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'not_found');
  }
});

test('security headers on pages, API answers and /metrics; pages run under a nonce policy with no violation', async () => {
  for (const path of ['/', '/api/health', '/metrics']) {
    const headers = (await fetch(`${demo.url}${path}`)).headers;
    assert.equal(headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(headers.get('referrer-policy'), 'no-referrer', path);
    assert.match(headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, path);
    assert.equal(headers.get('strict-transport-security'), null, `${path}: no HSTS over plain HTTP`);
  }
  const first = await fetch(`${demo.url}/`);
  const policy = first.headers.get('content-security-policy') ?? '';
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  assert.ok(nonce, `a nonce in the page policy: ${policy}`);
  assert.doesNotMatch(policy, /script-src[^;]*'unsafe-inline'/, 'no inline scripts without the nonce');
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  assert.ok(scripts.length > 0);
  assert.ok(
    scripts.every((tag) => tag.includes(`nonce="${nonce}"`)),
    `every script carries the nonce: ${scripts.filter((tag) => !tag.includes(nonce)).join(' ')}`,
  );
  const second = (await fetch(`${demo.url}/`)).headers.get('content-security-policy') ?? '';
  assert.notEqual(/'nonce-([^']+)'/.exec(second)?.[1], nonce, 'a fresh nonce per response');

  // The browser enforces the policy: the overview hydrates and draws its heatmap, and nothing is refused.
  const page = await browser!.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${demo.url}/`);
  await page.getByRole('grid', { name: 'Replication lag by region pair' }).getByRole('gridcell').first().waitFor({ timeout: 30_000 });
  await page.goto(`${demo.url}/pairs/us-east/eu-west`);
  await page.locator('.recharts-surface').first().waitFor({ timeout: 30_000 });
  assert.deepEqual(violations, []);
  await page.close();
});

test('label values with quotes, backslashes, newlines and UTF-8 survive a round trip through /metrics', async () => {
  const hostile = ['quo"te', 'back\\slash', 'new\nline', 'ünï-código ✓', 'all "of\\ them"\n✓'];
  const { status } = await post(hostile.map((entityType, index) => event({ entity_type: entityType, entity_key: `k${index}` })));
  assert.equal(status, 202);
  const text = await (await fetch(`${demo.url}/metrics`)).text();
  const series = parseExposition(text).filter((sample) => sample.name === 'regionwatch_conflicts_total');
  for (const entityType of hostile) {
    const sample = series.find((candidate) => candidate.labels.entity_type === entityType);
    assert.ok(sample, `entity_type ${JSON.stringify(entityType)} parsed back from /metrics`);
    assert.equal(sample.value, 1);
  }
});

test('SQL injection through a filter or an id is a literal value or a 400, never a query', async () => {
  const all = (await (await fetch(`${demo.url}/api/conflicts?limit=500`)).json()) as { items: unknown[] };
  assert.ok(all.items.length > 0, 'conflicts exist to be leaked');
  for (const entityType of ["' OR '1'='1", "order' OR 1=1 --", 'order"; DROP TABLE conflicts; --', "%' OR entity_type LIKE '%"]) {
    const response = await fetch(`${demo.url}/api/conflicts?entity_type=${encodeURIComponent(entityType)}`);
    assert.equal(response.status, 200, entityType);
    assert.deepEqual(((await response.json()) as { items: unknown[] }).items, [], `${entityType} matched rows`);
  }
  for (const id of ['1 OR 1=1', "1'; DROP TABLE conflicts; --", '1 UNION SELECT 1']) {
    const response = await fetch(`${demo.url}/api/conflicts/${encodeURIComponent(id)}`);
    assert.equal(response.status, 400, id);
  }
  const again = (await (await fetch(`${demo.url}/api/conflicts?limit=500`)).json()) as { items: unknown[] };
  assert.equal(again.items.length, all.items.length, 'and the table is intact');
});

test('limits: a body over 5 MiB is a 413, a page over 500 items and a series over 5000 points are 400s', async () => {
  const big = await fetch(`${demo.url}/api/conflicts`, { method: 'POST', body: `[${'"x",'.repeat(1_500_000)}"x"]`, headers: { 'content-type': 'application/json' } });
  assert.equal(big.status, 413);
  assert.equal((await fetch(`${demo.url}/api/conflicts?limit=501`)).status, 400);
  assert.equal((await fetch(`${demo.url}/api/lag/series?source=us-east&target=eu-west&points=5001`)).status, 400);
});
