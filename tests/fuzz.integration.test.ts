import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { ConfigError, parseYaml } from '@/lib/config/load';
import { Config } from '@/lib/config/schema';
import { Scenario } from '@/lib/config/scenario';
import { startDemo, type RunningDemo } from './harness/demo';

// Property-based fuzzing of every API route's parameters and bodies, and of config and scenario
// files. A client may send anything: the answer is a 2xx or a 4xx that names what was wrong,
// never a 5xx, and the server stays up. The rate limit is lifted: the fuzzer is one fast client.
const REGIONS = ['us-east', 'eu-west', 'ap-south'];
const SCENARIO = `regions: [${REGIONS.join(', ')}]\nworkload: { writes_per_second: 10, conflict_ratio: 0.2, entities: 200 }\nserver: { rate_limit: 100000 }\n`;
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

let demo: RunningDemo;

before(async () => {
  demo = await startDemo(SCENARIO);
});

after(async () => {
  await demo?.stop();
});

/** Values a hostile or careless client sends: injections, odd numbers, odd text, odd sizes. */
const hostileText = fc.oneof(
  fc.constantFrom(
    "' OR '1'='1",
    '1; DROP TABLE conflicts; --',
    '"} or vector(1) #',
    '.*',
    '../../etc/passwd',
    '%00',
    '\u0000',
    'NaN',
    'Infinity',
    '-1',
    '1e309',
    '9007199254740993',
    '0x10',
    '',
    ' ',
    '<script>alert(1)</script>',
    'us-east',
    'eu-west',
    'ünï-código ✓',
    '\ud800',
    'x'.repeat(5000),
  ),
  fc.string({ maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
);

/** Query strings of known parameter names (and some unknown ones) with hostile values. */
const queryOf = (names: string[]) =>
  fc
    .dictionary(names.length > 0 ? fc.oneof(fc.constantFrom(...names), fc.string({ minLength: 1, maxLength: 8 })) : fc.string({ minLength: 1, maxLength: 8 }), hostileText, { maxKeys: 5 })
    .map((params) => new URLSearchParams(params).toString());

/** Percent-encodes a path segment; a lone surrogate, which has no UTF-8, goes as raw invalid bytes. */
const segment = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
};

const ROUTES: { path: string | fc.Arbitrary<string>; names: string[] }[] = [
  { path: '/api/health', names: [] },
  { path: '/api/topology', names: [] },
  { path: '/api/lag/matrix', names: [] },
  { path: '/api/lag/series', names: ['source', 'target', 'from', 'to', 'points'] },
  { path: '/api/conflicts', names: ['source', 'target', 'entity_type', 'resolution', 'from', 'to', 'limit', 'cursor', 'order', 'pending'] },
  { path: hostileText.map((id) => `/api/conflicts/${segment(id)}`), names: [] },
  { path: '/api/conflicts/matrix', names: ['window'] },
  { path: '/api/conflicts/rate', names: ['source', 'target', 'entity_type', 'resolution', 'from', 'to', 'points'] },
  { path: '/api/divergence', names: [] },
  { path: hostileText.map((dataset) => `/api/divergence/${segment(dataset)}/entities`), names: ['region_a', 'region_b'] },
  { path: '/api/divergence/users/entities', names: ['region_a', 'region_b'] },
  { path: '/api/failovers', names: ['from', 'to'] },
  { path: '/api/incidents', names: ['from', 'to'] },
  { path: '/api/regions/health', names: ['window'] },
  { path: '/api/slo', names: [] },
  { path: hostileText.map((name) => `/api/slo/${segment(name)}`), names: ['points'] },
  { path: '/api/sim/truth', names: [] },
  { path: hostileText.map((rest) => `/api/${segment(rest)}`), names: [] },
  { path: hostileText.map((rest) => `/api/grafana/${segment(rest)}`), names: [] },
];

type Answer = { status: number; body: string };

async function send(method: string, path: string, body?: string, contentType = 'application/json'): Promise<Answer> {
  const response = await fetch(`${demo.url}${path}`, { method, body, headers: body === undefined ? {} : { 'content-type': contentType }, signal: AbortSignal.timeout(15_000) });
  return { status: response.status, body: await response.text() };
}

/** 2xx, or a 4xx JSON error naming its field or cause: never a 5xx. */
function assertSane(what: string, answer: Answer): void {
  assert.ok(answer.status < 500, `${what}: ${answer.status} ${answer.body.slice(0, 300)}`);
  if (answer.status >= 400) {
    const parsed = JSON.parse(answer.body) as { error?: { code?: string; message?: string; details?: { field?: string; fields?: unknown[]; rejected?: unknown[] } } };
    assert.ok(parsed.error?.code && parsed.error.message, `${what}: a 4xx without {error: {code, message}}: ${answer.body.slice(0, 300)}`);
    if (answer.status === 400) {
      const details = parsed.error.details;
      const named = details?.field !== undefined || (details?.fields?.length ?? 0) > 0 || (details?.rejected?.length ?? 0) > 0 || /^[\w.[\]()]+: /.test(parsed.error.message);
      assert.ok(named, `${what}: a 400 that names no field: ${answer.body.slice(0, 300)}`);
    }
  }
}

test('every GET route: hostile parameters get 2xx or a 4xx naming the field, never a 5xx', async () => {
  for (const route of ROUTES) {
    const path = typeof route.path === 'string' ? fc.constant(route.path) : route.path;
    await fc.assert(
      fc.asyncProperty(path, queryOf(route.names), async (base, query) => {
        const url = query ? `${base}?${query}` : base;
        assertSane(`GET ${url}`, await send('GET', url));
      }),
      { numRuns: RUNS, includeErrorInReport: true },
    );
  }
});

/** Conflict events with each field replaced, dropped or added at random. */
const eventArbitrary = fc.record(
  {
    id: fc.oneof(fc.uuid(), hostileText, fc.integer()),
    detected_at: fc.oneof(fc.integer(), fc.constant(Date.now()), hostileText, fc.constant(null)),
    source_region: fc.oneof(fc.constantFrom(...REGIONS), hostileText),
    target_region: fc.oneof(fc.constantFrom(...REGIONS), hostileText),
    entity_type: fc.oneof(fc.constant('order'), hostileText),
    entity_key: fc.oneof(fc.constant('k1'), hostileText),
    resolution: fc.oneof(fc.constantFrom('lww', 'crdt', 'merge', 'manual'), hostileText),
    winner: fc.oneof(fc.constantFrom(...REGIONS), hostileText, fc.constant(null)),
    local_version: fc.jsonValue(),
    resolved_at: fc.oneof(fc.integer(), hostileText, fc.constant(null)),
    extra: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

test('POST /api/conflicts: random events, arrays, NDJSON and garbage get 202 or a 4xx naming the field', async () => {
  const body = fc.oneof(
    fc.array(eventArbitrary, { maxLength: 5 }).map((events) => JSON.stringify(events)),
    fc.array(eventArbitrary, { maxLength: 5 }).map((events) => events.map((event) => JSON.stringify(event)).join('\n')),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    hostileText,
    fc.string({ maxLength: 200 }),
  );
  await fc.assert(
    fc.asyncProperty(body, fc.constantFrom('', '?atomic=true', '?atomic=nope'), async (text, query) => {
      assertSane(`POST /api/conflicts${query} ${text.slice(0, 80)}`, await send('POST', `/api/conflicts${query}`, text));
    }),
    { numRuns: RUNS * 3, includeErrorInReport: true },
  );
});

test('POST to every Grafana data source endpoint: random bodies get 2xx or a 4xx, never a 5xx', async () => {
  const endpoint = fc.constantFrom('metrics', 'metric-payload-options', 'query', 'variable', 'tag-keys', 'tag-values', 'annotations', '');
  const body = fc.oneof(
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc
      .record(
        {
          range: fc.record({ from: hostileText, to: hostileText }),
          targets: fc.array(fc.record({ target: hostileText, payload: fc.jsonValue(), refId: fc.string() }, { requiredKeys: [] }), { maxLength: 3 }),
          maxDataPoints: fc.oneof(fc.integer(), hostileText),
          payload: fc.jsonValue(),
          filters: fc.array(fc.record({ key: hostileText, operator: hostileText, value: hostileText }), { maxLength: 2 }),
        },
        { requiredKeys: [] },
      )
      .map((value) => JSON.stringify(value)),
    hostileText,
  );
  await fc.assert(
    fc.asyncProperty(endpoint, body, async (name, text) => {
      assertSane(`POST /api/grafana/${name} ${text.slice(0, 80)}`, await send('POST', `/api/grafana/${name}`, text));
    }),
    { numRuns: RUNS * 3, includeErrorInReport: true },
  );
});

test('after all of it the server is up, healthy and still collecting', async () => {
  assert.equal(demo.process.exitCode, null, 'the process is alive');
  const health = await send('GET', '/api/health');
  assert.equal(health.status, 200);
  assert.equal((JSON.parse(health.body) as { status: string }).status, 'ok');
  assert.doesNotMatch(demo.output(), /TypeError|ReferenceError|RangeError|unhandled/i, 'no crash was logged');
});

/** YAML documents shaped like config and scenario files, with sections and values mangled. */
const mangled = fc.dictionary(
  fc.constantFrom('regions', 'gtm', 'collectors', 'domains', 'slos', 'storage', 'prometheus', 'server', 'alerts', 'runbooks', 'replication', 'workload', 'faults', 'clock_offset', 'seed', 'nope'),
  fc.oneof(
    fc.jsonValue(),
    fc.array(fc.dictionary(fc.constantFrom('name', 'store', 'health', 'geos', 'kind', 'at', 'objective', 'window', 'sli', 'threshold'), fc.oneof(fc.jsonValue(), hostileText), { maxKeys: 4 }), {
      maxLength: 3,
    }),
  ),
  { maxKeys: 6 },
);

test('config and scenario files: anything parses or fails with ConfigError naming its path, never another error', () => {
  for (const schema of [Config, Scenario]) {
    fc.assert(
      fc.property(
        fc.oneof(
          mangled.map((doc) => stringify(doc)),
          fc.string({ maxLength: 300 }),
        ),
        (text) => {
          try {
            parseYaml(text, schema, 'fuzz.yaml');
          } catch (error) {
            assert.ok(error instanceof ConfigError, `${(error as Error).name}: ${(error as Error).message}\n---\n${text}`);
            assert.ok(
              error.problems.every((problem) => problem.message.length > 0),
              'every problem says what is wrong',
            );
          }
        },
      ),
      { numRuns: RUNS * 10, includeErrorInReport: true },
    );
  }
});
