import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { CLI } from './harness/demo';
import { requireBinary } from './harness/binaries';

const RULES_DIR = fileURLToPath(new URL('./rules/', import.meta.url));

function generate(): { dir: string; rules: string } {
  const result = spawnSync(process.execPath, [CLI, 'rules', '--config', join(RULES_DIR, 'regionwatch.yaml')], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.equal(result.status, 0, result.stderr);
  const dir = mkdtempSync(join(tmpdir(), 'rw-rules-'));
  writeFileSync(join(dir, 'regionwatch-rules.yaml'), result.stdout);
  return { dir, rules: result.stdout };
}

test('regionwatch rules passes promtool check rules cleanly', () => {
  const promtool = requireBinary('promtool', 'prometheus');
  const { dir } = generate();
  try {
    const result = spawnSync(promtool, ['check', 'rules', join(dir, 'regionwatch-rules.yaml')], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /SUCCESS: 50 rules found/);
    assert.doesNotMatch(result.stdout + result.stderr, /WARNING|lint/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const file of ['burn-alerts.test.yaml', 'incident-alerts.test.yaml']) {
  test(`promtool test rules ${file}: each alert fires, and resolves, exactly when it should`, () => {
    const promtool = requireBinary('promtool', 'prometheus');
    const { dir } = generate();
    try {
      copyFileSync(join(RULES_DIR, file), join(dir, file));
      const result = spawnSync(promtool, ['test', 'rules', file], { cwd: dir, encoding: 'utf8' });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /SUCCESS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('every generated alert is exercised by a promtool test', () => {
  const { dir, rules } = generate();
  rmSync(dir, { recursive: true, force: true });
  const names = new Set((parse(rules) as { groups: { rules: { alert?: string }[] }[] }).groups.flatMap((group) => group.rules.flatMap((rule) => (rule.alert ? [rule.alert] : []))));
  const tested = ['burn-alerts.test.yaml', 'incident-alerts.test.yaml'].map((file) => readFileSync(join(RULES_DIR, file), 'utf8')).join('\n');
  for (const name of names) assert.match(tested, new RegExp(`alertname: ${name}\\b`), `${name} has no alert_rule_test`);
  assert.equal(names.size, 7);
});

test('alerts carry exactly the documented labels and annotations, and use only exported metrics', () => {
  const { dir, rules } = generate();
  rmSync(dir, { recursive: true, force: true });
  const parsed = parse(rules) as { groups: { rules: { alert?: string; record?: string; expr: string; labels?: Record<string, string>; annotations?: Record<string, string> }[] }[] };
  const all = parsed.groups.flatMap((group) => group.rules);
  const alerts = all.filter((rule) => rule.alert);
  const burn = alerts.filter((alert) => alert.alert === 'RegionwatchErrorBudgetBurn');
  assert.equal(burn.length, 8, 'four rows for each of the two SLOs');
  for (const alert of burn) assert.deepEqual(Object.keys(alert.labels!).sort(), ['long_window', 'severity', 'short_window', 'slo', 'team']);
  for (const alert of alerts) {
    assert.equal(alert.labels!.team, 'databases', `${alert.alert} carries alerts.labels`);
    assert.match(alert.labels!.severity, /^(page|ticket)$/);
    assert.deepEqual(Object.keys(alert.annotations!).sort(), ['dashboard', 'description', 'runbook_url', 'summary'], alert.alert);
    assert.match(alert.annotations!.runbook_url, /^https:\/\/regionwatch\.example\/runbooks\/[a-z-]+$/);
    assert.match(alert.annotations!.dashboard, /^https:\/\/regionwatch\.example\//);
  }
  const metrics = new Set(all.flatMap((rule) => [...rule.expr.matchAll(/(?<![:\w])(regionwatch_[a-z_]+)/g)].map((match) => match[1])));
  const exported = new Set(
    readFileSync(join(RULES_DIR, '../../docs/metrics.md'), 'utf8')
      .match(/`regionwatch_[a-z_]+`/g)!
      .map((name) => name.slice(1, -1)),
  );
  for (const metric of metrics) assert.ok(exported.has(metric.replace(/_(bucket|count|sum)$/, '')), `${metric} is an exported metric (docs/metrics.md)`);
});

test('--format prometheus-operator wraps the same groups in a PrometheusRule', () => {
  const config = join(RULES_DIR, 'regionwatch.yaml');
  const run = (format: string) => spawnSync(process.execPath, [CLI, 'rules', '--config', config, '--format', format], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  const plain = parse(run('prometheus').stdout) as { groups: unknown[] };
  const operator = parse(run('prometheus-operator').stdout) as { apiVersion: string; kind: string; metadata: { name: string }; spec: { groups: unknown[] } };
  assert.equal(operator.apiVersion, 'monitoring.coreos.com/v1');
  assert.equal(operator.kind, 'PrometheusRule');
  assert.equal(operator.metadata.name, 'regionwatch');
  assert.deepEqual(operator.spec.groups, plain.groups);
  const bad = run('nagios');
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /format/);
});
