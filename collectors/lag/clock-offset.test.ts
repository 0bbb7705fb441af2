import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClockOffsetEstimator } from './clock-offset';

test('offset is the stamp minus the round-trip midpoint, bounded by half the rtt', () => {
  const clock = new ClockOffsetEstimator();
  clock.add({ sentAt: 1000, receivedAt: 1010, storeMs: 1305 });
  const estimate = clock.estimate()!;
  assert.equal(estimate.offsetMs, 300);
  assert.equal(estimate.errorMs, 5.5);
});

test('the tightest round trip wins over slower ones', () => {
  const clock = new ClockOffsetEstimator();
  clock.add({ sentAt: 0, receivedAt: 40, storeMs: 330 }); // offset 310 ± 20.5
  clock.add({ sentAt: 100, receivedAt: 102, storeMs: 401 }); // offset 300 ± 1.5
  clock.add({ sentAt: 200, receivedAt: 230, storeMs: 520 }); // offset 305 ± 15.5
  assert.deepEqual(clock.estimate(), { offsetMs: 300, errorMs: 1.5 });
  assert.equal(clock.toCollectorTime(1300), 1000);
});

test('a clock step replaces the old estimate at once', () => {
  const clock = new ClockOffsetEstimator();
  for (let t = 0; t < 10; t++) clock.add({ sentAt: t * 100, receivedAt: t * 100 + 1, storeMs: t * 100 + 0.5 + 200 });
  assert.equal(clock.estimate()!.offsetMs, 200);
  // The store's clock steps back by 400 ms; even a slow round trip must reveal it.
  clock.add({ sentAt: 2000, receivedAt: 2020, storeMs: 2010 - 200 });
  assert.equal(clock.estimate()!.offsetMs, -200);
});

test('no estimate before a sample', () => {
  const clock = new ClockOffsetEstimator();
  assert.equal(clock.estimate(), null);
  assert.throws(() => clock.toCollectorTime(5), /no clock offset/);
});
