import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrometheusConfig } from '@/lib/config/schema';
import { describeBackend, PromBackendError, PromClient, stepFor } from './client';
import { fold } from './readings';

/**
 * The client against a small HTTP server that answers what a test tells it to: the PromQL
 * HTTP API's real shapes, its errors, and what a broken or slow backend sends instead.
 */
type Answer = { status: number; body: string } | 'hang';
let answer: Answer = { status: 200, body: '{}' };
const seen: { headers: IncomingMessage['headers']; path: string; body: string }[] = [];
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    seen.push({ headers: request.headers, path: request.url ?? '', body });
    if (answer === 'hang') return;
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
});
const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
const dir = mkdtempSync(join(tmpdir(), 'rw-promql-client-'));
after(() => {
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = (extra: Record<string, unknown> = {}) => new PromClient(PrometheusConfig.parse({ url: `http://user:s3cret@127.0.0.1:${port}/prom/`, timeout: '300ms', ...extra }));
const json = (value: unknown, status = 200): Answer => ({ status, body: JSON.stringify(value) });

async function failure(work: () => Promise<unknown>): Promise<PromBackendError> {
  try {
    await work();
  } catch (error) {
    assert.ok(error instanceof PromBackendError, String(error));
    assert.doesNotMatch(error.message, /s3cret/, 'credentials never reach a message');
    return error;
  }
  throw new Error('expected a backend error');
}

test('query and query_range: parameters, headers, token and values', async () => {
  const token = join(dir, 'token');
  writeFileSync(token, 'first-token\n');
  const prom = client({ bearer_token_file: token, headers: { 'X-Scope-OrgID': 'tenant-1' } });
  assert.equal(prom.backend, `http://127.0.0.1:${port}/prom`);

  answer = json({ status: 'success', data: { resultType: 'vector', result: [{ metric: { __name__: 'up', job: 'x' }, value: [1700000000.5, '1'] }] } });
  assert.deepEqual(await prom.query('up', 1_700_000_000_500), [{ labels: { __name__: 'up', job: 'x' }, at: 1_700_000_000_500, value: 1 }]);
  const call = seen.at(-1)!;
  assert.equal(call.path, '/prom/api/v1/query');
  assert.deepEqual(Object.fromEntries(new URLSearchParams(call.body)), { query: 'up', time: '1700000000.500' });
  assert.equal(call.headers.authorization, 'Bearer first-token');
  assert.equal(call.headers['x-scope-orgid'], 'tenant-1');

  // The token file is read on every call: a rotated token is used at once.
  writeFileSync(token, 'second-token');
  answer = json({
    status: 'success',
    data: {
      resultType: 'matrix',
      result: [
        {
          metric: { pair: 'a' },
          values: [
            [100, '0.5'],
            [101, 'NaN'],
            [102, '+Inf'],
            [103, '2'],
          ],
        },
      ],
    },
  });
  const [series] = await prom.queryRange('lag', 100_000, 103_000, 1000);
  assert.deepEqual(
    series.points,
    [
      [100_000, 0.5],
      [103_000, 2],
    ],
    'NaN and infinities are not points',
  );
  assert.equal(seen.at(-1)!.headers.authorization, 'Bearer second-token');
  assert.deepEqual(Object.fromEntries(new URLSearchParams(seen.at(-1)!.body)), { query: 'lag', start: '100.000', end: '103.000', step: '1.000' });

  answer = json({ status: 'success', data: { resultType: 'scalar', result: [5, '42'] } });
  assert.deepEqual(await prom.query('42', 5000), [{ labels: {}, at: 5000, value: 42 }]);
});

test('a backend that fails is a 502 or a 503 with a message naming it, never a crash', async () => {
  const prom = client();
  answer = json({ status: 'error', errorType: 'bad_data', error: 'parse error at char 3' }, 400);
  let error = await failure(() => prom.query('up{', 0));
  assert.equal(error.status, 502);
  assert.equal(error.message, `Prometheus at http://127.0.0.1:${port}/prom: bad_data: parse error at char 3`);
  assert.equal(seen.at(-1)!.headers.authorization, `Basic ${Buffer.from('user:s3cret').toString('base64')}`, 'credentials in the URL are sent as basic auth');

  answer = json({ status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' }, 503);
  assert.equal((await failure(() => prom.query('up', 0))).status, 503);

  answer = { status: 502, body: '<html>bad gateway</html>' };
  error = await failure(() => prom.query('up', 0));
  assert.deepEqual([error.status, error.message], [503, `Prometheus at http://127.0.0.1:${port}/prom: HTTP 502, not a PromQL API response`]);

  answer = { status: 200, body: '<html>login</html>' };
  assert.equal((await failure(() => prom.query('up', 0))).status, 502);

  answer = json({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {} }] } });
  error = await failure(() => prom.queryRange('up', 0, 1000, 1000));
  assert.equal(error.status, 502);
  assert.match(error.message, /unexpected query_range response \(data\.(result\.0\.values|resultType)/);

  answer = json({ status: 'success', data: { resultType: 'vector', result: [{ metric: { a: 1 }, value: [1, '1'] }] } });
  assert.match((await failure(() => prom.query('up', 0))).message, /unexpected query response \(data\.result\.0\.metric\.a/);

  answer = 'hang';
  error = await failure(() => prom.query('up', 0));
  assert.deepEqual([error.status, error.message], [503, `Prometheus at http://127.0.0.1:${port}/prom: no answer within 300 ms`]);

  const closed = createServer();
  const closedPort = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)));
  await new Promise((resolve) => closed.close(resolve));
  const refused = new PromClient(PrometheusConfig.parse({ url: `http://127.0.0.1:${closedPort}`, timeout: '1s' }));
  error = await failure(() => refused.query('up', 0));
  assert.deepEqual([error.status, error.message], [503, `Prometheus at http://127.0.0.1:${closedPort}: unreachable (ECONNREFUSED)`]);

  const noToken = client({ bearer_token_file: join(dir, 'missing') });
  error = await failure(() => noToken.query('up', 0));
  assert.match(error.message, /^prometheus\.bearer_token_file: cannot read .*missing: ENOENT$/);
});

