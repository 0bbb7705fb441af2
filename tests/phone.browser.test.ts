import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from './harness/browser';
import { startDemo, type RunningDemo } from './harness/demo';

// A phone: 390 CSS pixels wide, touch, mobile viewport.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const SCENARIO = `
regions: [us-east, eu-west, ap-south]
workload: { writes_per_second: 30, conflict_ratio: 0.2, entities: 300 }
collectors: { divergence: { interval: 2s } }
faults:
  - { at: 2s, kind: corrupt, region: eu-west, dataset: users, count: 2 }
slos:
  - { name: lag, objective: 99, window: 1h, sli: { kind: replication_lag, threshold: 1s } }
`;
const PAGES = ['/', '/conflicts', '/conflicts/queue', '/divergence', '/divergence/users/ap-south/eu-west', '/failovers', '/slo', '/slo/lag', '/pairs/us-east/eu-west', '/runbooks'];

let demo: RunningDemo;
let browser: Browser | undefined;
let context: BrowserContext;

before(async () => {
  demo = await startDemo(SCENARIO);
  browser = await launchChromium();
  context = await browser.newContext(PHONE);
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

test('no page scrolls sideways at 390 px: wide tables and heatmaps scroll inside their panels', async () => {
  const page = await context.newPage();
  const wide: string[] = [];
  for (const path of PAGES) {
    await page.goto(`${demo.url}${path}`);
    await page.locator('main h1').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2500);
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    if (width > 390) wide.push(`${path}: ${width} px`);
  }
  assert.deepEqual(wide, []);
  // The conflict list is wider than a phone: it scrolls in its own box, which is no wider than the screen.
  await page.goto(`${demo.url}/conflicts`);
  const box = page.locator('.table-scroll').first();
  await box.waitFor({ timeout: 30_000 });
  const [scrollWidth, clientWidth] = (await box.evaluate((element) => [element.scrollWidth, element.clientWidth])) as [number, number];
  assert.ok(clientWidth <= 390, `the box fits the screen: ${clientWidth} px`);
  assert.ok(scrollWidth > clientWidth, `and its table (${scrollWidth} px) scrolls inside it`);
  await page.close();
});

test('the navigation folds behind Menu on a phone, opens, and closes once a link is followed', async () => {
  const page = await context.newPage();
  await page.goto(`${demo.url}/`);
  const menu = page.getByRole('button', { name: 'Menu' });
  const conflicts = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conflicts' });
  await menu.waitFor({ timeout: 30_000 });
  assert.equal(await conflicts.isVisible(), false, 'folded');
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  await menu.click();
  await conflicts.waitFor({ state: 'visible', timeout: 5000 });
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await conflicts.click();
  await page.waitForURL((url) => url.pathname === '/conflicts', { timeout: 10_000 });
  await conflicts.waitFor({ state: 'hidden', timeout: 5000 });

  // On a wide screen the links are in the header and there is no Menu.
  const desktop = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
  await desktop.goto(`${demo.url}/`);
  await desktop.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conflicts' }).waitFor({ state: 'visible', timeout: 30_000 });
  assert.equal(await desktop.getByRole('button', { name: 'Menu' }).isVisible(), false);
  await desktop.close();
  await page.close();
});
