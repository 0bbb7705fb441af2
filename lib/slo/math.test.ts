import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertWindows, budgetConsumed, budgetRemaining, burnRate, burnWindows, errorRatio, promDuration, scaleWindow, sloWindows, timeToExhaustionMs, alertFiring, REFERENCE_WINDOW_MS } from './math';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

test('SRE Workbook: a 14.4× burn for one hour consumes 2% of a 30-day budget', () => {
  assert.ok(Math.abs(budgetConsumed(14.4, HOUR, 30 * DAY) - 0.02) < 1e-12);
  assert.ok(Math.abs(budgetConsumed(6, 6 * HOUR, 30 * DAY) - 0.05) < 1e-12, '6× for 6 h spends 5%');
  assert.ok(Math.abs(budgetConsumed(1, 3 * DAY, 30 * DAY) - 0.1) < 1e-12, '1× for 3 days spends 10%');
});

test('burn rate and budget from error ratios, by hand', () => {
  // 99.9%: 0.1% of events may fail. 1.44% failing is a 14.4× burn.
  assert.ok(Math.abs(burnRate(0.0144, 99.9) - 14.4) < 1e-9);
  assert.ok(Math.abs(budgetRemaining(0.0005, 99.9) - 0.5) < 1e-9, 'half the budget spent');
  assert.ok(Math.abs(budgetRemaining(0.002, 99.9) + 1) < 1e-9, 'overspent: −100%');
  assert.equal(budgetRemaining(0, 99), 1);
});

test('error ratio from cumulative good/total readings', () => {
  assert.equal(errorRatio({ good: 100, total: 100 }, { good: 190, total: 200 }), 0.1);
  assert.equal(errorRatio({ good: 5, total: 5 }, { good: 5, total: 5 }), null, 'no events: no ratio');
});

test('time to exhaustion at the current burn rate', () => {
  // Half the budget left, burning 2×: half of 30 days / 2 = 7.5 days.
  assert.equal(timeToExhaustionMs(0.5, 2, 30 * DAY), 7.5 * DAY);
  assert.equal(timeToExhaustionMs(0.5, 0, 30 * DAY), null);
  assert.equal(timeToExhaustionMs(-0.2, 3, 30 * DAY), 0);
});

test('alert windows for 30 days are the Workbook table; other windows scale by W/30d, never under 1m', () => {
  assert.deepEqual(
    alertWindows(REFERENCE_WINDOW_MS).map((alert) => [alert.severity, promDuration(alert.longMs), promDuration(alert.shortMs), alert.factor]),
    [
      ['page', '1h', '5m', 14.4],
      ['page', '6h', '30m', 6],
      ['ticket', '1d', '2h', 3],
      ['ticket', '3d', '6h', 1],
    ],
  );
  assert.deepEqual(
    alertWindows(DAY).map((alert) => [promDuration(alert.longMs), promDuration(alert.shortMs)]),
    [
      ['2m', '1m'],
      ['12m', '1m'],
      ['48m', '4m'],
      ['2h24m', '12m'],
    ],
  );
  assert.equal(scaleWindow(5 * 60_000, DAY), 60_000, '10 s is raised to 1 m');
  assert.equal(scaleWindow(5 * 60_000, 7 * DAY), 70_000);
  assert.deepEqual(burnWindows(REFERENCE_WINDOW_MS).map(promDuration), ['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
});

test('an SLO is measured over its burn windows, both windows of every alert and its own window, each once', () => {
  assert.deepEqual(sloWindows(REFERENCE_WINDOW_MS).map(promDuration), ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']);
  // A 1-day SLO: 5m and 30m both scale to the 1m floor, and are listed once.
  assert.deepEqual(sloWindows(DAY).map(promDuration), ['1m', '2m', '4m', '12m', '48m', '2h24m', '1d']);
  for (const windowMs of [REFERENCE_WINDOW_MS, 7 * DAY, DAY, 100 * 60_000]) {
    const windows = sloWindows(windowMs);
    const expected = [...burnWindows(windowMs), ...alertWindows(windowMs).flatMap((alert) => [alert.longMs, alert.shortMs]), windowMs];
    assert.deepEqual(
      windows,
      [...new Set(expected)].sort((a, b) => a - b),
      `window ${promDuration(windowMs)}`,
    );
  }
});

test('an alert fires only when both windows burn faster than its factor', () => {
  const [fast] = alertWindows(REFERENCE_WINDOW_MS);
  assert.equal(alertFiring(fast, 20, 15), true);
  assert.equal(alertFiring(fast, 20, 10), false, 'short window already recovered');
  assert.equal(alertFiring(fast, 10, 20), false);
  assert.equal(alertFiring(fast, null, 20), false, 'no data does not fire');
});
