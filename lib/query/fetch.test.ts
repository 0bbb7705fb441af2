import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { z } from 'zod';
import { Health } from '@/lib/api/types';
import { ApiRequestError, fetchApi } from './fetch';
import { lagSeriesPath, pollEvery, shouldRetry } from './hooks';

const Answer = z.object({ value: z.number() });
const realFetch = globalThis.fetch;

function respondWith(body: string, init: ResponseInit = {}) {
  globalThis.fetch = async () => new Response(body, init);
}

afterEach(() => {
  globalThis.fetch = realFetch;
});

async function failure(promise: Promise<unknown>): Promise<ApiRequestError> {
  const error = await promise.then(
    () => assert.fail('expected the request to fail'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof ApiRequestError, `expected ApiRequestError, got ${String(error)}`);
  return error;
}

test('returns the parsed body of a 200', async () => {
  respondWith('{"value": 3}', { status: 200 });
  assert.deepEqual(await fetchApi('/api/x', Answer), { value: 3 });
});

test('an error status carries the message from the API error body', async () => {
  const body = { error: { code: 'not_found', message: 'unknown region "mars"' } };
  respondWith(JSON.stringify(body), { status: 404, statusText: 'Not Found' });
  const error = await failure(fetchApi('/api/lag/series?source=mars&target=eu-west', Answer));
  assert.equal(error.message, 'GET /api/lag/series: 404 unknown region "mars"');
  assert.equal(error.status, 404);
  assert.equal(error.code, 'not_found');
});

test('an error status without an API error body falls back to the status line', async () => {
  respondWith('<html>oops</html>', { status: 502, statusText: 'Bad Gateway' });
  const error = await failure(fetchApi('/api/x', Answer));
  assert.equal(error.message, 'GET /api/x: 502 Bad Gateway');
});

test('a network failure names the request and the cause', async () => {
  globalThis.fetch = async () => {
    throw new TypeError('fetch failed');
  };
  const error = await failure(fetchApi('/api/x', Answer));
  assert.equal(error.message, 'GET /api/x: network error: fetch failed');
  assert.equal(error.status, undefined);
});

test('a 200 that is not JSON is reported with a preview of the body', async () => {
  respondWith('<!doctype html><p>login</p>', { status: 200 });
  const error = await failure(fetchApi('/api/x', Answer));
  assert.match(error.message, /^GET \/api\/x: response is not JSON \(<!doctype html>/);
});

test('a body of the wrong shape names the offending field', async () => {
  respondWith('{"value": "three"}', { status: 200 });
  const error = await failure(fetchApi('/api/x', Answer));
  assert.match(error.message, /^GET \/api\/x: unexpected response shape: value: /);
});

test('an accepted non-2xx status is parsed as data', async () => {
  respondWith(JSON.stringify({ status: 'starting', collectors: [] }), { status: 503 });
  const health = await fetchApi('/api/health', Health, { acceptStatuses: [503] });
  assert.equal(health.status, 'starting');
});

test('an accepted status with an API error body is still an error', async () => {
  respondWith(JSON.stringify({ error: { code: 'unavailable', message: 'store locked' } }), { status: 503 });
  const error = await failure(fetchApi('/api/health', Health, { acceptStatuses: [503] }));
  assert.equal(error.message, 'GET /api/health: 503 store locked');
});

test('client errors are not retried; server and network errors are, a bounded number of times', () => {
  assert.equal(shouldRetry(0, new ApiRequestError('bad', { status: 400 })), false);
  assert.equal(shouldRetry(0, new ApiRequestError('down', { status: 503 })), true);
  assert.equal(shouldRetry(0, new ApiRequestError('offline')), true);
  assert.equal(shouldRetry(2, new ApiRequestError('offline')), false);
});

test('polling stops after a client error and continues after others', () => {
  const poll = pollEvery(1000);
  assert.equal(poll({ state: { error: null } }), 1000);
  assert.equal(poll({ state: { error: new ApiRequestError('down', { status: 503 }) } }), 1000);
  assert.equal(poll({ state: { error: new ApiRequestError('bad pair', { status: 404 }) } }), false);
});

test('the series path covers the range ending now', () => {
  const path = lagSeriesPath('us-east', 'eu-west', 300_000, 480, 1_000_000);
  assert.equal(path, '/api/lag/series?source=us-east&target=eu-west&from=700000&to=1000000&points=480');
});
