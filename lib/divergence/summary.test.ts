import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DivergenceCheck, DivergenceOverview } from '@/lib/api/types';
import { shapeDivergenceMatrix } from './matrix';
import { matrixTotals, pairDivergence, summariseDatasets } from './summary';

const NOW = 1_700_000_000_000;

function check(dataset: string, regionA: string, regionB: string, divergent: number, checkedAt: number, error: string | null = null, unsettled = 0): DivergenceCheck {
  return {
    dataset,
    region_a: regionA,
    region_b: regionB,
    checked_at: checkedAt,
    divergent_entities: divergent,
    unsettled_entities: unsettled,
    verdict: divergent > 0 ? 'divergent' : unsettled > 0 ? 'in_flight' : 'clean',
    age_seconds: (NOW - checkedAt) / 1000,
    current: true,
    rows_a: 10,
    rows_b: 10,
    duration_seconds: 0.1,
    round_trips: 1,
    bytes: 100,
    error,
  };
}

const overview: DivergenceOverview = {
  datasets: [
    { name: 'users', table: 'users', key: ['id'], columns: ['email'] },
    { name: 'orders', table: 'orders', key: ['id'], columns: ['total'] },
  ],
  regions: ['r1', 'r2', 'r3'],
  checks: [check('users', 'r1', 'r2', 3, NOW - 3000), check('users', 'r1', 'r3', 0, NOW - 2000), check('users', 'r2', 'r3', 3, NOW - 1000), check('orders', 'r1', 'r2', 0, NOW - 5000, 'timeout')],
};

test('datasets are summarised across pairs, with the worst pair', () => {
  const [users, orders] = summariseDatasets(shapeDivergenceMatrix(overview, NOW));
  assert.equal(users.dataset, 'users');
  assert.equal(users.divergentEntities, 6);
  assert.equal(users.divergentPairs, 2);
  assert.equal(users.checkedPairs, 3);
  assert.equal(users.worst?.pair.title, 'r1 ↔ r2');
  assert.equal(users.lastCheckedAt, NOW - 1000);
  assert.deepEqual({ divergent: orders.divergentEntities, failed: orders.failedChecks, checked: orders.checkedPairs, worst: orders.worst }, { divergent: 0, failed: 1, checked: 1, worst: null });
});

test('matrix totals count cells by state', () => {
  assert.deepEqual(matrixTotals(shapeDivergenceMatrix(overview, NOW)), { cells: 6, divergent: 2, inFlight: 0, failed: 1, unchecked: 2, notCurrent: 0 });
});

test('rows in flight are summarised apart from divergence, and old verdicts are counted', () => {
  const inFlight: DivergenceOverview = {
    ...overview,
    checks: [check('users', 'r1', 'r2', 3, NOW - 3000, null, 2), check('users', 'r1', 'r3', 0, NOW - 2000, null, 12), { ...check('users', 'r2', 'r3', 0, NOW - 600_000, null, 5), current: false }],
  };
  const model = shapeDivergenceMatrix(inFlight, NOW);
  const [users] = summariseDatasets(model);
  assert.deepEqual(
    { divergentPairs: users.divergentPairs, divergent: users.divergentEntities, inFlightPairs: users.inFlightPairs, unsettled: users.unsettledEntities, notCurrent: users.notCurrentPairs },
    { divergentPairs: 1, divergent: 3, inFlightPairs: 2, unsettled: 19, notCurrent: 1 },
  );
  assert.equal(users.worst?.pair.title, 'r1 ↔ r2');
  assert.deepEqual(matrixTotals(model), { cells: 6, divergent: 1, inFlight: 2, failed: 0, unchecked: 3, notCurrent: 1 });
});

test('a pair page gets one cell per dataset, whichever order the pair is in', () => {
  const cells = pairDivergence(overview, 'r2', 'r1', NOW);
  assert.deepEqual(
    cells.map((cell) => cell.label),
    ['users: r1 ↔ r2: 3 divergent', 'orders: r1 ↔ r2: clean, last check failed'],
  );
  assert.deepEqual(
    pairDivergence(overview, 'r1', 'mars', NOW).map((cell) => cell.state),
    ['unchecked', 'unchecked'],
  );
});