test('the config names a bad field; steps and backend names', () => {
  const issues = (value: unknown) => PrometheusConfig.safeParse(value).error?.issues.map((issue) => issue.path.join('.'));
  assert.deepEqual(issues({ url: 'localhost:9090' }), ['url']);
  assert.deepEqual(issues({ url: 'http://p:9090', headers: { 'bad header': 'x' } }), ['headers.bad header']);
  assert.deepEqual(issues({ url: 'http://p:9090', timeout: 'soon' }), ['timeout']);
  assert.equal(PrometheusConfig.parse({ url: 'http://p:9090' }).timeout, 10_000);

  assert.equal(stepFor(0, 3_600_000, 600), 7000, '600 points over an hour: a whole-second step');
  assert.equal(stepFor(0, 86_400_000, 600), 145_000);
  assert.equal(stepFor(0, 10_000, 600), 1000, 'never under a second');
  assert.equal(describeBackend('https://u:p@mimir.internal/prometheus/?x=1'), 'https://mimir.internal/prometheus');
});

test('readings from several agents: a pair takes the worst lag, a region is up only if every copy says so', () => {
  const sample = (labels: Record<string, string>, value: number) => ({ labels, at: 0, value });
  const folded = fold([
    sample({ __name__: 'regionwatch_replication_lag_seconds', source_region: 'a', target_region: 'b', instance: 'x' }, 0.2),
    sample({ __name__: 'regionwatch_replication_lag_seconds', source_region: 'a', target_region: 'b', instance: 'y' }, 0.5),
    sample({ __name__: 'regionwatch_replication_lag_error_bound_seconds', source_region: 'a', target_region: 'b' }, 0.01),
    sample({ __name__: 'regionwatch_replication_backlog', source_region: 'a', target_region: 'b' }, 3),
    sample({ __name__: 'regionwatch_replication_backlog', source_region: 'b', target_region: 'a' }, 1),
    sample({ __name__: 'regionwatch_heartbeat_write_success', region: 'a', instance: 'x' }, 1),
    sample({ __name__: 'regionwatch_heartbeat_write_success', region: 'a', instance: 'y' }, 0),
    sample({ __name__: 'regionwatch_clock_offset_seconds', region: 'b' }, -0.25),
    sample({ __name__: 'regionwatch_collector_up', collector: 'heartbeat', region: 'a' }, 1),
    sample({ __name__: 'regionwatch_collector_up', collector: 'conflicts', region: 'a' }, 0),
  ]);
  assert.deepEqual(folded.pairs, [{ source: 'a', target: 'b', lagMs: 500, errorBoundMs: 10, backlog: 3, lastAppliedWrittenAt: null }], 'b->a has no lag: no estimate');
  assert.deepEqual(folded.clocks, [
    { region: 'a', writeSuccess: false, offsetMs: null, offsetErrorMs: null },
    { region: 'b', writeSuccess: null, offsetMs: -250, offsetErrorMs: null },
  ]);
  assert.deepEqual(folded.collectors, [
    { name: 'conflicts', region: 'a', up: false },
    { name: 'heartbeat', region: 'a', up: true },
  ]);
});
