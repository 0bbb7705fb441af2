import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DivergenceCheck } from '@/lib/api/types';
import { cellValueText, checkAgeMs, checkTone, describeCheck, describeCounts, isPastVerdict } from './verdict';

const NOW = 1_700_000_000_000;

function check(overrides: Partial<DivergenceCheck>): DivergenceCheck {
  return {
    dataset: 'users',
    region_a: 'r1',
    region_b: 'r2',
    checked_at: NOW - 5_000,
    divergent_entities: 0,
    unsettled_entities: 0,
    verdict: 'clean',
    age_seconds: 5,
    current: true,
    rows_a: 10,
    rows_b: 10,
    duration_seconds: 0.1,
    round_trips: 1,
    bytes: 100,
    error: null,
    ...overrides,
  };
}

test('counts read clean, divergent, in flight, or both', () => {
  assert.equal(describeCounts(0, 0), 'clean');
  assert.equal(describeCounts(3, 0), '3 divergent');
  assert.equal(describeCounts(0, 12), '12 in flight');
  assert.equal(describeCounts(3, 1_204), '3 divergent · 1,204 in flight');
});

test('in flight is never the divergent colour, current or not', () => {
  assert.equal(checkTone('in_flight', true), 'pending');
  assert.equal(checkTone('in_flight', false), 'stale');
  assert.equal(checkTone('clean', true), 'ok');
  assert.equal(checkTone('clean', false), 'stale');
  assert.equal(checkTone('divergent', true), 'breach');
  assert.equal(checkTone('divergent', false), 'breach');
  assert.equal(checkTone('failed', false), 'failed');
  assert.equal(checkTone('unchecked', true), 'unknown');
});

test('a verdict reads as now only while it is current', () => {
  assert.equal(describeCheck(check({ unsettled_entities: 12, verdict: 'in_flight' }), NOW), '12 in flight');
  assert.equal(describeCheck(check({ unsettled_entities: 12, verdict: 'in_flight', current: false, checked_at: NOW - 245_000, age_seconds: 245 }), NOW), '12 in flight as of 4m 05s ago');
  assert.equal(describeCheck(check({ divergent_entities: 3, verdict: 'divergent', error: 'timeout', current: false }), NOW), '3 divergent as of 5s ago, last check failed');
  assert.equal(describeCheck(check({ verdict: 'error', current: false, error: 'timeout' }), NOW), 'check failed, nothing compared yet');
  assert.equal(describeCheck(undefined, NOW), 'not checked yet');
  // A failed first check has no verdict to date.
  assert.equal(isPastVerdict(check({ verdict: 'error', current: false })), false);
});

test('the age keeps counting locally between polls but never runs behind the server', () => {
  assert.equal(checkAgeMs(check({ checked_at: NOW - 20_000, age_seconds: 5 }), NOW), 20_000);
  assert.equal(checkAgeMs(check({ checked_at: NOW, age_seconds: 5 }), NOW), 5_000);
});

test('cells show the settled count, else the in-flight one, both when both exist', () => {
  assert.equal(cellValueText(check({})), '0');
  assert.equal(cellValueText(check({ divergent_entities: 3, verdict: 'divergent' })), '3');
  assert.equal(cellValueText(check({ unsettled_entities: 1_204, verdict: 'in_flight' })), '1,204');
  assert.equal(cellValueText(check({ divergent_entities: 3, unsettled_entities: 12, verdict: 'divergent' })), '3 · 12');
  assert.equal(cellValueText(check({ verdict: 'error' })), '—');
  assert.equal(cellValueText(undefined), '—');
});
