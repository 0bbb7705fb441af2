import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorRateTone, formatErrorRate, formatFailoverCount, formatLatencies, formatSpan, listRegions } from './format';

test('sub-second percentiles share one unit', () => {
  assert.equal(formatLatencies({ p50: 0.0054, p95: 0.0384, p99: 0.8273 }), '5 / 38 / 827 ms');
  assert.equal(formatLatencies({ p50: 0.0001, p95: 0.002, p99: 0.004 }), '<1 / 2 / 4 ms');
});

test('percentiles of a second or more each carry their unit', () => {
  assert.equal(formatLatencies({ p50: 0.012, p95: 1.2, p99: 2 }), '12 ms / 1.20 s / 2.00 s');
  // 999.6 ms rounds to a full second, so it is not squeezed into the ms form.
  assert.equal(formatLatencies({ p50: 0.5, p95: 0.9996, p99: 0.9996 }), '500 ms / 1.00 s / 1.00 s');
});

test('no latency (no successful probe) is a dash', () => {
  assert.equal(formatLatencies(null), '—');
});

test('error rates get precision that matches their size', () => {
  assert.equal(formatErrorRate(0), '0 %');
  assert.equal(formatErrorRate(0.0004), '<0.1 %');
  assert.equal(formatErrorRate(0.0432), '4.3 %');
  assert.equal(formatErrorRate(0.43636), '44 %');
  assert.equal(formatErrorRate(null), '—');
});

test('any failed probe warns; a tenth of them is a breach', () => {
  assert.equal(errorRateTone(0), 'ok');
  assert.equal(errorRateTone(0.02), 'warning');
  assert.equal(errorRateTone(0.1), 'breach');
  assert.equal(errorRateTone(null), 'unknown');
});

test('spans read like lag and never go negative', () => {
  assert.equal(formatSpan(2002), '2.00 s');
  assert.equal(formatSpan(185_000), '3m 05s');
  assert.equal(formatSpan(-3), '0 ms');
  assert.equal(formatSpan(null), '—');
});

test('region lists read as prose', () => {
  assert.equal(listRegions([]), '—');
  assert.equal(listRegions(['r2']), 'r2');
  assert.equal(listRegions(['r2', 'r3']), 'r2 and r3');
  assert.equal(listRegions(['r2', 'r3', 'r4']), 'r2, r3 and r4');
});

test('failover counts agree in number', () => {
  assert.equal(formatFailoverCount(1), '1 failover');
  assert.equal(formatFailoverCount(1204), '1,204 failovers');
});
