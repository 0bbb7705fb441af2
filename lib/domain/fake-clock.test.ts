import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from './fake-clock';
import { sleepOn } from './clock';

test('a fake clock runs timers in order as it is advanced, and only then', async () => {
  const clock = new FakeClock(1000);
  const fired: string[] = [];
  clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200);
  clock.setTimeout(() => fired.push(`a@${clock.now()}`), 100);
  const cancelled = clock.setTimeout(() => fired.push('never'), 150);
  clock.clearTimeout(cancelled);
  await clock.advance(99);
  assert.deepEqual(fired, []);
  await clock.advance(200);
  assert.deepEqual(fired, ['a@1100', 'b@1200']);
  assert.equal(clock.now(), 1299);
});

test('sleepOn resolves when the fake clock passes it, and chained sleeps follow', async () => {
  const clock = new FakeClock(0);
  let woke = 0;
  void (async () => {
    await sleepOn(clock, 50);
    await sleepOn(clock, 50);
    woke = clock.now();
  })();
  await clock.advance(120);
  assert.equal(woke, 100);
});
