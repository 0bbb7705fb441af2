import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findConditions, type WorldState } from './detect';

function world(overrides: Partial<WorldState>): WorldState {
  return {
    at: 10_000,
    lagThresholdSeconds: 1,
    pairs: [],
    up: new Map([
      ['a', true],
      ['b', true],
      ['c', true],
    ]),
    routes: new Map([
      ['geo-a', new Set(['a'])],
      ['geo-b', new Set(['b'])],
    ]),
    recentlyRecovered: [],
    domainWriters: new Map(),
    previousBacklog: new Map(),
    ...overrides,
  };
}

test('a stalled link between healthy regions is one isolation incident, which lists the stale reads it causes', () => {
  const conditions = findConditions(
    world({
      pairs: [{ source: 'a', target: 'b', lagSeconds: 5, backlog: 50 }],
      previousBacklog: new Map([['a->b', { at: 9000, backlog: 40, lagSeconds: 4 }]]),
    }),
  );
  assert.deepEqual(
    conditions.map((condition) => condition.key),
    ['isolation:a+b'],
  );
  assert.deepEqual(conditions[0].regions, ['a', 'b']);
  assert.deepEqual(conditions[0].details.stale_reads, [{ region: 'b', lag_seconds: 5, geos: ['geo-b'] }]);
});

test('a partition, stalling both directions, is one incident for both regions; another stalled link elsewhere is another', () => {
  const stalledPair = (source: string, target: string) => ({ source, target, lagSeconds: 6, backlog: 60 });
  const conditions = findConditions(
    world({
      pairs: [stalledPair('a', 'b'), stalledPair('b', 'a'), stalledPair('c', 'd'), { source: 'a', target: 'c', lagSeconds: 0.1, backlog: 1 }],
      up: new Map(['a', 'b', 'c', 'd'].map((region) => [region, true])),
      previousBacklog: new Map(['a->b', 'b->a', 'c->d'].map((key) => [key, { at: 9000, backlog: 50, lagSeconds: 5 }])),
    }),
  );
  assert.deepEqual(
    conditions.map((condition) => [condition.key, condition.regions.join(',')]),
    [
      ['isolation:a+b', 'a,b'],
      ['isolation:c+d', 'c,d'],
    ],
    'one cause each: no per-region isolation, no separate stale reads',
  );
  assert.deepEqual(
    (conditions[0].details.stale_reads as { region: string }[]).map((entry) => entry.region),
    ['a', 'b'],
  );
});

test('lag over the threshold that no stall explains (a slow, steady link) is a stale-reads incident of its own', () => {
  const conditions = findConditions(world({ pairs: [{ source: 'a', target: 'b', lagSeconds: 2, backlog: 20 }], previousBacklog: new Map([['a->b', { at: 9000, backlog: 20, lagSeconds: 2 }]]) }));
  assert.deepEqual(
    conditions.map((condition) => condition.key),
    ['stale_reads:b'],
  );
});

test('a slow but steady link, or one catching up, is not isolation', () => {
  const steady = findConditions(world({ pairs: [{ source: 'a', target: 'c', lagSeconds: 2, backlog: 20 }], previousBacklog: new Map([['a->c', { at: 9000, backlog: 20, lagSeconds: 2 }]]) }));
  assert.deepEqual(
    steady.map((condition) => condition.kind),
    [],
    'c serves no geo, so no stale reads either',
  );
  const draining = findConditions(world({ pairs: [{ source: 'a', target: 'b', lagSeconds: 3, backlog: 30 }], previousBacklog: new Map([['a->b', { at: 9000, backlog: 60, lagSeconds: 6 }]]) }));
  assert.ok(!draining.some((condition) => condition.kind === 'isolation'));
});

test('a recovered region with a backlog gets its drain rate and ETA', () => {
  const [condition] = findConditions(
    world({
      recentlyRecovered: ['b'],
      pairs: [{ source: 'a', target: 'b', lagSeconds: 0.5, backlog: 40 }],
      previousBacklog: new Map([['a->b', { at: 9000, backlog: 60, lagSeconds: 0.9 }]]),
    }),
  );
  assert.equal(condition.key, 'backlog:b');
  assert.deepEqual([condition.details.backlog, condition.details.drain_per_second, condition.details.eta_seconds], [40, 20, 2]);
});

test('one geo answered by two regions, or a domain written outside home, is split-brain', () => {
  const conditions = findConditions(
    world({
      routes: new Map([['geo-a', new Set(['a', 'b'])]]),
      domainWriters: new Map([['billing', { home: 'a', regions: ['b'] }]]),
    }),
  );
  assert.deepEqual(conditions.map((condition) => condition.key).sort(), ['split_brain:domain:billing', 'split_brain:geo:geo-a']);
});
