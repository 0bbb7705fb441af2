import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PairCheck } from '@/lib/domain/divergence';
import { openEmbeddedDb } from './db';
import { DivergenceStore } from './divergence';
import { Outbox } from './outbox';

const check = (checkedAt: number, keys: string[]): PairCheck => ({
  dataset: 'users',
  regionA: 'a',
  regionB: 'b',
  checkedAt,
  entities: keys.map((key) => ({ key, kind: 'differs', a: { hash: '1', row: { id: key } }, b: { hash: '2', row: { id: key } } })),
  unsettled: [],
  stats: { rowsA: 10, rowsB: 10, bucketsCompared: 4, roundTrips: 2, bytes: 100, durationMs: 5, candidates: keys.length },
  error: null,
});

test('the last check of a pair is kept, queued for the shared store, and an older one read back is ignored', () => {
  const db = openEmbeddedDb(':memory:');
  const outbox = new Outbox(db);
  const store = new DivergenceStore(db, outbox);
  store.save(check(1000, ['7']));
  store.save(check(2000, ['7', '9']));
  assert.deepEqual(
    store.list().map((stored) => [stored.checkedAt, stored.entities.map((entity) => entity.key)]),
    [[2000, ['7', '9']]],
    'one row per dataset and pair: the newest',
  );
  assert.deepEqual(
    outbox.peek(10).map((entry) => [entry.kind, entry.ref]),
    [
      ['divergence', 'users|a|b'],
      ['divergence', 'users|a|b'],
    ],
  );
  assert.equal(store.get('users|a|b')?.checkedAt, 2000, 'the outbox reference finds it');
  assert.equal(store.applyShared(check(1500, [])), false, 'an older check from elsewhere does not replace a newer one');
  assert.equal(store.applyShared(check(3000, [])), true);
  assert.deepEqual(store.list()[0].entities, [], 'a newer one does');
  assert.equal(outbox.size(), 2, 'checks read back are not sent again');
});
