import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SloRangeParam, parseSloName } from './params';

test('an SLO name must follow the config rule', () => {
  assert.equal(parseSloName({ name: 'lag-under-1s' }), 'lag-under-1s');
  assert.equal(parseSloName({ name: 'Lag Under 1s' }), null);
  assert.equal(parseSloName({ name: 'x'.repeat(65) }), null);
  assert.equal(parseSloName({}), null);
});

test('the range defaults to the whole window', () => {
  assert.equal(SloRangeParam.parse('recorded'), 'recorded');
  assert.equal(SloRangeParam.parse(undefined), 'recorded');
  assert.equal(SloRangeParam.parse(['recorded', 'window']), 'recorded');
  assert.equal(SloRangeParam.parse('bogus'), 'recorded');
  assert.equal(SloRangeParam.parse('window'), 'window');
});
