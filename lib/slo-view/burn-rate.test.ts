import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SloDetail } from '@/lib/api/types';
import { factorLines, shapeBurnRatePanels } from './burn-rate';

type AlertRow = SloDetail['alerts'][number];

const alert = (severity: AlertRow['severity'], long_window: string, short_window: string, factor: number, firing = false): AlertRow => ({
  severity,
  long_window,
  short_window,
  factor,
  long_burn_rate: null,
  short_burn_rate: null,
  firing,
});

// The §7 table for a 30 d window.
const alerts = [alert('page', '1h', '5m', 14.4, true), alert('page', '6h', '30m', 6), alert('ticket', '1d', '2h', 3), alert('ticket', '3d', '6h', 1)];

test('one panel per window, shortest first, whatever order the API lists them in', () => {
  const panels = shapeBurnRatePanels({
    burn_rates: { '1d': 0.5, '5m': 20, '30d': 0.2, '1h': 16, '2h24m': null },
    burn_rate_series: { '5m': [[1, 20]] },
    alerts,
  });
  assert.deepEqual(
    panels.map((panel) => panel.window),
    ['5m', '1h', '2h24m', '1d', '30d'],
  );
  assert.deepEqual(panels[0].points, [[1, 20]]);
  assert.deepEqual(panels[1].points, [], 'a window without a series gets an empty one');
  assert.equal(panels[2].current, null);
});

test('each panel carries the factors of the alerts that watch its window, and whether one fires', () => {
  const panels = shapeBurnRatePanels({ burn_rates: { '5m': 1, '6h': 1, '30d': 1 }, burn_rate_series: {}, alerts });
  const byWindow = Object.fromEntries(panels.map((panel) => [panel.window, panel]));
  assert.deepEqual(byWindow['5m'].factors, [{ factor: 14.4, severity: 'page' }]);
  assert.equal(byWindow['5m'].firing, true);
  // 6h is the page's long window and the last ticket's short one.
  assert.deepEqual(byWindow['6h'].factors, [
    { factor: 6, severity: 'page' },
    { factor: 1, severity: 'ticket' },
  ]);
  assert.equal(byWindow['6h'].firing, false);
  assert.deepEqual(byWindow['30d'].factors, []);
});

test('a factor shared by a page and a ticket is drawn once, as the page', () => {
  assert.deepEqual(factorLines([alert('ticket', '1m', '1m', 6), alert('page', '1m', '1m', 6), alert('page', '1m', '1m', 14.4)]), [
    { factor: 14.4, severity: 'page' },
    { factor: 6, severity: 'page' },
  ]);
});
