import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from './fake-clock';
import { landedUpTo, notYetLanded, waitUntilLanded, type ReplicationFrontier } from './settlement';

/** A frontier over r1..r3 set by hand: applied[target][source] = newest applied heartbeat time. */
function frontierOf(applied: Record<string, Record<string, number | null>>): ReplicationFrontier {
  return {
    sources: () => ['r1', 'r2', 'r3'],
    appliedIn: (target) => new Map(Object.entries(applied[target] ?? {})),
  };
}

test('a pair is settled only when both regions applied a heartbeat newer than the sighting from every region', () => {
  const frontier = frontierOf({ r1: { r2: 1100, r3: 1100 }, r2: { r1: 1100, r3: 900 } });
  // r3's writes from before 1000 have not all reached r2: a third region keeps the pair (r1, r2) unsettled.
  assert.deepEqual(notYetLanded(frontier, ['r1', 'r2'], 1000), ['r3->r2']);
  assert.deepEqual(notYetLanded(frontier, ['r1', 'r2'], 800), []);
  assert.equal(landedUpTo(frontier, ['r1', 'r2']), 900);
});

test('a source never heard from keeps the pair unsettled', () => {
  const frontier = frontierOf({ r1: { r2: 5000, r3: null }, r2: { r1: 5000, r3: 5000 } });
  assert.deepEqual(notYetLanded(frontier, ['r1', 'r2'], 1000), ['r3->r1']);
  assert.equal(landedUpTo(frontier, ['r1', 'r2']), null);
});

test('waiting ends when the frontier passes the sighting, or at the timeout with what is still in flight', async () => {
  const clock = new FakeClock(0);
  const applied = { r1: { r2: 0, r3: 0 }, r2: { r1: 0, r3: 0 } } as Record<string, Record<string, number | null>>;
  const frontier = frontierOf(applied);
  let result: string[] | null = null;
  void waitUntilLanded({ frontier, clock, pollMs: 100, timeoutMs: 10_000 }, ['r1', 'r2'], 500).then((waiting) => (result = waiting));
  await clock.advance(1000);
  assert.equal(result, null, 'still waiting while nothing advanced');
  applied.r1 = { r2: 1200, r3: 1200 };
  applied.r2 = { r1: 1200, r3: 1200 };
  await clock.advance(150);
  assert.deepEqual(result, []);

  // A stalled link never lands: the wait gives up at its timeout and names the pair.
  applied.r2.r3 = 1300;
  let stalled: string[] | null = null;
  void waitUntilLanded({ frontier, clock, pollMs: 100, timeoutMs: 2000 }, ['r1', 'r2'], 1400).then((waiting) => (stalled = waiting));
  await clock.advance(2500);
  assert.deepEqual(stalled, ['r2->r1', 'r3->r1', 'r1->r2', 'r3->r2']);
});
