import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SloSummary } from '@/lib/api/types';
import { alertCountsClass, alertLevel, countAlertLevels, describeAlertCounts, overFactor, worstFirst } from './alerts';

type AlertRow = SloSummary['alerts'][number];

function alert(severity: AlertRow['severity'], firing: boolean): AlertRow {
  return { severity, long_window: '1h', short_window: '5m', factor: 14.4, long_burn_rate: null, short_burn_rate: null, firing };
}

const slo = (name: string, remaining: number, alerts: AlertRow[]) => ({ name, error_budget_remaining: remaining, alerts });

test('a firing page outranks a firing ticket', () => {
  assert.equal(alertLevel([alert('page', false), alert('ticket', false)]), 'ok');
  assert.equal(alertLevel([alert('page', false), alert('ticket', true)]), 'ticket');
  assert.equal(alertLevel([alert('page', true), alert('ticket', true)]), 'page');
  assert.equal(alertLevel([]), 'ok');
});

test('paging SLOs come first, then ticketing, then the least budget', () => {
  const sorted = worstFirst([
    slo('calm', 0.9, [alert('page', false)]),
    slo('thin', 0.1, []),
    slo('ticketing', 0.5, [alert('ticket', true)]),
    slo('paging', 0.95, [alert('page', true)]),
    slo('also-thin', 0.1, []),
  ]);
  assert.deepEqual(
    sorted.map((item) => item.name),
    ['paging', 'ticketing', 'also-thin', 'thin', 'calm'],
  );
});

test('alert counts are described only when something fires', () => {
  const counts = countAlertLevels([slo('a', 1, [alert('page', true)]), slo('b', 1, [alert('ticket', true)]), slo('c', 1, [alert('ticket', true)])]);
  assert.deepEqual(counts, { page: 1, ticket: 2, ok: 0 });
  assert.equal(describeAlertCounts(counts), '1 paging · 2 ticketing');
  assert.equal(describeAlertCounts({ page: 0, ticket: 0, ok: 3 }), null);
  assert.equal(alertCountsClass(counts), 'meta-breach');
  assert.equal(alertCountsClass({ page: 0, ticket: 2, ok: 0 }), 'meta-warning');
  assert.equal(alertCountsClass({ page: 0, ticket: 0, ok: 3 }), '');
});

test('a burn rate is over the factor only when strictly above it, as the rule compares', () => {
  assert.equal(overFactor(14.4, 14.4), false);
  assert.equal(overFactor(14.5, 14.4), true);
  assert.equal(overFactor(null, 1), false);
});
