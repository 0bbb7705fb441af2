import { test } from 'node:test';
import assert from 'node:assert/strict';
import { History } from './history';
import { openEmbeddedDb } from './db';

const MINUTE = 60_000;
const DAY = 86_400_000;

test('raw samples are served for recent ranges', () => {
  const history = new History(openEmbeddedDb(':memory:'), 35 * DAY);
  const now = 10 * DAY;
  history.record([0, 1, 2].map((index) => ({ series: 'lag:a->b', at: now - 3000 + index * 1000, value: 0.1 * (index + 1) })));
  assert.deepEqual(history.query('lag:a->b', now - 10_000, now, now), [
    [now - 3000, 0.1],
    [now - 2000, 0.2],
    [now - 1000, 0.30000000000000004],
  ]);
  assert.deepEqual(history.query('lag:x->y', now - 10_000, now, now), [], 'an unknown series is empty');
});

test('roll-ups average each minute and keep old ranges small', () => {
  const history = new History(openEmbeddedDb(':memory:'), 35 * DAY);
  const start = 100 * DAY;
  // Three hours of one sample per second, lag alternating 0.1 / 0.3 s.
  const samples = Array.from({ length: 3 * 3600 }, (_, index) => ({ series: 'lag:a->b', at: start + index * 1000, value: index % 2 === 0 ? 0.1 : 0.3 }));
  history.record(samples);
  const now = start + 3 * 3600 * 1000;
  history.maintain(now);
  const sizes = history.sizes();
  assert.equal(sizes.samples_1m, 180, 'one roll-up per minute');
  assert.equal(sizes.samples_15m, 12, 'one roll-up per quarter hour');
  assert.ok(sizes.samples_raw <= 2 * 3600 + 1, `raw samples beyond 2 h are dropped (${sizes.samples_raw})`);
  // A range reaching further back than the raw tier keeps is answered from the 1-minute tier.
  const points = history.query('lag:a->b', start, now, now);
  assert.equal(points.length, 180);
  assert.ok(points.every(([at, value]) => at % MINUTE === 0 && Math.abs(value - 0.2) < 1e-9));
});

test('retention removes everything older than it', () => {
  const history = new History(openEmbeddedDb(':memory:'), 2 * DAY);
  const now = 50 * DAY;
  history.record([
    { series: 's', at: now - 3 * DAY, value: 1 },
    { series: 's', at: now - 1000, value: 2 },
  ]);
  history.maintain(now);
  const longRange = history.query('s', now - 10 * DAY, now, now);
  assert.ok(
    longRange.every(([at, value]) => at >= now - 2 * DAY && value === 2),
    `the 3-day-old sample is gone: ${JSON.stringify(longRange)}`,
  );
  assert.equal(history.sizes().samples_raw, 1);
  assert.deepEqual(history.query('s', now - 5000, now, now), [[now - 1000, 2]]);
});

test('non-finite values are not stored', () => {
  const history = new History(openEmbeddedDb(':memory:'), DAY);
  history.record([
    { series: 's', at: 1000, value: Number.NaN },
    { series: 's', at: 2000, value: Infinity },
  ]);
  assert.equal(history.sizes().samples_raw, 0);
});

test('SLO event counts keep one point per minute for 30 days; other series roll up after 8 days', () => {
  const history = new History(openEmbeddedDb(':memory:'), 35 * DAY);
  const now = 200 * DAY;
  const samples = [];
  for (let minute = 30 * 24 * 60; minute >= 1; minute -= 7) {
    samples.push({ series: 'slo:avail:total', at: now - minute * MINUTE, value: minute }, { series: 'lag:a->b', at: now - minute * MINUTE, value: 1 });
  }
  history.record(samples);
  history.maintain(now);
  const slo = history.query('slo:avail:total', now - 30 * DAY, now, now);
  const lag = history.query('lag:a->b', now - 30 * DAY, now, now);
  assert.ok(slo.length > 6000, `${slo.length} minute points for the SLO series`);
  assert.ok(slo.every(([at]) => at % MINUTE === 0));
  assert.ok(lag.length < 3000, `${lag.length} points for a lag series over 30 days (15-minute tier)`);
});
