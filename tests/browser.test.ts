import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { FailoverList, Topology } from '@/lib/api/types';
import { launchChromium, eventually } from './harness/browser';
import { getJson, startDemo, type RunningDemo } from './harness/demo';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Refreshed on every run (not committed); the README's pictures come from `npm run screenshots`.
const SCREENSHOT = join(ROOT, 'data', 'screenshots', 'overview.png');
const HEATMAP_NAME = 'Replication lag by region pair';
const MEASURED_LAG_LABEL = /^([a-z0-9-]+) → ([a-z0-9-]+): \d+ ms$/;

let demo: RunningDemo | undefined;
let demoStartedAt = 0;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  demoStartedAt = Date.now();
  demo = await startDemo();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

function heatmap(): Locator {
  return page.getByRole('grid', { name: HEATMAP_NAME });
}

async function cellLabels(): Promise<string[]> {
  return heatmap()
    .getByRole('gridcell')
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('aria-label') ?? ''));
}

test('the overview heatmap has one cell per ordered region pair', async () => {
  const topology = Topology.parse(await getJson(`${demo!.url}/api/topology`));
  const regionCount = topology.regions.length;
  assert.ok(regionCount >= 2, `topology lists ${regionCount} regions`);

  await page.goto(`${demo!.url}/`);
  await heatmap().waitFor({ timeout: 30_000 });
  assert.equal(await page.title(), 'Overview · regionwatch', 'the tab names the product');
  const expected = regionCount * (regionCount - 1);
  let counted = -1;
  await eventually(
    async () => ((counted = await heatmap().getByRole('gridcell').count()) === expected ? true : undefined),
    5_000,
    () => `expected ${expected} gridcells for ${regionCount} regions, found ${counted}`,
  );
});

test('heatmap cells are labelled with their measured lag', async () => {
  let labels: string[] = [];
  const measured = await eventually(
    async () => (labels = await cellLabels()).find((label) => MEASURED_LAG_LABEL.test(label)),
    10_000,
    () => `no cell label like "us-east → eu-west: 82 ms"; labels were:\n${labels.join('\n')}`,
  );
  assert.match(measured, MEASURED_LAG_LABEL);

  mkdirSync(join(ROOT, 'data', 'screenshots'), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

test('a cell opens its pair page with a lag chart', async () => {
  const label = (await cellLabels()).find((candidate) => MEASURED_LAG_LABEL.test(candidate));
  assert.ok(label, 'a measured cell to click');
  const [, sourceRegion, targetRegion] = MEASURED_LAG_LABEL.exec(label)!;
  const pairPath = `/pairs/${sourceRegion}/${targetRegion}`;

  // By link target, not label: the label's value changes with every refresh.
  await heatmap().locator(`a[href="${pairPath}"]`).click();
  await page.waitForURL((url) => url.pathname === pairPath, { timeout: 10_000 });
  await page.getByRole('heading', { level: 1, name: `${sourceRegion} → ${targetRegion}` }).waitFor({ timeout: 10_000 });
  await page.locator('.lag-chart svg.recharts-surface').first().waitFor({ timeout: 20_000 });
  // Recharts draws the surface before the series; a missing curve times out here.
  await page.locator('.lag-chart .recharts-area-curve').first().waitFor({ timeout: 10_000 });
});

test('the default demo shows a failover, rerouted and failed back, within three minutes', async () => {
  const deadline = demoStartedAt + 180_000;
  const failover = await eventually(
    async () => FailoverList.parse(await getJson(`${demo!.url}/api/failovers`)).items.find((item) => item.rerouted_at !== null && item.failback_at !== null),
    Math.max(0, deadline - Date.now()),
    () => 'no failover with its failback within three minutes of the demo starting',
  );
  assert.equal(failover.region, 'ap-south', 'the built-in outage');
  await page.goto(`${demo!.url}/failovers`);
  const row = page.locator(`tr[data-failover-id="${failover.id}"]`);
  await row.waitFor({ timeout: 20_000 });
  assert.match(await row.innerText(), /ap-south/);
});

test('the dashboard raised no uncaught errors', () => {
  assert.deepEqual(pageErrors, []);
});
