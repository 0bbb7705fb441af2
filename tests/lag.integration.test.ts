import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, getJson, sleep, type RunningDemo } from './harness/demo';
import type { LagMatrix, LagSeries } from '@/lib/api/types';
import type { SimTruth } from '@/sim/truth';

const SCENARIO = `
seed: 7
regions: [r1, r2, r3]
replication: { delay: 120ms, jitter: 10ms, pairs: { "r1->r3": 400ms, "r3->r1": 50ms } }
clock_offset: { r2: 350ms, r3: -250ms }
workload: { writes_per_second: 10 }
faults:
  - { at: 14s, kind: replication_stall, from: r2, to: r3, duration: 8s }
`;

let demo: RunningDemo;
const samples: { at: number; matrix: LagMatrix }[] = [];
let truth: SimTruth;

before(async () => {
  demo = await startDemo(SCENARIO);
  // Sample the live matrix until the stall has ended, then read what was injected.
  for (;;) {
    samples.push({ at: Date.now(), matrix: await getJson<LagMatrix>(`${demo.url}/api/lag/matrix`) });
    truth = await getJson<SimTruth>(`${demo.url}/api/sim/truth`);
    const stall = truth.faults[0];
    if (stall.ended_at !== null && Date.now() > stall.ended_at + 2000) break;
    await sleep(100);
  }
});

after(async () => {
  await demo?.stop();
});

const lagOf = (matrix: LagMatrix, source: string, target: string) => matrix.cells.find((cell) => cell.source_region === source && cell.target_region === target)?.lag_seconds ?? null;

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))];

/** The median lag of a pair over the last half second of samples (one sample can catch a hiccup). */
const recentMedian = (source: string, target: string) =>
  quantile(
    samples
      .slice(-5)
      .map(({ matrix }) => lagOf(matrix, source, target))
      .filter((lag): lag is number => lag !== null),
    0.5,
  );

test('measured lag matches the injected delay for every ordered pair', () => {
  const stall = truth.faults[0];
  const steady = samples.filter(({ at }) => at > samples[0].at + 2000 && at < stall.started_at!);
  assert.ok(steady.length > 30, `only ${steady.length} steady samples`);
  for (const [pair, delayMs] of Object.entries(truth.delays)) {
    const [source, target] = pair.split('->');
    const errors = steady
      .map(({ matrix }) => lagOf(matrix, source, target))
      .filter((lag) => lag !== null)
      .map((lag) => Math.abs(lag! * 1000 - delayMs));
    assert.ok(errors.length > 20, `${pair}: only ${errors.length} estimates`);
    const median = quantile(errors, 0.5);
    const p95 = quantile(errors, 0.95);
    // The goal (≤ 20 ms median, ≤ 50 ms p95) is measured by bench/accuracy; here a loaded CI machine gets some slack.
    assert.ok(median <= 25, `${pair}: median error ${median.toFixed(1)} ms (delay ${delayMs} ms)`);
    assert.ok(p95 <= 60, `${pair}: p95 error ${p95.toFixed(1)} ms (delay ${delayMs} ms)`);
  }
});

test('every cell carries an error bound and a status', () => {
  const last = samples[samples.length - 1].matrix;
  assert.equal(last.cells.length, 6);
  for (const cell of last.cells) {
    assert.ok(cell.error_bound_seconds !== null && cell.error_bound_seconds >= 0 && cell.error_bound_seconds < 0.2, JSON.stringify(cell));
    assert.ok(['ok', 'warning', 'breach'].includes(cell.status), JSON.stringify(cell));
  }
});

