import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PairLagEstimator } from './estimator';

/** A deterministic pseudo-random source so the simulated runs are repeatable. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Run {
  /** Lag (ms) of the heartbeat written at `t`, or Infinity while replication is stopped. */
  lagAt: (t: number) => number;
  durationMs: number;
  intervalMs?: number;
  seed?: number;
}

/** Simulates heartbeats every interval and one read of the target per interval at a random phase. */
function simulate(run: Run, sampleAt: (t: number, estimator: PairLagEstimator) => void): void {
  const interval = run.intervalMs ?? 100;
  const random = seeded(run.seed ?? 1);
  const estimator = new PairLagEstimator();
  const writes: { seq: number; writtenAt: number; appliedAt: number }[] = [];
  for (let cycle = 0; cycle * interval < run.durationMs; cycle++) {
    const writtenAt = cycle * interval;
    const appliedAt = writtenAt + run.lagAt(writtenAt);
    // Replication is FIFO: a heartbeat is never visible before the one written before it.
    const previous = writes.at(-1)?.appliedAt ?? 0;
    writes.push({ seq: cycle, writtenAt, appliedAt: Math.max(previous, appliedAt) });
    estimator.onWritten(cycle, writtenAt);
    const readAt = writtenAt + random() * interval;
    const visible = writes.filter((w) => w.appliedAt <= readAt).at(-1);
    estimator.onRead(visible?.seq ?? -1, readAt, readAt + 0.2);
    sampleAt(readAt, estimator);
  }
}

test('steady lag is estimated well inside one heartbeat interval', () => {
  for (const delay of [50, 80, 220, 700, 2000]) {
    const random = seeded(delay);
    const errors: number[] = [];
    simulate({ lagAt: () => delay + (random() * 2 - 1) * 10, durationMs: 30_000, seed: delay }, (t, estimator) => {
      if (t > 5000) errors.push(Math.abs(estimator.estimate()!.lagMs - delay));
    });
    errors.sort((a, b) => a - b);
    const median = errors[Math.floor(errors.length / 2)];
    const p95 = errors[Math.floor(errors.length * 0.95)];
    assert.ok(median <= 20, `delay ${delay}: median error ${median.toFixed(1)} ms`);
    assert.ok(p95 <= 50, `delay ${delay}: p95 error ${p95.toFixed(1)} ms`);
  }
});

test('the error bound covers the true lag most of the time', () => {
  let covered = 0;
  let total = 0;
  simulate({ lagAt: () => 300, durationMs: 20_000 }, (t, estimator) => {
    if (t < 3000) return;
    const { lagMs, errorBoundMs } = estimator.estimate()!;
    total++;
    if (Math.abs(lagMs - 300) <= errorBoundMs + 1) covered++;
  });
  assert.ok(covered / total > 0.9, `covered ${covered}/${total}`);
});

test('during a stall the lag rises with wall time, then recovers', () => {
  const stallStart = 10_000;
  const stallEnd = 18_000;
  const lag = (t: number) => (t >= stallStart && t < stallEnd ? stallEnd - t + 80 : 80);
  const samples: [number, number][] = [];
  simulate({ lagAt: lag, durationMs: 25_000 }, (t, estimator) => samples.push([t, estimator.estimate()!.lagMs]));
  const at = (time: number) => samples.find(([t]) => t >= time)![1];
  const slope = (at(17_000) - at(12_000)) / 5;
  assert.ok(slope >= 0.9 * 1000, `lag rose ${slope.toFixed(0)} ms per second of stall`);
  assert.ok(at(17_900) > 7500, `lag at end of stall ${at(17_900)}`);
  assert.ok(Math.abs(at(21_000) - 80) < 30, `lag 3 s after recovery ${at(21_000)}`);
  assert.ok(
    samples.every(([, value]) => value > 0),
    'lag never reads 0',
  );
});

test('backlog counts heartbeats written and not yet visible', () => {
  const estimator = new PairLagEstimator();
  for (let seq = 0; seq < 5; seq++) estimator.onWritten(seq, seq * 100);
  estimator.onRead(1, 450, 451);
  const estimate = estimator.estimate()!;
  assert.equal(estimate.backlog, 3);
  assert.equal(estimate.lastAppliedWrittenAt, 100);
  // Heartbeat 2 was written at 200 and still missing at 450: lag is at least 250 ms.
  assert.ok(estimate.lagMs >= 250, `lag ${estimate.lagMs}`);
});

test('nothing written yet means no estimate', () => {
  const estimator = new PairLagEstimator();
  assert.equal(estimator.estimate(), null);
  estimator.onWritten(0, 0);
  assert.equal(estimator.estimate(), null, 'written but never read');
  estimator.onRead(-1, 40, 41);
  assert.equal(estimator.estimate()!.lagMs, 40);
});
