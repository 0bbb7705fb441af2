import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './harness/browser';
import { backgroundLuminance, contrastFailures } from './harness/contrast';
import { startDemo, type RunningDemo } from './harness/demo';

// Conflicts, and pairs slower than the threshold and near it (red and amber cells), give every tone something to colour.
const SCENARIO = `
regions: [r1, r2, r3]
replication: { delay: 80ms, jitter: 5ms, pairs: { "r1->r3": 1500ms, "r2->r3": 850ms } }
workload: { writes_per_second: 30, conflict_ratio: 0.2, entities: 300 }
slos:
  - { name: lag, objective: 99, window: 1h, sli: { kind: replication_lag, threshold: 1s } }
`;
const PAGES = ['/', '/conflicts', '/divergence', '/failovers', '/slo', '/slo/lag', '/pairs/r1/r2'];

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

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${demo.url}${path}`);
  await page.locator('main h1').first().waitFor({ timeout: 30_000 });
  // Panels fill in after their first answers.
  await page.waitForTimeout(2500);
  return page;
}

const toggle = (page: Page) => page.getByRole('button', { name: /^Switch to the (light|dark) theme$/ });

test('a light preference gives a light page, a dark one a dark page', async () => {
  for (const [scheme, light] of [
    ['light', true],
    ['dark', false],
  ] as const) {
    const context = await browser!.newContext({ colorScheme: scheme });
    const page = await open(context, '/');
    const luminance = await backgroundLuminance(page);
    assert.ok(light ? luminance > 0.8 : luminance < 0.05, `${scheme}: background luminance ${luminance}`);
    assert.equal(await toggle(page).getAttribute('aria-label'), `Switch to the ${light ? 'dark' : 'light'} theme`);
    await context.close();
  }
});

test('the toggle switches the scheme, and the choice is remembered across pages and reloads', async () => {
  const context = await browser!.newContext({ colorScheme: 'light' });
  const page = await open(context, '/');
  await toggle(page).click();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert.ok((await backgroundLuminance(page)) < 0.05, 'dark at once');
  await open(context, '/conflicts');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'rendered dark by the server on the next page');
  assert.ok((await backgroundLuminance(page)) < 0.05);
  await page.reload();
  assert.ok((await backgroundLuminance(page)) < 0.05, 'and after a reload');
  await toggle(page).click();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assert.ok((await backgroundLuminance(page)) > 0.8);
  await context.close();
});

test('every page meets WCAG AA contrast on its text and cell labels, in both schemes', async () => {
  const failures: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser!.newContext({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });
    for (const path of PAGES) {
      const page = await open(context, path);
      for (const failure of await contrastFailures(page)) {
        failures.push(`${scheme} ${path}: "${failure.text}" ${failure.ratio}:1 < ${failure.required}:1 (${failure.color} on ${failure.background})`);
      }
    }
    await context.close();
  }
  assert.deepEqual(failures, []);
});