test('during a replication stall lag rises with wall time and never reads 0', () => {
  const stall = truth.faults[0];
  const during = samples
    .filter(({ at }) => at > stall.started_at! + 1000 && at < stall.ended_at! - 300)
    .map(({ at, matrix }) => [at, lagOf(matrix, 'r2', 'r3')] as const)
    .filter((point): point is readonly [number, number] => point[1] !== null);
  assert.ok(during.length > 20, `only ${during.length} samples during the stall`);
  const [firstAt, firstLag] = during[0];
  const [lastAt, lastLag] = during[during.length - 1];
  const slope = (lastLag - firstLag) / ((lastAt - firstAt) / 1000);
  assert.ok(slope >= 0.9, `lag rose ${slope.toFixed(2)} s per second of stall`);
  assert.ok(
    during.every(([, lag]) => lag > 0.1),
    'lag never reads 0 during the stall',
  );
  // Other pairs are untouched by the stall.
  const other = recentMedian('r3', 'r2');
  assert.ok(Math.abs(other - 0.12) < 0.05, `r3->r2 lag ${other}`);
});

test('lag recovers after the stall ends', () => {
  const lag = recentMedian('r2', 'r3');
  assert.ok(Math.abs(lag - 0.12) < 0.06, `r2->r3 lag 2 s after the stall: ${lag}`);
});

test('clock offsets are estimated within a few milliseconds', async () => {
  const metrics = await (await fetch(`${demo.url}/metrics`)).text();
  for (const [region, offsetMs] of Object.entries(truth.clock_offsets)) {
    const match = new RegExp(`^regionwatch_clock_offset_seconds\\{region="${region}"\\} (\\S+)$`, 'm').exec(metrics);
    assert.ok(match, `no clock offset for ${region}`);
    assert.ok(Math.abs(Number(match[1]) * 1000 - offsetMs) < 5, `${region}: ${match[1]} s vs ${offsetMs} ms`);
  }
});

test('lag history is served downsampled to the requested points', async () => {
  // From the steady state on: in the first moments, before r1's first heartbeat has reached r3,
  // the recorded lag is the (lower) time since it was written, and downsampling keeps extremes.
  const series = await getJson<LagSeries>(`${demo.url}/api/lag/series?source=r1&target=r3&points=10&from=${samples[0].at + 2000}`);
  assert.equal(series.points.length, 10);
  for (const [at] of series.points) assert.ok(at >= series.from && at <= series.to);
  // Downsampling keeps extremes, so one hiccup of the demo's own event loop (which also runs the
  // simulated replication) shows as a point; the series as a whole must sit at the 400 ms delay.
  const near = series.points.filter(([, seconds]) => seconds > 0.3 && seconds < 0.5);
  assert.ok(near.length >= 8, `r1->r3 points ${series.points.map(([, seconds]) => seconds).join(', ')}`);
  assert.ok(
    quantile(
      series.points.map(([, seconds]) => seconds),
      0.5,
    ) < 0.45,
  );
});

test('bad series queries get a 4xx naming the field', async () => {
  const cases: [string, number, RegExp][] = [
    ['source=r1&target=r3&points=abc', 400, /points/],
    ['source=r1&target=r3&from=yesterday', 400, /from/],
    ['target=r3', 400, /source/],
    ['source=r1&target=nowhere', 404, /target/],
    ['source=r1&target=r3&from=2000&to=1000', 400, /from/],
    ['source=r1&target=r3&bogus=1', 400, /bogus/],
  ];
  for (const [query, status, field] of cases) {
    const response = await fetch(`${demo.url}/api/lag/series?${query}`);
    const body = (await response.json()) as { error: { message: string } };
    assert.equal(response.status, status, `${query}: ${JSON.stringify(body)}`);
    assert.match(body.error.message, field, query);
  }
});

test('health lists every collector and region as up', async () => {
  const health = await getJson<{ status: string; collectors: { name: string; region: string; up: boolean }[] }>(`${demo.url}/api/health`);
  assert.equal(health.status, 'ok');
  const heartbeat = health.collectors.filter((collector) => collector.name === 'heartbeat');
  assert.deepEqual(heartbeat.map((collector) => collector.region).sort(), ['r1', 'r2', 'r3']);
  assert.ok(
    health.collectors.every((collector) => collector.up),
    JSON.stringify(health.collectors),
  );
});
