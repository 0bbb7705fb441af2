import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DivergenceCheck, DivergenceOverview } from '@/lib/api/types';
import { regionPairs, shapeDivergenceMatrix } from './matrix';
import { checkState, divergenceLegend } from './verdict';

const NOW = 1_700_000_060_000;
const USERS = { name: 'users', table: 'users', key: ['id'], columns: ['email', 'plan', 'updated_at'] };
const ORDERS = { name: 'orders', table: 'orders', key: ['id'], columns: ['total'] };

function check(regionA: string, regionB: string, divergent: number, overrides: Partial<DivergenceCheck> = {}): DivergenceCheck {
  return {
    dataset: 'users',
    region_a: regionA,
    region_b: regionB,
    checked_at: NOW - 12_000,
    divergent_entities: divergent,
    unsettled_entities: 0,
    verdict: divergent > 0 ? 'divergent' : 'clean',
    age_seconds: 12,
    current: true,
    rows_a: 2000,
    rows_b: 1999,
    duration_seconds: 0.205,
    round_trips: 5,
    bytes: 3475,
    error: null,
    ...overrides,
  };
}

function overviewOf(regions: string[], checks: DivergenceCheck[], datasets = [USERS]): DivergenceOverview {
  return { datasets, regions, checks };
}

test('pairs are unordered, alphabetical, one per two regions', () => {
  assert.deepEqual(
    regionPairs(['us-east', 'eu-west', 'ap-south']).map((pair) => pair.title),
    ['ap-south ↔ eu-west', 'ap-south ↔ us-east', 'eu-west ↔ us-east'],
  );
  assert.equal(regionPairs(Array.from({ length: 20 }, (_, index) => `region-${index}`)).length, 190);
  assert.equal(regionPairs(['r1', 'r1']).length, 0);
});

test('one cell per dataset and pair, labelled with the count', () => {
  const model = shapeDivergenceMatrix(overviewOf(['r1', 'r2', 'r3'], [check('r1', 'r2', 5), check('r1', 'r3', 0)], [USERS, ORDERS]), NOW);
  assert.deepEqual(model.datasets, ['users', 'orders']);
  assert.equal(model.cells.flat().length, 2 * 3);
  assert.deepEqual(
    model.cells[0].map((cell) => cell.label),
    ['users: r1 ↔ r2: 5 divergent', 'users: r1 ↔ r3: clean', 'users: r2 ↔ r3: not checked yet'],
  );
  assert.deepEqual(
    model.cells[0].map((cell) => [cell.state, cell.tone, cell.valueText]),
    [
      ['divergent', 'breach', '5'],
      ['clean', 'ok', '0'],
      ['unchecked', 'unknown', '—'],
    ],
  );
  assert.equal(model.cells[1][0].label, 'orders: r1 ↔ r2: not checked yet');
  assert.equal(model.cells[0][0].href, '/divergence/users/r1/r2');
});

test('the tooltip says when and at what cost the pair was compared', () => {
  const [cell] = shapeDivergenceMatrix(overviewOf(['r1', 'r2'], [check('r1', 'r2', 5)]), NOW).cells[0];
  assert.equal(cell.checkedAt, NOW - 12_000);
  assert.deepEqual(cell.details, [
    { term: 'Checked', value: '12s ago' },
    { term: 'Rows in r1', value: '2,000' },
    { term: 'Rows in r2', value: '1,999' },
    { term: 'Duration', value: '205 ms' },
    { term: 'Round trips', value: '5' },
    { term: 'Transferred', value: '3.4 KiB' },
  ]);
});

test('a failed check keeps the previous count, is marked, and carries its message', () => {
  const failed = check('r1', 'r2', 3, { error: 'checksum scan in r2: connect ECONNREFUSED', rows_a: null, rows_b: null, duration_seconds: null, round_trips: null, bytes: null });
  const [cell] = shapeDivergenceMatrix(overviewOf(['r1', 'r2'], [failed]), NOW).cells[0];
  assert.equal(cell.state, 'failed');
  assert.equal(cell.tone, 'failed');
  assert.equal(cell.label, 'users: r1 ↔ r2: 3 divergent, last check failed');
  assert.equal(cell.error, 'checksum scan in r2: connect ECONNREFUSED');
  assert.deepEqual(cell.details.slice(0, 2), [
    { term: 'Check failed', value: '12s ago' },
    { term: 'Rows in r1', value: '—' },
  ]);
});

