import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson, diffVersions, differingTopLevelFields, flattenVersion, formatPath, mergedFields } from './diff';

const rowsOf = (rows: ReturnType<typeof diffVersions>) => rows.map(({ path, local, remote, differs }) => ({ path, local, remote, differs }));

test('nested objects flatten to leaves in document order; arrays stay whole', () => {
  const leaves = flattenVersion({ adds: { 'sku-1': ['us-east:17'] }, removes: ['us-west:4'], meta: {} });
  assert.deepEqual(leaves, [
    { segments: ['adds', 'sku-1'], value: ['us-east:17'] },
    { segments: ['removes'], value: ['us-west:4'] },
    { segments: ['meta'], value: {} },
  ]);
});

test('a scalar version is a single leaf with an empty path', () => {
  assert.deepEqual(flattenVersion(42), [{ segments: [], value: 42 }]);
  assert.deepEqual(rowsOf(diffVersions('a', 'b', [])), [{ path: '', local: '"a"', remote: '"b"', differs: true }]);
});

test('paths quote keys that are not plain words', () => {
  assert.equal(formatPath(['p', 'us-east']), 'p.us-east');
  assert.equal(formatPath(['adds', 'sku.1']), 'adds["sku.1"]');
  assert.equal(formatPath(['a b']), '["a b"]');
});

test('top-level scalar fields: changed ones differ, equal ones do not', () => {
  const local = { user: 'u1', device: 'ios', ts: 100 };
  const remote = { user: 'u1', device: 'android', ts: 140 };
  assert.deepEqual(rowsOf(diffVersions(local, remote, ['device', 'ts'])), [
    { path: 'user', local: '"u1"', remote: '"u1"', differs: false },
    { path: 'device', local: '"ios"', remote: '"android"', differs: true },
    { path: 'ts', local: '100', remote: '140', differs: true },
  ]);
});

test('PN-counter versions align per region, absent entries on either side differ', () => {
  const local = { p: { 'us-east': 3 }, n: { 'eu-west': 1 } };
  const remote = { p: { 'us-east': 3, 'us-west': 2 }, n: {} };
  assert.deepEqual(rowsOf(diffVersions(local, remote, ['p', 'n'])), [
    { path: 'p.us-east', local: '3', remote: '3', differs: false },
    { path: 'p.us-west', local: undefined, remote: '2', differs: true },
    // The remote's empty `n` is not a row of its own: `n.eu-west` already says it is missing there.
    { path: 'n.eu-west', local: '1', remote: undefined, differs: true },
  ]);
});

test('fields only the remote has come after the local ones', () => {
  const rows = diffVersions({ a: 1 }, { b: 2, a: 1 }, ['b']);
  assert.deepEqual(
    rows.map((row) => row.path),
    ['a', 'b'],
  );
  assert.deepEqual(differingTopLevelFields(rows), ['b']);
});

test('key order inside values is not a difference', () => {
  assert.equal(canonicalJson({ b: [1, { d: 1, c: 2 }], a: 0 }), canonicalJson({ a: 0, b: [1, { c: 2, d: 1 }] }));
  const rows = diffVersions({ tags: [{ x: 1, y: 2 }] }, { tags: [{ y: 2, x: 1 }] }, []);
  assert.equal(rows[0].differs, false);
});

test('a field the API lists stays highlighted even when its leaves compare equal here', () => {
  const rows = diffVersions({ amount_cents: 1200, note: 'a' }, { amount_cents: 1200, note: 'a' }, ['amount_cents']);
  assert.deepEqual(
    rows.map((row) => row.differs),
    [true, false],
  );
});

test('array order matters: sets are compared as sent', () => {
  const rows = diffVersions({ removes: ['a', 'b'] }, { removes: ['b', 'a'] }, []);
  assert.equal(rows[0].differs, true);
});

test('merged fields say which version they match', () => {
  const local = { p: { 'us-east': 3 }, n: { 'eu-west': 1 }, name: 'Ann' };
  const remote = { p: { 'us-east': 3, 'us-west': 2 }, n: {}, name: 'Anne' };
  const merged = { p: { 'us-east': 3, 'us-west': 2 }, n: { 'eu-west': 1 }, name: 'Anna' };
  assert.deepEqual(
    mergedFields(local, remote, merged).map(({ path, value, origin }) => ({ path, value, origin })),
    [
      { path: 'p.us-east', value: '3', origin: 'both' },
      { path: 'p.us-west', value: '2', origin: 'remote' },
      { path: 'n.eu-west', value: '1', origin: 'local' },
      { path: 'name', value: '"Anna"', origin: 'new' },
    ],
  );
});
