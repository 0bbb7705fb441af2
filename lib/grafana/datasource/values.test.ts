import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GrafanaRequestError, fieldPath } from './errors';
import { Filters, multiValues, singleValue } from './values';

test('multi-value variables arrive as lists, regex groups, globs or pipes, and all mean the same values', () => {
  const expected = ['us-east', 'eu-west'];
  for (const raw of [
    ['us-east', 'eu-west'],
    '(us-east|eu-west)',
    '{us-east,eu-west}',
    'us-east|eu-west',
    'us-east,eu-west',
    ['(us-east|eu-west)'],
    ['us-east', '{eu-west}'],
    '(us\\-east|eu\\-west)',
  ]) {
    assert.deepEqual(multiValues(raw, 'f'), expected, JSON.stringify(raw));
  }
  assert.deepEqual(multiValues('us-east', 'f'), ['us-east']);
  assert.deepEqual(multiValues(['a', 'a', 'b'], 'f'), ['a', 'b'], 'duplicates collapse');
  assert.deepEqual(multiValues('a\\|b', 'f'), ['a|b'], 'an escaped pipe is part of the value');
  for (const every of [undefined, null, '', [], '*', '.*', '$__all', ['$__all'], '(a|.*)']) assert.equal(multiValues(every, 'f'), null, JSON.stringify(every));
  assert.throws(
    () => multiValues({ a: 1 }, 'targets[0].payload.source'),
    (error: GrafanaRequestError) => error.status === 400 && error.message === 'targets[0].payload.source: must be a string or a list of strings',
  );
  assert.throws(() => multiValues(['a', { b: 1 }], 'p.source'), /^Error: p\.source\[1\]: must be/);
  assert.equal(singleValue(['table'], 'f'), 'table');
  assert.equal(singleValue(25, 'f'), '25');
  assert.throws(() => singleValue('(a|b)', 'p.format'), /p\.format: takes one value, got 2/);
});

test('ad hoc filters: = and != on single values, anchored regexes, any-of for multi-valued labels, unknown keys ignored', () => {
  const filters = Filters.compile([
    { key: 'source_region', operator: '=~', value: 'us-.*' },
    { key: 'target_region', operator: '!=', value: 'eu-west' },
  ]);
  assert.equal(filters.matches({ source_region: ['us-east'], target_region: ['ap-south'] }), true);
  assert.equal(filters.matches({ source_region: ['us-east'], target_region: ['eu-west'] }), false);
  assert.equal(filters.matches({ source_region: ['xus-east'], target_region: ['ap-south'] }), false, 'regexes are anchored');
  assert.equal(filters.matches({ source_region: ['eu-west', 'us-west'], target_region: ['ap-south'] }), true, 'any value of a multi-valued label');
  assert.equal(filters.matches({ source_region: ['us-east'], target_region: ['ap-south', 'eu-west'] }), false, '!= holds only when no value equals');
  assert.equal(filters.matches({ dataset: ['users'] }), true, 'a row without region labels is not filtered on them');
  assert.equal(filters.touches('source_region') && !filters.touches('dataset'), true);
  assert.equal(Filters.compile([{ key: 'dataset', operator: '!~', value: 'us.*' }]).allows('dataset', 'orders'), true);
  assert.equal(Filters.none().matches({ source_region: ['x'] }), true);
});

test('filters that cannot be applied are 400s naming the filter', () => {
  const message = (filters: unknown) => {
    try {
      Filters.compile(filters);
    } catch (error) {
      assert.ok(error instanceof GrafanaRequestError && error.status === 400);
      return error.message;
    }
    assert.fail('no error');
  };
  assert.equal(message([{ key: 'region', operator: '=', value: 'x' }]), 'filters[0].key: unknown filter key "region" (source_region, target_region, entity_type, dataset)');
  assert.equal(
    message([
      { key: 'dataset', operator: '=', value: 'x' },
      { key: 'dataset', operator: '<', value: '3' },
    ]),
    'filters[1].operator: unsupported operator "<" (use =, !=, =~, !~)',
  );
  assert.match(message([{ key: 'dataset', operator: '=~', value: '(' }]), /^filters\[0\]\.value: not a valid regular expression/);
  assert.match(message([{ key: 'dataset', operator: '=' }]), /^filters\[0\]\.value: /);
  assert.match(message('source_region=x'), /^filters: /);
});

test('field paths read like the request: targets[0].payload.source', () => {
  assert.equal(fieldPath(['targets', 0, 'payload', 'source']), 'targets[0].payload.source');
  assert.equal(fieldPath(['source'], 'targets[2].payload'), 'targets[2].payload.source');
  assert.equal(fieldPath([0], 'filters'), 'filters[0]');
  assert.equal(fieldPath([]), '(body)');
});
