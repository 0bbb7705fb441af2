import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { DivergenceOverview } from '@/lib/api/types';
import type { SimTruth } from '@/sim/truth';
import { launchChromium, eventually } from './harness/browser';
import { getJson, startDemo, type RunningDemo } from './harness/demo';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Refreshed on every run (not committed), like the screenshots of the other browser tests.
const SCREENSHOTS = join(ROOT, 'data', 'screenshots');
const MATRIX_NAME = 'Divergence by dataset and region pair';
const CORRUPTED = 5;
// Cell labels: the settled count, rows still in flight beside it (the workload keeps writing), and
// the verdict's age once its in-flight writes have landed: `users: r1 ↔ r2: 5 divergent · 3 in flight as of 2s ago`.
const IN_FLIGHT_AND_AGE = String.raw`(?: · [\d,]+ in flight)?(?: as of .+ ago)?`;
const R1_R2_CORRUPTED = new RegExp(`^users: r1 ↔ r2: ${CORRUPTED} divergent${IN_FLIGHT_AND_AGE}$`);
// r1 and r3 hold the same rows: clean, or rows in flight, never divergent.
const R1_R3_NOT_DIVERGENT = /^users: r1 ↔ r3: (?:clean|[\d,]+ in flight)(?: as of .+ ago)?$/;
// Checks every 3 s, so divergence shows within seconds instead of the built-in demo's minutes.
const SCENARIO = `
regions: [r1, r2, r3]
replication: { delay: 80ms, jitter: 10ms }
workload: { writes_per_second: 50 }
collectors: { divergence: { interval: 3s } }
faults:
  - { at: 3s, kind: corrupt, region: r2, dataset: users, count: ${CORRUPTED} }
`;

let demo: RunningDemo | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  demo = await startDemo(SCENARIO);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

function matrix(): Locator {
  return page.getByRole('grid', { name: MATRIX_NAME });
}

async function cellLabels(): Promise<string[]> {
  return matrix()
    .getByRole('gridcell')
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('aria-label') ?? ''));
}

test('the r1 ↔ r2 check finds the corrupted rows', async () => {
  let last = '';
  await eventually(
    async () => {
      const overview = DivergenceOverview.parse(await getJson(`${demo!.url}/api/divergence`));
      const check = overview.checks.find((candidate) => candidate.dataset === 'users' && candidate.region_a === 'r1' && candidate.region_b === 'r2');
      last = JSON.stringify(check);
      return check?.divergent_entities === CORRUPTED ? true : undefined;
    },
    60_000,
    () => `r1 ↔ r2 never reported ${CORRUPTED} divergent entities within 60 s; last check: ${last}`,
  );
});

test('the matrix has one labelled cell per dataset and pair', async () => {
  await page.goto(`${demo!.url}/divergence`);
  await matrix().waitFor({ timeout: 30_000 });
  // 1 dataset × 3 pairs; the pairs are unordered, so 3 regions make 3, not 6.
  let labels: string[] = [];
  await eventually(
    async () => ((labels = await cellLabels()).length === 3 ? true : undefined),
    5_000,
    () => `expected 3 gridcells, found ${labels.length}: ${labels.join(' | ')}`,
  );
  assert.deepEqual(
    labels.map((label) => label.replace(/: .*$/, '')),
    ['users', 'users', 'users'],
  );
  const pairs = labels.map((label) => /^users: (\S+ ↔ \S+): /.exec(label)?.[1]);
  assert.deepEqual(pairs, ['r1 ↔ r2', 'r1 ↔ r3', 'r2 ↔ r3']);
  assert.ok(
    labels.some((label) => R1_R2_CORRUPTED.test(label)),
    `r1 ↔ r2 label says ${CORRUPTED} divergent: ${labels.join(' | ')}`,
  );
  assert.ok(
    labels.some((label) => R1_R3_NOT_DIVERGENT.test(label)),
    `r1 ↔ r3 is not divergent: ${labels.join(' | ')}`,
  );
  await page.screenshot({ path: join(SCREENSHOTS, 'divergence.png'), fullPage: true });
});

test('a divergent cell drills down to exactly the corrupted keys, with both rows side by side', async () => {
  const truth = await getJson<SimTruth>(`${demo!.url}/api/sim/truth`);
  const corruptedKeys = [...truth.corrupted[0].keys].sort();
  assert.equal(corruptedKeys.length, CORRUPTED);

  await matrix().getByRole('gridcell', { name: R1_R2_CORRUPTED }).getByRole('link').click();
  await page.waitForURL((url) => url.pathname === '/divergence/users/r1/r2', { timeout: 10_000 });
  const keyTable = page.getByRole('table', { name: 'Divergent keys' });
  await keyTable.waitFor({ timeout: 20_000 });
  const listed = await keyTable.locator('tbody tr[data-key]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key') ?? ''));
  assert.deepEqual([...listed].sort(), corruptedKeys);
  const kinds = new Set(await keyTable.locator('tbody tr[data-kind]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind'))));
  assert.ok(kinds.has('differs'), `some key differs: ${[...kinds].join(', ')}`);

  const differing = keyTable.locator('tbody tr[data-kind="differs"]').first();
  const differingKey = await differing.getAttribute('data-key');
  await differing.getByRole('link').click();
  await page.waitForURL((url) => url.searchParams.get('key') === differingKey, { timeout: 10_000 });

  const rowInR1 = page.getByRole('region', { name: 'Row in r1', exact: true });
  const rowInR2 = page.getByRole('region', { name: 'Row in r2', exact: true });
  await rowInR1.waitFor({ timeout: 10_000 });
  assert.ok(await rowInR1.isVisible());
  assert.ok(await rowInR2.isVisible());
  const highlighted = await rowInR1.locator('[data-differs="true"]').count();
  assert.ok(highlighted >= 1, 'at least one column is highlighted as differing');
  assert.equal(await rowInR2.locator('[data-differs="true"]').count(), highlighted, 'both panes highlight the same columns');
  await page.screenshot({ path: join(SCREENSHOTS, 'divergence-drilldown.png'), fullPage: true });
});

test('a key missing on one side says where it is absent', async () => {
  const keyTable = page.getByRole('table', { name: 'Divergent keys' });
  const missing = keyTable.locator('tbody tr[data-kind^="missing_in_"]').first();
  const kind = await missing.getAttribute('data-kind');
  await missing.getByRole('link').click();
  const absentRegion = kind === 'missing_in_a' ? 'r1' : 'r2';
  await page
    .getByRole('region', { name: `Row in ${absentRegion}`, exact: true })
    .getByText(`absent in ${absentRegion}`)
    .waitFor({ timeout: 10_000 });
});

test('the divergence pages raised no uncaught errors', () => {
  assert.deepEqual(pageErrors, []);
});
