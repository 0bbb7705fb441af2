import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { Topology } from '@/lib/api/types';
import { launchChromium, eventually } from './harness/browser';
import { getJson, startDemo, type RunningDemo } from './harness/demo';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Refreshed on every run (not committed), like the overview screenshot of browser.test.ts.
const SCREENSHOTS = join(ROOT, 'data', 'screenshots');
const HEATMAP_NAME = 'Conflict rate by region pair';
// The list page's page size (components/conflicts/ConflictListPanel.tsx).
const LIST_PAGE_SIZE = 50;
const CONFLICT_CELL_LABEL = /^([a-z0-9-]+) → ([a-z0-9-]+): (\d+) conflicts? in 5m$/;

let demo: RunningDemo | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  demo = await startDemo();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

function conflictHeatmap(): Locator {
  return page.getByRole('grid', { name: HEATMAP_NAME });
}

async function cellLabels(): Promise<string[]> {
  return conflictHeatmap()
    .getByRole('gridcell')
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('aria-label') ?? ''));
}

/** Ids of the conflict rows in `scope`, in table order. */
async function rowIds(scope: Locator): Promise<string[]> {
  return scope.locator('tbody tr[data-conflict-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-conflict-id') ?? ''));
}

test('the overview conflict heatmap has one labelled cell per ordered region pair', async () => {
  const topology = Topology.parse(await getJson(`${demo!.url}/api/topology`));
  const regionCount = topology.regions.length;
  assert.ok(regionCount >= 2, `topology lists ${regionCount} regions`);

  await page.goto(`${demo!.url}/`);
  await conflictHeatmap().waitFor({ timeout: 30_000 });
  const expected = regionCount * (regionCount - 1);
  let labels: string[] = [];
  await eventually(
    async () => ((labels = await cellLabels()).length === expected ? true : undefined),
    5_000,
    () => `expected ${expected} gridcells for ${regionCount} regions, found ${labels.length}`,
  );
  for (const label of labels) assert.match(label, CONFLICT_CELL_LABEL);
});

test('a pair with conflicts leads to a conflict with both versions side by side', async () => {
  let labels: string[] = [];
  const busyLabel = await eventually(
    async () => (labels = await cellLabels()).find((label) => Number(CONFLICT_CELL_LABEL.exec(label)?.[3] ?? 0) >= 1),
    60_000,
    () => `no pair saw a conflict within 60 s; labels were:\n${labels.join('\n')}`,
  );
  const [, sourceRegion, targetRegion] = CONFLICT_CELL_LABEL.exec(busyLabel)!;
  const pairPath = `/pairs/${sourceRegion}/${targetRegion}`;
  // By link target, not label: the count changes with every refresh.
  await conflictHeatmap().locator(`a[href="${pairPath}"]`).click();
  await page.waitForURL((url) => url.pathname === pairPath, { timeout: 10_000 });

  const conflictsPanel = page.getByRole('region', { name: 'Conflicts', exact: true });
  const firstConflict = conflictsPanel.locator('tbody a[href^="/conflicts/"]').first();
  await firstConflict.waitFor({ timeout: 30_000 });
  await firstConflict.click();
  await page.waitForURL((url) => /^\/conflicts\/\d+$/.test(url.pathname), { timeout: 10_000 });

  // The local side is the detecting (target) region, the remote side the writing (source) region.
  const local = page.getByRole('region', { name: `Local version (${targetRegion})`, exact: true });
  const remote = page.getByRole('region', { name: `Remote version (${sourceRegion})`, exact: true });
  await local.waitFor({ timeout: 20_000 });
  await remote.waitFor({ timeout: 5_000 });
  for (const pane of [local, remote]) {
    assert.ok(await pane.isVisible());
    const rawJson = await pane.locator('.raw-json pre').textContent();
    assert.equal(typeof JSON.parse(rawJson ?? ''), 'object', `pane holds a JSON object: ${rawJson}`);
    const values = await pane.locator('.field-value code').allTextContents();
    assert.ok(
      values.some((value) => isJson(value)),
      `pane shows field values as JSON: ${values.join(' | ')}`,
    );
  }
  const differing = await local.locator('[data-differs="true"]').count();
  assert.ok(differing >= 1, 'at least one field is highlighted as differing');
  assert.equal(await remote.locator('[data-differs="true"]').count(), differing, 'both panes highlight the same rows');

  await page.screenshot({ path: join(SCREENSHOTS, 'conflict-detail.png'), fullPage: true });
});

test('the conflicts list pages to older conflicts by cursor', async () => {
  // The demo writes conflicts continuously; wait until there is more than one page of them.
  await eventually(
    async () => ((await getJson<{ next_cursor: string | null }>(`${demo!.url}/api/conflicts?limit=${LIST_PAGE_SIZE}`)).next_cursor ? true : undefined),
    120_000,
    () => `the demo never recorded more than ${LIST_PAGE_SIZE} conflicts`,
  );
  await page.goto(`${demo!.url}/conflicts`);
  const table = page.getByRole('table', { name: 'Conflicts, newest first' });
  await table.waitFor({ timeout: 30_000 });
  const firstPage = await eventually(
    async () => {
      const ids = await rowIds(table);
      return ids.length > 0 ? ids : undefined;
    },
    10_000,
    () => 'the conflicts table has no rows',
  );
  assert.ok(firstPage.length > 0);

  const older = page.getByRole('navigation', { name: 'Pages', exact: true }).getByRole('link', { name: 'Older →' });
  await older.waitFor({ timeout: 10_000 });

  // Read the rows and follow the link in one step, so a refresh in between cannot shift the page.
  const shownWhenClicked = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('table[aria-label="Conflicts, newest first"] tbody tr[data-conflict-id]')].map((row) => row.getAttribute('data-conflict-id') ?? '');
    const link = [...document.querySelectorAll<HTMLAnchorElement>('nav[aria-label="Pages"] a')].find((a) => a.textContent?.includes('Older'));
    link!.click();
    return ids;
  });
  await page.waitForURL((url) => url.pathname === '/conflicts' && url.searchParams.has('cursor'), { timeout: 10_000 });
  let secondPage: string[] = [];
  await eventually(
    async () => {
      secondPage = await rowIds(table);
      return secondPage.length > 0 && secondPage.every((id) => !shownWhenClicked.includes(id)) ? true : undefined;
    },
    15_000,
    () => `the older page repeats rows of the newest: ${secondPage.filter((id) => shownWhenClicked.includes(id)).join(', ')}`,
  );
  await page.getByRole('link', { name: '← Newest' }).first().waitFor({ timeout: 5_000 });
});

test('the conflict pages raised no uncaught errors', () => {
  assert.deepEqual(pageErrors, []);
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
