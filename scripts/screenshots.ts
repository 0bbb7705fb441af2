// `npm run screenshots`: the README's screenshots, taken from the running demo with the browser-test
// harness, so they show what a user sees: every main page, light and dark, desktop and phone.
// The demo runs 100 s first, long enough for its outage's failover and failback.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/harness/browser';
import { startDemo, sleep } from '../tests/harness/demo';

const OUT = join(fileURLToPath(new URL('..', import.meta.url)), 'docs', 'screenshots');
const WARM_UP_MS = Number(process.env.SCREENSHOT_WARM_UP_MS ?? 100_000);
const PAGES: [string, string][] = [
  ['overview', '/'],
  ['pair', '/pairs/us-east/ap-south'],
  ['conflicts', '/conflicts'],
  ['divergence', '/divergence'],
  ['failovers', '/failovers'],
  ['slos', '/slo'],
  ['slo', '/slo/lag-under-2s'],
];
const SIZES = [
  { name: '1440', viewport: { width: 1440, height: 1000 }, isMobile: false },
  { name: '390', viewport: { width: 390, height: 844 }, isMobile: true },
];

mkdirSync(OUT, { recursive: true });
const demo = await startDemo();
const browser = await launchChromium();
try {
  console.log(`demo at ${demo.url}; letting it run ${WARM_UP_MS / 1000} s`);
  await sleep(WARM_UP_MS);
  for (const scheme of ['light', 'dark'] as const) {
    for (const size of SIZES) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.isMobile });
      const page = await context.newPage();
      for (const [name, path] of PAGES) {
        await page.goto(`${demo.url}${path}`);
        await page.locator('main h1').first().waitFor({ timeout: 30_000 });
        await page.waitForTimeout(3000);
        const file = join(OUT, `${name}-${scheme}-${size.name}.png`);
        await page.screenshot({ path: file });
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await demo.stop();
}
