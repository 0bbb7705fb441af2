import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { z } from 'zod';
import { SloDetail, SloList } from '@/lib/api/types';
import { launchChromium, eventually } from './harness/browser';
import { getJson, sleep, startDemo, type RunningDemo } from './harness/demo';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Refreshed on every run (not committed), like the screenshots of the other browser tests.
const SCREENSHOTS = join(ROOT, 'data', 'screenshots');
// r1 is down from 12 s to 22 s: a third of the probes fail, far more than the 1 % an `avail` budget allows.
const SCENARIO = `
regions: [r1, r2, r3]
replication: { delay: 60ms, jitter: 5ms }
workload: { writes_per_second: 20 }
gtm: { check_interval: 500ms, ttl: 1s }
collectors: { probes: { interval: 250ms, timeout: 1s } }
slos:
  - { name: avail, objective: 99, window: 1h, sli: { kind: availability } }
faults:
  - { at: 12s, kind: region_outage, region: r1, duration: 10s }
`;
const SLO_PATH = '/slo/avail';

const Truth = z.object({ faults: z.array(z.object({ started_at: z.number().nullable(), ended_at: z.number().nullable() })) });

let demo: RunningDemo | undefined;
let demoStartedAt = 0;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];
/** Every budget the page was sent by `GET /api/slo/avail`, so the displayed one can be traced to an answer. */
const budgetsSent: number[] = [];
let budgetBefore: number | undefined;