test('regions and datasets only the checks mention are drawn, not dropped', () => {
  const model = shapeDivergenceMatrix(overviewOf(['r1', 'r2'], [check('r1', 'r9', 1, { dataset: 'ghosts' })]), NOW);
  assert.deepEqual(model.datasets, ['users', 'ghosts']);
  assert.deepEqual(
    model.pairs.map((pair) => pair.title),
    ['r1 ↔ r2', 'r1 ↔ r9', 'r2 ↔ r9'],
  );
  assert.equal(model.cells[1][1].label, 'ghosts: r1 ↔ r9: 1 divergent');
});

test('states and the legend agree', () => {
  assert.equal(checkState(undefined), 'unchecked');
  assert.equal(checkState(check('a', 'b', 0)), 'clean');
  assert.equal(checkState(check('a', 'b', 2)), 'divergent');
  assert.equal(checkState(check('a', 'b', 0, { unsettled_entities: 4, verdict: 'in_flight' })), 'in_flight');
  assert.equal(checkState(check('a', 'b', 0, { error: 'x' })), 'failed');
  assert.equal(checkState(check('a', 'b', 0, { verdict: 'error', current: false })), 'failed');
  assert.deepEqual(
    divergenceLegend().map((entry) => entry.tone),
    ['ok', 'breach', 'pending', 'stale', 'failed', 'unknown'],
  );
});

const cellOf = (only: DivergenceCheck) => shapeDivergenceMatrix(overviewOf(['r1', 'r2'], [only]), NOW).cells[0][0];

test('rows only in flight are their own state, counted as in flight and never as divergent', () => {
  const cell = cellOf(check('r1', 'r2', 0, { unsettled_entities: 12, verdict: 'in_flight' }));
  assert.deepEqual([cell.state, cell.tone, cell.valueText], ['in_flight', 'pending', '12']);
  assert.equal(cell.label, 'users: r1 ↔ r2: 12 in flight');
  assert.deepEqual([cell.count, cell.unsettled], [0, 12]);
  assert.doesNotMatch(cell.label, /divergent/);
  assert.notEqual(cell.tone, 'breach');
});

test('settled divergence beside rows in flight shows both, in the divergent colour', () => {
  const cell = cellOf(check('r1', 'r2', 3, { unsettled_entities: 12 }));
  assert.deepEqual([cell.state, cell.tone, cell.valueText], ['divergent', 'breach', '3 · 12']);
  assert.equal(cell.label, 'users: r1 ↔ r2: 3 divergent · 12 in flight');
});

test('a verdict that is no longer current says how old it is, and is muted unless divergence settled', () => {
  const inFlight = cellOf(check('r1', 'r2', 0, { unsettled_entities: 12, verdict: 'in_flight', current: false, checked_at: NOW - 240_000, age_seconds: 240 }));
  assert.equal(inFlight.label, 'users: r1 ↔ r2: 12 in flight as of 4m 00s ago');
  assert.deepEqual([inFlight.tone, inFlight.current], ['stale', false]);

  const clean = cellOf(check('r1', 'r2', 0, { current: false, checked_at: NOW - 662_000, age_seconds: 662 }));
  assert.equal(clean.label, 'users: r1 ↔ r2: clean as of 11m 02s ago');
  assert.equal(clean.tone, 'stale');

  // Landing writes cannot make settled divergence go away: still red, but dated.
  const divergent = cellOf(check('r1', 'r2', 3, { unsettled_entities: 2, current: false, age_seconds: 12 }));
  assert.equal(divergent.label, 'users: r1 ↔ r2: 3 divergent · 2 in flight as of 12s ago');
  assert.deepEqual([divergent.tone, divergent.current], ['breach', false]);
});

test('the age is the server’s when the local clock lags behind it', () => {
  const cell = cellOf(check('r1', 'r2', 0, { current: false, checked_at: NOW + 5_000, age_seconds: 90 }));
  assert.equal(cell.label, 'users: r1 ↔ r2: clean as of 1m 30s ago');
  assert.deepEqual(cell.details[0], { term: 'Checked', value: '1m 30s ago' });
});

test('a pair whose every check failed has no counts to show', () => {
  const cell = cellOf(check('r1', 'r2', 0, { verdict: 'error', current: false, error: 'connect ECONNREFUSED', rows_a: null, rows_b: null }));
  assert.deepEqual([cell.state, cell.tone, cell.valueText, cell.count, cell.unsettled], ['failed', 'failed', '—', null, null]);
  assert.equal(cell.label, 'users: r1 ↔ r2: check failed, nothing compared yet');
});
