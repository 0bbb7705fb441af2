import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml, ConfigError, detectKind } from './load';
import { Config } from './schema';
import { Scenario } from './scenario';
import { parseDurationMs, formatDuration } from './duration';

function problemsOf(yaml: string, schema: typeof Config | typeof Scenario = Config): string[] {
  try {
    parseYaml(yaml, schema, 'test.yaml');
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
  }
  assert.fail('expected the config to be rejected');
}

const VALID = `
regions:
  - { name: us-east, store: "sqlite:/tmp/a.db", geos: [na-east] }
  - { name: eu-west, store: "postgres://rw:secret@db/app" }
slos:
  - { name: lag-under-1s, objective: 99.9, window: 30d, sli: { kind: replication_lag, threshold: 1s } }
`;

test('a valid config parses with defaults filled in', () => {
  const config = parseYaml(VALID, Config);
  assert.equal(config.collectors.heartbeat.interval, 100);
  assert.equal(config.collectors.heartbeat.table, 'regionwatch_heartbeat');
  assert.equal(config.slos[0].window, 30 * 86_400_000);
  assert.equal(config.slos[0].sli.threshold, 1000);
  assert.equal(config.storage.retention, 35 * 86_400_000);
});

test('an unknown key is an error at its own path and line, with the known key it is a typo of', () => {
  const problems = problemsOf(`${VALID}\ncollectors: { heartbeat: { intervall: 100ms } }\n`);
  assert.deepEqual(problems, ['collectors.heartbeat.intervall: unknown key "intervall"; did you mean "interval"?']);
  try {
    parseYaml('regions:\n  - name: a\n    store: "sqlite:/x.db"\n    helth: http://x\nstorge:\n  path: x\nzzzzzz: 1\n', Config);
    assert.fail('expected errors');
  } catch (error) {
    const { problems: found } = error as ConfigError;
    assert.deepEqual(
      found.map((problem) => `${problem.path} (line ${problem.line}): ${problem.message}`),
      ['regions[0].helth (line 4): unknown key "helth"; did you mean "health"?', 'storge (line 5): unknown key "storge"; did you mean "storage"?', 'zzzzzz (line 7): unknown key "zzzzzz"'],
      'the line of the key itself, not of its map or value',
    );
  }
});

test('errors name the YAML path of the bad value', () => {
  const problems = problemsOf(`
regions:
  - { name: us-east, store: "sqlite:/a.db" }
  - { name: us-west, store: "sqlite:/b.db" }
  - { name: eu-west, store: "redis://cache" }
  - { name: US_East, store: "sqlite:/c.db" }
`);
  assert.ok(
    problems.some((problem) => problem.startsWith('regions[2].store: must be sqlite:PATH')),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((problem) => problem.startsWith('regions[3].name: must match [a-z0-9-]+')),
    problems.join('\n'),
  );
});

test('every problem is reported, each with its line', () => {
  try {
    parseYaml('regions:\n  - { name: a, store: "sqlite:x" }\n  - { name: a, store: "sqlite:y" }\nslos:\n  - { name: s, objective: 120, sli: { kind: nope } }\n', Config);
    assert.fail('expected errors');
  } catch (error) {
    const { problems } = error as ConfigError;
    const paths = problems.map((problem) => problem.path);
    assert.ok(paths.includes('regions[1].name'), paths.join(', '));
    assert.ok(paths.includes('slos[0].objective'), paths.join(', '));
    assert.ok(paths.includes('slos[0].sli.kind'), paths.join(', '));
    assert.equal(problems.find((problem) => problem.path === 'slos[0].objective')?.line, 5);
  }
});

test('bad durations, unknown regions and missing thresholds are caught', () => {
  const problems = problemsOf(`
regions: [ { name: a, store: "sqlite:x" } ]
collectors: { heartbeat: { interval: fast } }
domains: [ { name: billing, mode: active-passive, home: mars } ]
slos: [ { name: lag, objective: 99, sli: { kind: replication_lag } } ]
`);
  assert.ok(
    problems.some((problem) => problem.startsWith('collectors.heartbeat.interval: "fast" is not a duration')),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((problem) => problem.startsWith('domains[0].home: unknown region "mars"')),
    problems.join('\n'),
  );
  assert.ok(problems.includes('slos[0].sli.threshold: required for kind replication_lag'), problems.join('\n'));
});

test('YAML syntax errors are reported with a line', () => {
  try {
    parseYaml('regions:\n  - name: a\n   store: x\n', Config);
    assert.fail('expected a syntax error');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.match(error.problems[0].message, /^YAML: /);
    assert.equal(typeof error.problems[0].line, 'number');
  }
});

test('a scenario validates faults and pair names against its regions', () => {
  const problems = problemsOf(
    `
regions: [us-east, eu-west]
replication: { pairs: { "us-east->ap-south": 200ms, "bad pair": 1s } }
faults:
  - { at: 5s, kind: replication_stall, from: us-east, to: nowhere, duration: 3s }
  - { at: 5s, kind: meteor, region: us-east }
  - { at: 1s, kind: clock_step, region: eu-west, offset: -400ms }
`,
    Scenario,
  );
  assert.ok(
    problems.some((problem) => problem.startsWith('replication.pairs.us-east->ap-south: unknown region "ap-south"')),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((problem) => problem.startsWith('replication.pairs.bad pair')),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((problem) => problem.startsWith('faults[0].to: unknown region "nowhere"')),
    problems.join('\n'),
  );
  assert.ok(
    problems.some((problem) => problem.startsWith('faults[1].kind')),
    problems.join('\n'),
  );
  assert.equal(problems.filter((problem) => problem.startsWith('faults[2]')).length, 0, 'a negative clock step is valid');
});

test('config and scenario files are told apart', () => {
  assert.equal(detectKind({ regions: ['a', 'b'] }), 'scenario');
  assert.equal(detectKind({ regions: [{ name: 'a' }] }), 'config');
});

test('durations parse and format both ways', () => {
  assert.equal(parseDurationMs('250ms'), 250);
  assert.equal(parseDurationMs('1h30m'), 5_400_000);
  assert.equal(parseDurationMs('-400ms'), -400);
  assert.equal(parseDurationMs('1.5s'), 1500);
  assert.equal(parseDurationMs('10'), null);
  assert.equal(parseDurationMs('5 m'), null);
  assert.equal(formatDuration(5_400_000), '1h30m');
  assert.equal(formatDuration(-400), '-400ms');
  assert.equal(formatDuration(30 * 86_400_000), '30d');
});

test('a bad key in a map names the key and what is wrong with it', () => {
  const base = 'regions:\n  - { name: us-east, store: "sqlite:/tmp/a.db" }\n';
  assert.deepEqual(problemsOf(`${base}alerts: { labels: { __team: a, 9x: b, ok_label: c } }\n`), [
    'alerts.labels.__team: names starting with __ are reserved',
    'alerts.labels.9x: must be a Prometheus label name',
  ]);
  assert.deepEqual(problemsOf(`${base}prometheus: { url: "http://p:9090", headers: { "X Scope": t } }\n`), ['prometheus.headers.X Scope: must be an HTTP header name']);
  assert.deepEqual(problemsOf(`${base}prometheus: { url: "p:9090", timeout: soon }\n`), [
    'prometheus.url: must be an http:// or https:// URL',
    'prometheus.timeout: "soon" is not a duration (use e.g. 250ms, 30s, 5m, 1h, 30d)',
  ]);
});
