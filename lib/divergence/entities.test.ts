import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DivergenceEntities } from '@/lib/api/types';
import {
  compareEntityRows,
  countKinds,
  describeKindCounts,
  describeLink,
  describeWaitingOn,
  differingColumns,
  findEntity,
  parseLink,
  sortEntities,
  sortInFlight,
  type DivergentEntity,
  type InFlightEntity,
} from './entities';

const row = (plan: string) => ({ email: 'user1601@example.com', plan, updated_at: 1_700_000_000_000 });

function entity(key: string, kind: DivergentEntity['kind']): DivergentEntity {
  return {
    key,
    region_a: 'eu-west',
    region_b: 'us-east',
    kind,
    a: kind === 'missing_in_a' ? null : { hash: `a${key}`, row: row('free') },
    b: kind === 'missing_in_b' ? null : { hash: `b${key}`, row: row(kind === 'differs' ? 'corrupted' : 'free') },
  };
}

test('keys sort the way people read numbers', () => {
  const sorted = sortEntities([entity('10', 'differs'), entity('9', 'differs'), entity('acme/2', 'differs'), entity('100', 'differs')]);
  assert.deepEqual(
    sorted.map((candidate) => candidate.key),
    ['9', '10', '100', 'acme/2'],
  );
});

test('kind counts are summarised with region names, empty kinds left out', () => {
  const counts = countKinds([entity('1', 'differs'), entity('2', 'missing_in_b'), entity('3', 'missing_in_b'), entity('4', 'differs')]);
  assert.deepEqual(counts, { differs: 2, missing_in_a: 0, missing_in_b: 2 });
  assert.equal(describeKindCounts(counts, 'eu-west', 'us-east'), '2 differ · 2 missing in us-east');
  assert.equal(describeKindCounts({ differs: 1, missing_in_a: 1, missing_in_b: 0 }, 'eu-west', 'us-east'), '1 differs · 1 missing in eu-west');
});

test('a changed row highlights only the columns that differ', () => {
  const rows = compareEntityRows(entity('1601', 'differs'));
  assert.deepEqual(
    rows.map(({ path, local, remote, differs }) => ({ path, local, remote, differs })),
    [
      { path: 'email', local: '"user1601@example.com"', remote: '"user1601@example.com"', differs: false },
      { path: 'plan', local: '"free"', remote: '"corrupted"', differs: true },
      { path: 'updated_at', local: '1700000000000', remote: '1700000000000', differs: false },
    ],
  );
  assert.deepEqual(differingColumns(rows), ['plan']);
});

test('a row missing on one side differs in every column, and the absent side has no values', () => {
  const missingInB = compareEntityRows(entity('7', 'missing_in_b'));
  assert.deepEqual(differingColumns(missingInB), ['email', 'plan', 'updated_at']);
  assert.ok(missingInB.every((candidate) => candidate.local !== undefined && candidate.remote === undefined));

  const missingInA = compareEntityRows(entity('8', 'missing_in_a'));
  assert.equal(missingInA.length, 3);
  assert.ok(missingInA.every((candidate) => candidate.local === undefined && candidate.remote !== undefined && candidate.differs));
});

function inFlight(key: string, firstSeenAt: number, waitingOn: string[] = ['eu-west->us-east']): InFlightEntity {
  return { ...entity(key, 'differs'), first_seen_at: firstSeenAt, waiting_on: waitingOn };
}

test('keys in flight are listed longest waiting first, then in key order', () => {
  const sorted = sortInFlight([inFlight('10', 2_000), inFlight('9', 2_000), inFlight('100', 1_000)]);
  assert.deepEqual(
    sorted.map((candidate) => candidate.key),
    ['100', '9', '10'],
  );
});

test('the links a key waits on are spelled like replication pairs', () => {
  assert.equal(describeLink('eu-west->us-east'), 'eu-west → us-east');
  assert.equal(describeLink('odd'), 'odd');
  assert.deepEqual(parseLink('r1->r2'), { sourceRegion: 'r1', targetRegion: 'r2' });
  assert.equal(parseLink('r1->r2->r3'), null);
  assert.equal(describeWaitingOn(['r1->r2', 'r3->r2']), 'r1 → r2, r3 → r2');
  assert.equal(describeWaitingOn([]), '—');
});

test('a selected key is found among settled rows first, then among those in flight', () => {
  const data: DivergenceEntities = {
    dataset: 'users',
    region_a: 'eu-west',
    region_b: 'us-east',
    checked_at: 1,
    entities: [entity('1', 'differs')],
    unsettled: [inFlight('2', 1)],
  };
  assert.equal(findEntity(data, '1')?.inFlight, null);
  assert.deepEqual(findEntity(data, '2')?.inFlight?.waiting_on, ['eu-west->us-east']);
  assert.equal(findEntity(data, '3'), undefined);
});
