import assert from 'node:assert/strict';
import { test } from 'node:test';
import { routeCounts, shapeRoutes } from './routes';

const regions = [
  { name: 'r1', geos: ['eu'] },
  { name: 'r2', geos: ['na'] },
  { name: 'r3', geos: ['ap'] },
];

test('each geo is compared with the region that serves it first', () => {
  const routes = shapeRoutes(
    [
      { geo: 'eu', regions: ['r2'] },
      { geo: 'na', regions: ['r1', 'r2'] },
      { geo: 'ap', regions: ['r3'] },
      { geo: 'sa', regions: ['r2'] },
    ],
    regions,
  );
  assert.deepEqual(
    routes.map(({ geo, homeRegion, state }) => [geo, homeRegion, state]),
    [
      ['ap', 'r3', 'home'],
      ['eu', 'r1', 'failed_over'],
      ['na', 'r2', 'split'],
      ['sa', null, 'home'],
    ],
  );
  assert.deepEqual(routeCounts(routes), { home: 2, failed_over: 1, split: 1, unrouted: 0 });
});

test('a configured geo the GTM did not answer for is unrouted', () => {
  const routes = shapeRoutes([{ geo: 'eu', regions: ['r1'] }], regions);
  assert.deepEqual(
    routes.map((route) => route.state),
    ['unrouted', 'home', 'unrouted'],
  );
});

test('without a GTM there are no routes to show', () => {
  assert.deepEqual(shapeRoutes([], regions), []);
});
