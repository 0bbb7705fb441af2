import { test } from 'node:test';
import assert from 'node:assert/strict';
import { burnDown, burnRateSeries, sloStatus, goodSeries, totalSeries, type CountSeries } from './status';
import { BURN_RATE, sloRuleGroups } from './rules';
import { promDuration, sloWindows } from './math';
import { History } from '@/lib/store/history';
import { openEmbeddedDb } from '@/lib/store/db';
import type { SloConfig } from '@/lib/config/schema';

const near = (actual: number | null | undefined, expected: number, what: string) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

const MINUTE = 60_000;
const slo: SloConfig = { name: 'avail', objective: 99, window: 100 * MINUTE, sli: { kind: 'availability' } };

/** 100 events a minute; from minute 50 to 60, 10 of them fail. */
function series(): CountSeries {
  const out: CountSeries = { at: [], good: [], total: [] };
  let good = 0;
  for (let minute = 0; minute <= 100; minute++) {
    out.at.push(minute * MINUTE);
    out.total.push(minute * 100);
    out.good.push(good);
    good += minute >= 50 && minute < 60 ? 90 : 100;
  }
  return out;
}

test('burn-down falls only while errors happen; the ideal line ends at 0 at the window end', () => {
  const data = series();
  const current = { good: data.good.at(-1)!, total: data.total.at(-1)! };
  const { actual, ideal } = burnDown(slo, data, current, 1000, 100 * MINUTE);
  // 100 bad events of 10,000 against a 1 % budget (100 allowed): the whole budget is spent.
  near(actual.at(-1)![1], 0, 'all spent');
  near(actual.find(([at]) => at === 50 * MINUTE)![1], 1, 'untouched before the errors');
  near(actual.find(([at]) => at === 55 * MINUTE)![1], 0.5, 'half spent halfway through them');
  assert.deepEqual(ideal, [
    [0, 1],
    [100 * MINUTE, 0],
  ]);
});

test('burn rate over a window, by hand: 10 % errors against a 1 % budget is 10×', () => {
  const rates = burnRateSeries(slo, series(), 5 * MINUTE, 1000);
  near(rates.find(([at]) => at === 58 * MINUTE)![1], 10, '10× during the errors');
  near(rates.find(([at]) => at === 70 * MINUTE)![1], 0, 'clean after');
});

test('status from recorded counts: budget, burn and time to exhaustion', () => {
  const history = new History(openEmbeddedDb(':memory:'), 365 * 86_400_000);
  const data = series();
  const now = 100 * MINUTE;
  history.record(
    data.at.flatMap((at, index) => [
      { series: goodSeries('avail'), at, value: data.good[index] },
      { series: totalSeries('avail'), at, value: data.total[index] },
    ]),
  );
  const status = sloStatus(slo, history, { good: data.good.at(-1)!, total: data.total.at(-1)! }, now);
  near(status.budgetRemaining, 0, 'budget');
  assert.equal(status.timeToExhaustionMs, null, 'the last hour-equivalent window is clean: not burning');
  assert.equal(status.alerts.filter((alert) => alert.firing).length, 0);
});

test('the API reports a burn rate for exactly the windows the generated rules record', () => {
  const monthly: SloConfig = { name: 'lag', objective: 99.9, window: 30 * 1440 * MINUTE, sli: { kind: 'replication_lag', threshold: 1000 } };
  for (const candidate of [slo, monthly]) {
    const history = new History(openEmbeddedDb(':memory:'), 365 * 86_400_000);
    const apiWindows = Object.keys(sloStatus(candidate, history, { good: 0, total: 0 }, 100 * MINUTE).burnRates);
    const [group] = sloRuleGroups([candidate]) as Array<{ rules: Array<{ record?: string; labels?: { window?: string } }> }>;
    const ruleWindows = group.rules.filter((rule) => rule.record === BURN_RATE).map((rule) => rule.labels?.window);
    assert.deepEqual(apiWindows, ruleWindows, candidate.name);
    assert.deepEqual(apiWindows, sloWindows(candidate.window).map(promDuration), candidate.name);
  }
});
