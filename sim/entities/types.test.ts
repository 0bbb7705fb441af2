import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENTITY_TYPES, likeCount, orSetItems, likes, cart, session, balance, type Version } from './types';
import { compare, merge, increment } from './version-vector';
import { seededRandom } from '../random';

function divergentVersions(typeName: string, seed: number): Version[] {
  const type = ENTITY_TYPES.find((candidate) => candidate.name === typeName)!;
  const random = seededRandom(seed);
  const base = type.initial('42');
  return ['us-east', 'eu-west', 'ap-south'].map((region, index) => {
    let value = base;
    const writes = 1 + Math.floor(random() * 4);
    for (let write = 0; write < writes; write++) value = type.mutate(value, { region, random, now: 1000 + index * 7 + write, id: `${seed}-${index}-${write}` });
    return { value, ts: 1000 + index * 7 + writes, origin: region };
  });
}

test('every automatic policy converges whatever the order versions arrive in', () => {
  for (const type of ENTITY_TYPES.filter((candidate) => candidate.resolution !== 'manual')) {
    for (let seed = 1; seed <= 50; seed++) {
      const [a, b, c] = divergentVersions(type.name, seed);
      const join = (x: Version, y: Version): Version => ({ ...x, value: type.resolve(x, y).value, ts: Math.max(x.ts, y.ts) });
      const orders = [join(join(a, b), c), join(join(c, a), b), join(b, join(c, a)), join(join(b, c), join(a, c))];
      for (const result of orders.slice(1)) assert.deepEqual(result.value, orders[0].value, `${type.name} seed ${seed}`);
      assert.deepEqual(join(a, a).value, a.value, `${type.name} is idempotent`);
    }
  }
});

test('a PN-counter keeps every increment and decrement of both sides', () => {
  const local: Version = { value: { p: { 'us-east': 5 }, n: { 'us-east': 1 } }, ts: 1, origin: 'us-east' };
  const remote: Version = { value: { p: { 'us-east': 3, 'eu-west': 2 }, n: {} }, ts: 2, origin: 'eu-west' };
  const merged = likes.resolve(local, remote).value;
  assert.equal(likeCount(merged), 5 + 2 - 1);
});

test('an OR-set keeps a concurrent add over a remove that did not see it', () => {
  const local: Version = { value: { adds: { 'sku-1': ['a:1'] }, removes: ['a:1'] }, ts: 5, origin: 'us-east' };
  const remote: Version = { value: { adds: { 'sku-1': ['a:1', 'b:7'] }, removes: [] }, ts: 4, origin: 'eu-west' };
  assert.deepEqual(orSetItems(cart.resolve(local, remote).value as never), ['sku-1']);
});

test('last write wins by timestamp, region name breaking ties', () => {
  const early: Version = { value: { device: 'ios' }, ts: 10, origin: 'us-west' };
  const late: Version = { value: { device: 'web' }, ts: 11, origin: 'eu-west' };
  assert.equal(session.resolve(early, late).winner, 'eu-west');
  const tie: Version = { value: { device: 'android' }, ts: 10, origin: 'ap-south' };
  assert.equal(session.resolve(early, tie).winner, 'us-west');
  assert.equal(session.resolve(tie, early).winner, 'us-west');
});

test('the manual policy keeps the local version and leaves the conflict pending', () => {
  const resolved = balance.resolve({ value: { amount_cents: 1 }, ts: 1, origin: 'a' }, { value: { amount_cents: 2 }, ts: 2, origin: 'b' });
  assert.deepEqual(resolved, { value: { amount_cents: 1 }, winner: null, pending: true });
});

test('version vectors order versions and detect concurrency', () => {
  const base = increment({}, 'a');
  const left = increment(base, 'a');
  const right = increment(base, 'b');
  assert.equal(compare(left, base), 'after');
  assert.equal(compare(base, right), 'before');
  assert.equal(compare(left, right), 'concurrent');
  assert.equal(compare(merge(left, right), right), 'after');
  assert.equal(compare(base, { ...base }), 'equal');
});
