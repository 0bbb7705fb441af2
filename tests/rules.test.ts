import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    assert.match(result.stdout, /SUCCESS: 42 rules found/);
    assert.doesNotMatch(result.stdout + result.stderr, /WARNING|lint/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('promtool test rules: each alert fires and stays quiet exactly when it should', () => {
  const promtool = requireBinary('promtool', 'prometheus');
  const { dir } = generate();
  try {
    copyFileSync(join(RULES_DIR, 'burn-alerts.test.yaml'), join(dir, 'burn-alerts.test.yaml'));
    const result = spawnSync(promtool, ['test', 'rules', 'burn-alerts.test.yaml'], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /SUCCESS/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('alerts carry exactly the documented labels and use only exported metrics', () => {
  const { dir, rules } = generate();
  rmSync(dir, { recursive: true, force: true });
  const parsed = parse(rules) as { groups: { rules: { alert?: string; record?: string; expr: string; labels?: Record<string, string> }[] }[] };
  const all = parsed.groups.flatMap((group) => group.rules);
  const alerts = all.filter((rule) => rule.alert);
  assert.equal(alerts.length, 8, 'four rows for each of the two SLOs');
  for (const alert of alerts) {
    assert.equal(alert.alert, 'RegionwatchErrorBudgetBurn');
    assert.deepEqual(Object.keys(alert.labels!).sort(), ['long_window', 'severity', 'short_window', 'slo']);
  }
  const metrics = new Set(all.flatMap((rule) => [...rule.expr.matchAll(/(?<![:\w])(regionwatch_[a-z_]+)/g)].map((match) => match[1])));
  const contract =
    /^regionwatch_(replication_lag_observed_seconds_(bucket|count)|probes_total|probe_failures_total|failover_duration_seconds_(bucket|count)|conflict_resolution_seconds_(bucket|count)|divergence_checks(_diverged)?_total)$/;
  for (const metric of metrics) assert.match(metric, contract);
});
