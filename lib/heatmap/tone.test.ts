import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WARNING_RATIO, lagStatus } from '@/lib/domain/lag-status';
import { lagLegend } from './tone';

test('the legend states each band at the threshold in use', () => {
  assert.deepEqual(lagLegend(0.25), [
    { tone: 'ok', label: '< 125 ms' },
    { tone: 'warning', label: '125 ms – 250 ms' },
    { tone: 'breach', label: '≥ 250 ms (SLO)' },
    { tone: 'unknown', label: 'no data' },
  ]);
});

test('the legend bounds are where the lag classification changes band', () => {
  const thresholdSeconds = 0.25;
  const warningFrom = thresholdSeconds * WARNING_RATIO;
  const [ok, warning, breach, unknown] = lagLegend(thresholdSeconds).map((entry) => entry.tone);
  assert.equal(lagStatus(warningFrom - 0.001, thresholdSeconds), ok);
  assert.equal(lagStatus(warningFrom, thresholdSeconds), warning);
  assert.equal(lagStatus(thresholdSeconds - 0.001, thresholdSeconds), warning);
  assert.equal(lagStatus(thresholdSeconds, thresholdSeconds), breach);
  assert.equal(lagStatus(null, thresholdSeconds), unknown);
});
