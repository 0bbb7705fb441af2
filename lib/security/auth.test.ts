import { test } from 'node:test';
import assert from 'node:assert/strict';
import bcrypt from 'bcryptjs';
import { Authenticator, FailureLimiter, RateLimiter, sameSecret } from './auth';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

test('bearer token, token cookie and bcrypt users are accepted; anything else is refused and says whether credentials came', async () => {
  const auth = new Authenticator({ token: 's3cret', basicUsers: { ops: bcrypt.hashSync('pw:with:colons', 4) } });
  assert.deepEqual(auth.schemes, ['Basic', 'Bearer']);
  assert.deepEqual(await auth.check({ authorization: 'Bearer s3cret' }), { ok: true, user: 'token' });
  assert.deepEqual(await auth.check({ cookie: 'a=b; regionwatch_token=s3cret' }), { ok: true, user: 'token' });
  assert.deepEqual(await auth.check({ authorization: basic('ops', 'pw:with:colons') }), { ok: true, user: 'ops' }, 'the password may hold colons');
  assert.deepEqual(await auth.check({ authorization: basic('ops', 'pw:with:colons') }), { ok: true, user: 'ops' }, 'and is remembered');
  assert.deepEqual(await auth.check({ authorization: 'Bearer s3cret-not' }), { ok: false, presented: true });
  assert.deepEqual(await auth.check({ authorization: basic('ops', 'wrong') }), { ok: false, presented: true });
  assert.deepEqual(await auth.check({ authorization: basic('nobody', 'pw:with:colons') }), { ok: false, presented: true });
  assert.deepEqual(await auth.check({ authorization: basic('constructor', 'x') }), { ok: false, presented: true }, 'no prototype keys as users');
  assert.deepEqual(await auth.check({}), { ok: false, presented: false });
  assert.deepEqual(await auth.check({ cookie: 'regionwatch_token=%E0%A4%A' }), { ok: false, presented: true }, 'a malformed cookie is a failure, not a crash');
  assert.equal(auth.acceptsTokenParameter('s3cret'), true);
  assert.equal(auth.acceptsTokenParameter(null), false);
});

test('secrets compare equal only when equal, whatever their lengths', () => {
  assert.equal(sameSecret('abc', 'abc'), true);
  assert.equal(sameSecret('abc', 'abcd'), false);
  assert.equal(sameSecret('', 'abc'), false);
});

test('a client is locked out after max failures within the window, and only that client', () => {
  const limiter = new FailureLimiter(3, 60_000);
  for (let i = 0; i < 3; i++) limiter.fail('10.0.0.1', 1000);
  assert.equal(limiter.blockedFor('10.0.0.1', 2000), 59_000);
  assert.equal(limiter.blockedFor('10.0.0.2', 2000), 0);
  assert.equal(limiter.blockedFor('10.0.0.1', 61_000), 0, 'free again once the window ends');
});

test('the rate limiter lets bursts of twice the rate through, then asks the client to wait', () => {
  const limiter = new RateLimiter(5);
  const waits = Array.from({ length: 11 }, () => limiter.take('c', 0));
  assert.deepEqual(waits.slice(0, 10), Array(10).fill(0));
  assert.equal(waits[10], 200, 'one token comes back every 200 ms');
  assert.equal(limiter.take('c', 200), 0);
  assert.equal(limiter.take('other', 0), 0, 'per client');
});
