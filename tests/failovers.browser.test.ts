import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { FailoverList, type FailoverItem } from '@/lib/api/types';
import { formatLag } from '@/lib/heatmap/format';
import { launchChromium, eventually } from './harness/browser';
import { getJson, startDemo, type RunningDemo } from './harness/demo';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Refreshed on every run (not committed), like the screenshots of the other browser tests.
const SCREENSHOTS = join(ROOT, 'data', 'screenshots');
// r1 goes down 3 s in for 6 s; probes every 250 ms and a 500 ms GTM check make the failover take seconds.
const SCENARIO = `
regions: [r1, r2, r3]
replication: { delay: 60ms, jitter: 5ms }
workload: { writes_per_second: 20 }
gtm: { check_interval: 500ms, ttl: 2s }
collectors: { probes: { interval: 250ms, timeout: 1s } }
faults:
  - { at: 3s, kind: region_outage, region: r1, duration: 6s }
`;
// The page formats times in the browser's zone; pin it to this process's, so both sides agree.
const { timeZone, locale } = Intl.DateTimeFormat().resolvedOptions();

let demo: RunningDemo | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];
let recovered: FailoverItem | undefined;

before(async () => {
  demo = await startDemo(SCENARIO);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, timezoneId: timeZone, locale });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

/** `HH:MM:SS.mmm` in local time, written out here rather than borrowed from the page's formatter. */
function clockTime(atMs: number): string {
  const at = new Date(atMs);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
}

/** `detected 07:26:33.236`; the page puts the date in front of a time that is not today (a run across midnight). */
function stepPattern(step: string, atMs: number): RegExp {
  return new RegExp(`${step} (?:[A-Z][a-z]{2} \\d{1,2} )?${clockTime(atMs).replaceAll('.', '\\.')}`);
}

test('the r1 outage becomes a failover that reroutes and recovers', async () => {
  let last = '';
  recovered = await eventually(
    async () => {
      const list = FailoverList.parse(await getJson(`${demo!.url}/api/failovers`));
      last = JSON.stringify(list.items);
      return list.items.find((failover) => failover.region === 'r1' && failover.recovered_at !== null);
    },
    40_000,
    () => `no recovered r1 failover within 40 s; failovers: ${last}`,
  );
  assert.ok(recovered.rerouted_at !== null, 'r1 served a geo, so it was rerouted before it recovered');
  // Detection dates from the failing probe's answer and the reroute from the cycle that read the
  // routes, so on a loaded machine whose demo stalls past the GTM's switch the two can share a
  // millisecond: the failover then took no longer than one probe cycle, never less than nothing.
  assert.ok(recovered.detected_at <= recovered.rerouted_at! && recovered.rerouted_at! < recovered.recovered_at!, `steps in order: ${JSON.stringify(recovered)}`);
  assert.equal(recovered.duration_seconds, (recovered.rerouted_at! - recovered.detected_at) / 1000);
});

test('the timeline shows the failover with its detection, reroute and recovery times', async () => {
  assert.ok(recovered, 'the previous test found the failover');
  await page.goto(`${demo!.url}/failovers`);
  const entry = page.locator(`[data-testid="failover"][data-region="r1"]#failover-${recovered.id}`);
  await entry.waitFor({ state: 'visible', timeout: 20_000 });
  // The page polls; wait until it shows the recovery too, not the lane as it was while r1 was down.
  let text = '';
  await eventually(
    async () => ((text = await entry.innerText()).includes('recovered ') && stepPattern('recovered', recovered!.recovered_at!).test(text) ? true : undefined),
    10_000,
    () => `the r1 lane never showed its recovery; it reads:\n${text}`,
  );
  assert.match(text, stepPattern('detected', recovered.detected_at));
  assert.match(text, stepPattern('rerouted', recovered.rerouted_at!));
  assert.match(text, stepPattern('recovered', recovered.recovered_at!));
  assert.ok(text.includes(`after ${formatLag(recovered.duration_seconds!)}`), `the lane gives the failover time ${formatLag(recovered.duration_seconds!)}:\n${text}`);

  const table = page.getByRole('table', { name: 'Failovers, newest first' });
  const row = table.locator(`tr[data-failover-id="${recovered.id}"]`);
  assert.match(await row.innerText(), new RegExp(`r1[\\s\\S]*${clockTime(recovered.detected_at).replaceAll('.', '\\.')}[\\s\\S]*${formatLag(recovered.duration_seconds!)}`));
  const incidents = page.getByRole('region', { name: 'Incidents', exact: true });
  await incidents.waitFor({ timeout: 10_000 });
  assert.equal(await incidents.getByRole('alert').count(), 0, 'the incidents panel loaded without an error');
  await page.screenshot({ path: join(SCREENSHOTS, 'failovers.png'), fullPage: true });
});

test('the overview lists r1 among the recent failovers', async () => {
  assert.ok(recovered, 'the first test found the failover');
  await page.goto(`${demo!.url}/`);
  const card = page.getByRole('region', { name: 'Recent failovers', exact: true });
  const row = card.locator('[data-testid="recent-failover"][data-region="r1"]');
  await row.first().waitFor({ state: 'visible', timeout: 20_000 });
  assert.ok(
    (await row.allInnerTexts()).some((text) => text.includes(formatLag(recovered!.duration_seconds!))),
    'the row shows the failover time',
  );
  await card.getByRole('link', { name: 'Timeline →' }).waitFor({ timeout: 5_000 });
  // The region table gained probe columns; the existing lag grid must be intact beside it.
  await page.getByRole('grid', { name: 'Replication lag by region pair' }).waitFor({ timeout: 10_000 });
  await page.getByRole('table', { name: 'Region status' }).locator('tr[data-region="r1"]').waitFor({ timeout: 10_000 });
  await page.screenshot({ path: join(SCREENSHOTS, 'overview-failovers.png'), fullPage: true });
});

test('the failover pages raised no uncaught errors', () => {
  assert.deepEqual(pageErrors, []);
});