before(async () => {
  demoStartedAt = Date.now();
  demo = await startDemo(SCENARIO);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('response', async (response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/slo/avail') || !response.ok()) return;
    const detail = SloDetail.safeParse(await response.json().catch(() => null));
    if (detail.success) budgetsSent.push(detail.data.error_budget_remaining);
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

async function outage() {
  return Truth.parse(await getJson(`${demo!.url}/api/sim/truth`)).faults[0];
}

/** Opens the SLO page and waits for the burn-down's curve. */
async function openSloPage(query = ''): Promise<void> {
  await page.goto(`${demo!.url}${SLO_PATH}${query}`);
  await page.getByRole('heading', { level: 1, name: 'avail' }).waitFor({ timeout: 20_000 });
  // Recharts draws the surface before the series; a missing curve times out here.
  await page.locator('[data-testid="burn-down"] svg path.recharts-curve').first().waitFor({ timeout: 20_000 });
}

/**
 * The budget the page shows: its exact value (`data-value`) and its text, read together.
 * The text must say the same number in percent, rounded as displayed.
 */
async function displayedBudget(): Promise<number> {
  const element = page.getByTestId('budget-remaining');
  await element.waitFor({ timeout: 10_000 });
  const { value, text } = await element.evaluate((node) => ({ value: node.getAttribute('data-value'), text: node.textContent ?? '' }));
  const remaining = Number(value);
  assert.ok(value !== null && Number.isFinite(remaining), `budget-remaining has a numeric data-value, got ${value}`);
  const shownPercent = Number.parseFloat(text.replace(/^>/, ''));
  assert.ok(Number.isFinite(shownPercent), `the budget is shown as a number: "${text}"`);
  assert.ok(Math.abs(shownPercent - remaining * 100) <= (Math.abs(remaining) >= 1 ? 0.5 : 0.1), `"${text}" shows the budget ${remaining}`);
  return remaining;
}

test('the SLO page draws the burn-down and shows the budget before the outage', async () => {
  await openSloPage();
  budgetBefore = await displayedBudget();
  const fault = await outage();
  assert.ok(fault.started_at === null || fault.started_at > Date.now() - 1_000, `read before the outage began (it started at ${fault.started_at})`);
  assert.ok(budgetBefore > 0.5, `a healthy start leaves most of the budget, got ${budgetBefore}`);
  assert.match(await page.getByTestId('slo-objective').innerText(), /^99 % of health probes .* over a rolling 1h window\.$/);
  await page.screenshot({ path: join(SCREENSHOTS, 'slo-before.png'), fullPage: true });
});

test('during the outage the budget burns and the page says so', async () => {
  assert.ok(budgetBefore !== undefined, 'the first test read the budget');
  await eventually(
    async () => ((await outage()).started_at !== null ? true : undefined),
    30_000,
    () => 'the outage never started',
  );
  await sleep(5_000);
  await openSloPage();
  const budgetDuring = await displayedBudget();
  assert.ok(budgetDuring < budgetBefore, `the budget is being spent: ${budgetBefore} → ${budgetDuring}`);
  await page.screenshot({ path: join(SCREENSHOTS, 'slo-during.png'), fullPage: true });
});

test('after the outage the budget shown is visibly lower, and the API agrees', async () => {
  assert.ok(budgetBefore !== undefined, 'the first test read the budget');
  await eventually(
    async () => ((await outage()).ended_at !== null ? true : undefined),
    40_000,
    () => 'the outage never ended',
  );
  await openSloPage();
  const budgetAfter = await displayedBudget();
  // By now the window holds readings from before and after the outage: the budget line itself is drawn, not only the ideal.
  const budgetLine = page.locator('[data-testid="burn-down"] .burn-down-remaining path.recharts-curve');
  await budgetLine.first().waitFor({ timeout: 10_000 });
  assert.match((await budgetLine.first().getAttribute('d')) ?? '', /L/, 'the budget line joins at least two readings');
  assert.ok(budgetAfter < 1, `some budget is spent: ${budgetAfter}`);
  assert.ok(budgetAfter <= budgetBefore - 0.1, `the budget fell by at least 10 points: ${budgetBefore} → ${budgetAfter}`);
  // The page shows exactly what the API sent it, not a value of its own making.
  assert.ok(budgetsSent.includes(budgetAfter), `the shown budget ${budgetAfter} is one the API sent: ${budgetsSent.slice(-5).join(', ')}`);
  // And the API, asked directly, has spent the budget too (it moves with every probe, so no exact match).
  const listed = SloList.parse(await getJson(`${demo!.url}/api/slo`)).items.find((slo) => slo.name === 'avail');
  assert.ok(listed, '/api/slo lists avail');
  assert.ok(listed.error_budget_remaining < budgetBefore - 0.1, `/api/slo agrees the budget fell: ${listed.error_budget_remaining}`);
  assert.ok(Math.sign(listed.error_budget_remaining) === Math.sign(budgetAfter), `page ${budgetAfter} and API ${listed.error_budget_remaining} agree on whether it is overspent`);

  const alerts = page.getByRole('table', { name: 'Burn-rate alerts' });
  assert.equal(await alerts.locator('tbody tr').count(), 4, 'one row per §7 alert');
  const markers = page.getByRole('list', { name: 'Failovers and conflict spikes on the chart' });
  let markerText = '';
  await eventually(
    async () => ((markerText = await markers.innerText().catch(() => '')).includes('r1 failed over') ? true : undefined),
    15_000,
    () => `the burn-down never marked the r1 failover; its markers read:\n${markerText}`,
  );
  await page.screenshot({ path: join(SCREENSHOTS, 'slo-after.png'), fullPage: true });
  await openSloPage('?range=recorded');
  await page.screenshot({ path: join(SCREENSHOTS, 'slo-recorded.png'), fullPage: true });
});

test('by default the charts span the data that exists, and windows longer than it say so', async () => {
  await openSloPage();
  const chart = page.getByTestId('burn-down');
  const [fromMs, toMs] = (await Promise.all([chart.getAttribute('data-from-ms'), chart.getAttribute('data-to-ms')])).map(Number);
  assert.ok(fromMs >= demoStartedAt - 5000, `the burn-down starts with the data (${new Date(fromMs).toISOString()}), not an hour back`);
  assert.ok(toMs - fromMs < 30 * 60_000, 'minutes, not the whole 1 h window');
  // The longest burn-rate window (scaled from 3 d to this 1 h SLO) is longer than the minutes recorded.
  const partial = page.getByTestId('burn-rate-partial');
  await partial.first().waitFor({ timeout: 20_000 });
  assert.match(await partial.first().innerText(), /^only \d+m of data so far$/);
  const windows = page.getByTestId('burn-rate-window');
  const last = windows.nth((await windows.count()) - 1);
  assert.equal(await last.getByTestId('burn-rate-partial').count(), 1, `the ${await last.getAttribute('data-window')} window says its data is partial`);
  // The whole window stays one click away.
  await openSloPage('?range=window');
  const whole = page.getByTestId('burn-down');
  const span = Number(await whole.getAttribute('data-to-ms')) - Number(await whole.getAttribute('data-from-ms'));
  assert.ok(Math.abs(span - 3_600_000) < 120_000, `?range=window spans the 1 h window: ${span} ms`);
});

test('the overview has a card for the SLO that links to its page', async () => {
  await page.goto(`${demo!.url}/`);
  const card = page.locator('[data-testid="slo-card"][data-slo="avail"]');
  await card.waitFor({ timeout: 20_000 });
  const link = card.locator(`a[href="${SLO_PATH}"]`);
  assert.equal(await link.count(), 1, 'the card links to /slo/avail');
  await page.screenshot({ path: join(SCREENSHOTS, 'overview-slo.png'), fullPage: true });
  await link.click();
  await page.waitForURL((url) => url.pathname === SLO_PATH, { timeout: 10_000 });
  await page.getByTestId('burn-down').waitFor({ timeout: 20_000 });
});

test('an unknown SLO gets a clear state, not a broken page', async () => {
  await page.goto(`${demo!.url}/slo/no-such-slo`);
  const state = page.getByTestId('no-such-slo');
  await state.waitFor({ timeout: 20_000 });
  assert.match(await state.innerText(), /No SLO named no-such-slo/);
  // The configured names arrive with the SLO list, a moment after the 404.
  await state.locator(`a[href="${SLO_PATH}"]`).waitFor({ timeout: 10_000 });
});

test('the SLO pages raised no uncaught errors', () => {
  assert.deepEqual(pageErrors, []);
});
