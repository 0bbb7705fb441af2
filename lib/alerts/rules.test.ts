import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Config } from '@/lib/config/schema';
import { RUNBOOK_NAMES, RUNBOOKS } from './runbooks';
import { ruleGroups } from './rules';

const config = (extra: Record<string, unknown> = {}) =>
  Config.parse({
    regions: [
      { name: 'a', store: 'sqlite:/tmp/a.db' },
      { name: 'b', store: 'sqlite:/tmp/b.db' },
    ],
    ...extra,
  });

const alerts = (parsed: Config) => ruleGroups(parsed).flatMap((group) => group.rules.filter((rule) => 'alert' in rule));

test('a short SLO window keeps one burn row per severity and windows: the lowest factor', () => {
  // A 2 h window scales every alert window under the 1 m floor: both pages become 1m/1m.
  const rows = alerts(config({ slos: [{ name: 'avail', objective: 99, window: '2h', sli: { kind: 'availability' } }] })).filter((rule) => rule.alert === 'RegionwatchErrorBudgetBurn');
  const pages = rows.filter((rule) => rule.labels.severity === 'page');
  assert.equal(pages.length, 1);
  assert.deepEqual([pages[0].labels.long_window, pages[0].labels.short_window], ['1m', '1m']);
  assert.match(pages[0].annotations.summary, / 6× /);
  const keys = rows.map((rule) => `${rule.labels.severity}/${rule.labels.long_window}/${rule.labels.short_window}`);
  assert.equal(new Set(keys).size, keys.length, `no two rows share their labels: ${keys.join(', ')}`);
});

test('alerts.labels reach every alert, but never replace the rule’s own labels', () => {
  const parsed = config({ alerts: { labels: { team: 'databases', severity: 'info' } }, slos: [{ name: 'lag', objective: 99, window: '30d', sli: { kind: 'replication_lag', threshold: '250ms' } }] });
  for (const rule of alerts(parsed)) {
    assert.equal(rule.labels.team, 'databases');
    assert.match(rule.labels.severity, /^(page|ticket)$/, `${rule.alert} keeps its severity`);
  }
});

test('links sit under server.external_url and every runbook is linked from an alert', () => {
  const rules = alerts(config({ server: { external_url: 'https://rw.example/' } }));
  for (const rule of rules) {
    assert.ok(rule.annotations.runbook_url.startsWith('https://rw.example/runbooks/'), rule.annotations.runbook_url);
    assert.ok(rule.annotations.dashboard.startsWith('https://rw.example/'), rule.annotations.dashboard);
    assert.equal(rule.alert, RUNBOOKS[rule.annotations.runbook_url.split('/').pop() as keyof typeof RUNBOOKS].alert);
  }
  // Without SLOs there is no burn alert, so error-budget-burn is only linked when an SLO exists.
  const linked = new Set(rules.map((rule) => rule.annotations.runbook_url.split('/').pop()));
  assert.deepEqual(
    RUNBOOK_NAMES.filter((name) => !linked.has(name)),
    ['error-budget-burn'],
  );
});

test('the incident alerts use the lag threshold of the first lag SLO', () => {
  const expr = (slos: unknown[]) => alerts(config({ slos })).find((rule) => rule.alert === 'RegionwatchStaleReads')!.expr;
  assert.match(expr([]), /regionwatch_replication_lag_seconds > 1\)/);
  assert.match(expr([{ name: 'lag', objective: 99, window: '30d', sli: { kind: 'replication_lag', threshold: '250ms' } }]), /regionwatch_replication_lag_seconds > 0.25\)/);
});
