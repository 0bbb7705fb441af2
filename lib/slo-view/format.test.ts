import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  budgetBarFraction,
  budgetTone,
  currentBurnRate,
  currentBurnWindow,
  describeObjective,
  describeSli,
  formatBudget,
  formatBudgetTick,
  formatBurnRate,
  formatTimeToExhaustion,
  sloHref,
} from './format';

const NO_THRESHOLD = { threshold_seconds: null, source: null, target: null };

test('budget reads as a percentage, overspent ones negative', () => {
  assert.equal(formatBudget(1), '100 %');
  assert.equal(formatBudget(0.9873), '98.7 %');
  assert.equal(formatBudget(0.004), '0.4 %');
  assert.equal(formatBudget(0), '0 %');
  assert.equal(formatBudget(-0.0001), '0 %');
  assert.equal(formatBudget(-0.256), '-25.6 %');
  assert.equal(formatBudget(-9.6667), '-967 %');
  assert.equal(formatBudget(null), '—');
});

test('a touched budget never rounds up to 100 %', () => {
  assert.equal(formatBudget(0.99999), '>99.9 %');
});

test('budget ticks are whole percent', () => {
  assert.equal(formatBudgetTick(1), '100 %');
  assert.equal(formatBudgetTick(-2.5), '-250 %');
  assert.equal(formatBudgetTick(-0), '0 %');
});

test('burn rates read as multiples, with precision that matches their size', () => {
  assert.equal(formatBurnRate(null), '—');
  assert.equal(formatBurnRate(0), '0×');
  assert.equal(formatBurnRate(0.004), '<0.01×');
  assert.equal(formatBurnRate(0.75), '0.75×');
  assert.equal(formatBurnRate(2.5), '2.5×');
  assert.equal(formatBurnRate(14.4), '14.4×');
  assert.equal(formatBurnRate(15.686), '15.7×');
  assert.equal(formatBurnRate(1568.6), '1,569×');
});

test('time to exhaustion: not burning, a span, or exhausted', () => {
  assert.equal(formatTimeToExhaustion(null, 0.8), 'not burning');
  assert.equal(formatTimeToExhaustion(3 * 86_400 + 4 * 3_600, 0.8), '3d 4h');
  assert.equal(formatTimeToExhaustion(0, -2), 'exhausted');
  assert.equal(formatTimeToExhaustion(null, 0), 'exhausted');
});

test('each SLI kind is described in words', () => {
  assert.equal(describeSli({ kind: 'replication_lag', ...NO_THRESHOLD, threshold_seconds: 1 }), 'replication lag samples under 1.00 s on every region pair');
  assert.equal(describeSli({ kind: 'replication_lag', threshold_seconds: 0.25, source: 'us-east', target: 'eu-west' }), 'replication lag samples under 250 ms on us-east → eu-west');
  assert.equal(describeSli({ kind: 'availability', ...NO_THRESHOLD }), 'health probes succeeding across every region');
  assert.equal(describeSli({ kind: 'availability', ...NO_THRESHOLD, target: 'r1' }), 'health probes succeeding against r1');
  assert.equal(describeSli({ kind: 'failover_time', ...NO_THRESHOLD, threshold_seconds: 30 }), 'failovers rerouted within 30.0 s');
  assert.equal(describeSli({ kind: 'some_new_kind', ...NO_THRESHOLD }), 'good some new kind events');
});

test('the objective reads as one sentence', () => {
  const sli = { kind: 'availability', ...NO_THRESHOLD };
  assert.equal(describeObjective({ objective: 99, window_seconds: 3_600, sli }), '99 % of health probes succeeding across every region, over a rolling 1h window');
  assert.equal(describeObjective({ objective: 99.9, window_seconds: 30 * 86_400, sli }).endsWith('over a rolling 30d window'), true);
});

test('the headline burn rate is the 1 h window of a 30 d SLO, scaled to other windows', () => {
  assert.equal(currentBurnWindow(30 * 86_400), '1h');
  assert.equal(currentBurnWindow(3_600), '1m');
  assert.deepEqual(currentBurnRate({ window_seconds: 3_600, burn_rates: { '1m': 2.5, '1h': 0.1 } }), { window: '1m', rate: 2.5 });
  assert.deepEqual(currentBurnRate({ window_seconds: 3_600, burn_rates: { '1m': null } }), { window: '1m', rate: null });
});

test('budget tone and bar', () => {
  assert.equal(budgetTone(0.9), 'ok');
  assert.equal(budgetTone(0.1), 'warning');
  assert.equal(budgetTone(0), 'breach');
  assert.equal(budgetTone(-3), 'breach');
  assert.equal(budgetBarFraction(-3), 0);
  assert.equal(budgetBarFraction(0.42), 0.42);
});

test('an SLO page path escapes the name', () => {
  assert.equal(sloHref('lag-under-1s'), '/slo/lag-under-1s');
  assert.equal(sloHref('a b'), '/slo/a%20b');
});
