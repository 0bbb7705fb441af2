import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PanelBuilder as BarGaugePanelBuilder } from '@grafana/grafana-foundation-sdk/bargauge';
import { type Dashboard, defaultDashboard, type Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as StateTimelinePanelBuilder } from '@grafana/grafana-foundation-sdk/statetimeline';
import { PanelBuilder as TablePanelBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { Config } from '@/lib/config/schema';
import { parseYaml } from '@/lib/config/load';
import { lagThresholdSeconds, WARNING_RATIO } from '@/lib/domain/lag-status';
import { DEFAULT_EXTERNAL_URL } from '@/lib/links';
import { createMetrics } from '@/lib/metrics/registry';
import { dashboardPanels, dashboardQueries, dashboardUid, grafanaDashboard } from './index';

const REGIONS = `
regions:
  - { name: us-east, store: "sqlite:/tmp/us-east.db" }
  - { name: eu-west, store: "sqlite:/tmp/eu-west.db" }
  - { name: ap-south, store: "sqlite:/tmp/ap-south.db" }
`;
const CONFIG = parseYaml(
  `${REGIONS}
slos:
  - { name: avail, objective: 99.5, window: 7d, sli: { kind: availability } }
  - { name: lag-fast, objective: 99.9, window: 30d, sli: { kind: replication_lag, threshold: 800ms } }
  - { name: failover-fast, objective: 95, window: 30d, sli: { kind: failover_time, threshold: 45s } }
server: { external_url: "https://rw.example.com/ops/" }
`,
  Config,
);
const BARE = parseYaml(REGIONS, Config);
const dashboard = grafanaDashboard(CONFIG);
const panels = dashboardPanels(dashboard);
const byTitle = (from: Dashboard, title: string) => {
  const found = dashboardPanels(from).find((panel) => panel.title === title);
  assert.ok(found, `no panel titled "${title}"`);
  return found;
};

const PANEL_TITLES = [
  'Replication lag matrix',
  'Replication lag by pair',
  'Replication backlog',
  'Clock offset by region',
  'Conflict rate by pair and resolution',
  'Manual queue depth',
  'Conflict resolution time (p95)',
  'Divergent and unsettled entities',
  'Divergence check duration',
  'Failovers in the time range',
  'Failover duration',
  'Traffic routing by geo',
  'Region up',
  'Probe success ratio',
  'Probe latency',
  'Collector up',
  'Collector cycle duration',
];
const sloTitles = (name: string) => [`${name}: error budget remaining`, `${name}: burn rate by window`, `${name}: burn rate over time`];

test('the dashboard has every panel, each with a description, and one SLO row per configured SLO', () => {
  const titles = panels.map((panel) => panel.title);
  assert.deepEqual(titles, [...PANEL_TITLES.slice(0, 15), ...CONFIG.slos.flatMap((slo) => sloTitles(slo.name)), ...PANEL_TITLES.slice(15)]);
  for (const panel of panels) assert.ok((panel.description ?? '').length > 40, `${panel.title}: needs a description`);
  const rows = (dashboard.panels ?? []).filter((panel) => panel.type === 'row').map((row) => row.title ?? '');
  assert.deepEqual(
    rows.filter((title) => title.startsWith('SLO ')).map((title) => title.split(':')[0]),
    CONFIG.slos.map((slo) => `SLO ${slo.name}`),
  );
  assert.deepEqual(rows.slice(0, 5), ['Replication lag', 'Conflicts', 'Divergence', 'Failovers and routing', 'Regions and probes']);
  for (const slo of CONFIG.slos) {
    const queries = dashboardQueries(dashboard).filter((query) => sloTitles(slo.name).includes(query.where));
    assert.ok(queries.length >= 3, `${slo.name}: ${queries.length} queries`);
    for (const query of queries) assert.match(query.expr, new RegExp(`slo="${slo.name}"`), query.where);
  }
  const bare = dashboardPanels(grafanaDashboard(BARE)).map((panel) => panel.title);
  assert.deepEqual(bare, PANEL_TITLES, 'no SLOs configured, no SLO rows');
});

test('every panel, target and variable reads the datasource variable, a Prometheus data source', () => {
  const datasource = dashboard.templating.list?.find((variable) => variable.name === 'datasource');
  assert.equal(datasource?.type, 'datasource');
  assert.equal(datasource?.query, 'prometheus');
  const ref = { type: 'prometheus', uid: `\${datasource}` };
  for (const panel of panels) assert.deepEqual(panel.datasource, ref, `panel ${panel.title}`);
  const queries = dashboardQueries(dashboard);
  assert.ok(queries.length > 40, `${queries.length} queries`);
  for (const query of queries) assert.deepEqual(query.datasource, ref, `${query.where}: ${query.expr}`);
});

test('the region and dataset variables are multi-value label_values queries with All', () => {
  const variables = new Map((dashboard.templating.list ?? []).map((variable) => [variable.name, variable]));
  for (const [name, query] of [
    ['source', 'label_values(regionwatch_replication_lag_seconds, source_region)'],
    ['target', 'label_values(regionwatch_replication_lag_seconds, target_region)'],
    ['region', 'label_values(regionwatch_region_up, region)'],
    ['dataset', 'label_values(regionwatch_divergent_entities, dataset)'],
  ]) {
    const variable = variables.get(name);
    assert.equal(variable?.type, 'query', name);
    assert.equal(variable?.query, query);
    assert.equal(variable?.multi, true);
    assert.equal(variable?.includeAll, true);
    assert.equal(variable?.allValue, '.*');
  }
  const exprs = dashboardQueries(dashboard).map((query) => query.expr);
  for (const name of ['source', 'target', 'region', 'dataset'])
    assert.ok(
      exprs.some((expr) => expr.includes(`=~"$${name}"`)),
      `no query filters by $${name}`,
    );
  assert.ok(exprs.filter((expr) => expr.includes('regionwatch_replication_lag_seconds{')).every((expr) => expr.includes('source_region=~"$source",target_region=~"$target"')));
});

/** Every link URL of the dashboard: its own, panels' header links and data links, overrides' links. */
function linkUrls(from: Dashboard): string[] {
  const urls = (from.links ?? []).map((link) => link.url ?? '');
  for (const panel of dashboardPanels(from)) {
    urls.push(...(panel.links ?? []).map((link) => link.url ?? ''));
    urls.push(...((panel.fieldConfig?.defaults?.links ?? []) as { url: string }[]).map((link) => link.url));
    for (const override of panel.fieldConfig?.overrides ?? []) {
      for (const property of override.properties) if (property.id === 'links') urls.push(...(property.value as { url: string }[]).map((link) => link.url));
    }
  }
  return urls;
}

test('every link points under server.external_url (or the default), to a regionwatch page', () => {
  for (const [config, base] of [
    [CONFIG, 'https://rw.example.com/ops'],
    [BARE, DEFAULT_EXTERNAL_URL],
  ] as const) {
    const urls = linkUrls(grafanaDashboard(config));
    assert.ok(urls.length > 25, `${urls.length} links`);
    for (const url of urls) assert.ok(url.startsWith(`${base}/`), url);
  }
  const paths = linkUrls(dashboard).map((url) => url.slice('https://rw.example.com/ops'.length));
  for (const path of ['/', '/conflicts', '/conflicts/queue', '/divergence', '/failovers', '/slo', '/slo/avail', '/slo/lag-fast', '/slo/failover-fast'])
    assert.ok(paths.includes(path), `no link to ${path}`);
  const pair = `/pairs/\${__field.labels.source_region}/\${__field.labels.target_region}`;
  for (const title of ['Replication lag by pair', 'Replication backlog']) {
    assert.ok(
      linkUrls({ ...dashboard, links: [], panels: [byTitle(dashboard, title)] }).some((url) => url.endsWith(pair)),
      `${title} links to the pair page`,
    );
  }
  assert.ok(paths.includes(`/pairs/\${__data.fields[0]}/\${__field.name}`), 'the matrix links each cell to its pair');
  assert.ok(paths.includes(`/conflicts?source=\${__field.labels.source_region}&target=\${__field.labels.target_region}`), 'conflict rate links to the filtered list');
  assert.deepEqual(dashboard.links?.[0].url, 'https://rw.example.com/ops/');
});

test('the lag matrix and lag panel colour by lagThresholdSeconds: warning from WARNING_RATIO of it, red at it', () => {
  for (const config of [CONFIG, BARE]) {
    const threshold = lagThresholdSeconds(config.slos);
    const built = grafanaDashboard(config);
    for (const title of ['Replication lag matrix', 'Replication lag by pair']) {
      const steps = byTitle(built, title).fieldConfig?.defaults?.thresholds?.steps;
      assert.deepEqual(steps, [
        { value: null, color: 'green' },
        { value: threshold * WARNING_RATIO, color: 'orange' },
        { value: threshold, color: 'red' },
      ]);
    }
  }
  assert.equal(lagThresholdSeconds(CONFIG.slos), 0.8);
  const matrix = byTitle(dashboard, 'Replication lag matrix');
  assert.equal(matrix.type, 'table');
  assert.deepEqual(matrix.transformations?.[0], { id: 'groupingToMatrix', options: { rowField: 'source_region', columnField: 'target_region', valueField: 'Value', emptyValue: 'empty' } });
  assert.deepEqual(byTitle(dashboard, 'Failover duration').fieldConfig?.defaults?.thresholds?.steps?.at(-1), { value: 45, color: 'red' }, 'failover_time SLO threshold');
});

/** Metric names a series selector may use: each exported name, histograms also as _bucket, _sum and _count. */
async function exportedSeriesNames(): Promise<Set<string>> {
  const { registry } = createMetrics([], () => null);
  const names = (await registry.getMetricsAsJSON()).flatMap(({ name, type }) => (String(type) === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name]));
  return new Set(names);
}

test('every metric an expression reads is one regionwatch exports (no recording rules needed)', async () => {
  const exported = await exportedSeriesNames();
  assert.ok(exported.has('regionwatch_probe_duration_seconds_bucket'));
  const used = new Set<string>();
  for (const { expr, where } of dashboardQueries(dashboard)) {
    assert.doesNotMatch(expr, /slo:/, `${where} reads a recording rule`);
    const names = expr.match(/\bregionwatch_[a-z0-9_]+\b/g) ?? [];
    assert.ok(names.length > 0, `${where}: no regionwatch metric in ${expr}`);
    for (const name of names) {
      assert.ok(exported.has(name), `${where}: ${name} is not exported`);
      used.add(name);
    }
  }
  for (const name of ['regionwatch_replication_lag_error_bound_seconds', 'regionwatch_failover_duration_seconds_bucket', 'regionwatch_slo_burn_rate', 'regionwatch_collector_duration_seconds'])
    assert.ok(used.has(name), name);
});

/** Brackets balance and close in order, outside string literals; strings close. */
function balanced(expr: string): string | null {
  const closing: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const open: string[] = [];
  let quote: string | null = null;
  for (let index = 0; index < expr.length; index++) {
    const char = expr[index];
    if (quote) {
      if (char === '\\') index++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'" || char === '`') quote = char;
    else if (closing[char]) open.push(closing[char]);
    else if (')}]'.includes(char) && open.pop() !== char) return `unexpected ${char} at ${index}`;
  }
  if (quote) return `unclosed ${quote}`;
  return open.length > 0 ? `unclosed ${open.join('')}` : null;
}

test('every expression is balanced PromQL: brackets, braces, parentheses and quotes', () => {
  assert.equal(balanced('sum(rate(x{a="(}"}[1m]))'), null);
  assert.match(balanced('sum(rate(x{a="b"[1m]))') ?? '', /unexpected/);
  assert.match(balanced('max(x{a="b}') ?? '', /unclosed/);
  for (const { expr, where } of dashboardQueries(dashboard)) {
    assert.equal(balanced(expr), null, `${where}: ${expr}`);
    assert.doesNotMatch(expr, /\{,|,\}|\(\s*\)/, `${where}: empty matcher or call in ${expr}`);
  }
});

test('targets have unique refIds per panel, panels unique ids, and the layout does not overlap', () => {
  const ids = (dashboard.panels ?? []).map((panel) => panel.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const panel of panels) {
    const refIds = (panel.targets ?? []).map((target) => (target as { refId?: string }).refId);
    assert.equal(new Set(refIds).size, refIds.length, panel.title);
    assert.ok(refIds.length > 0, `${panel.title} has no query`);
  }
  const cells = new Set<string>();
  for (const { gridPos, title } of dashboard.panels ?? []) {
    assert.ok(gridPos && gridPos.x + gridPos.w <= 24, `${title} fits the 24-column grid`);
    for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
      for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
        assert.ok(!cells.has(`${x},${y}`), `${title} overlaps another panel at ${x},${y}`);
        cells.add(`${x},${y}`);
      }
    }
  }
});

test('the dashboard is deterministic JSON with a stable uid, an hour of 30 s refreshes and the regionwatch tag', () => {
  const text = JSON.stringify(dashboard);
  assert.equal(JSON.stringify(grafanaDashboard(CONFIG)), text, 'same config, same dashboard');
  assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(JSON.parse(text))));
  assert.equal(dashboard.uid, dashboardUid(CONFIG));
  assert.match(dashboard.uid ?? '', /^regionwatch-[0-9a-f]{12}$/);
  assert.equal(grafanaDashboard(BARE).uid, 'regionwatch');
  assert.deepEqual(dashboard.time, { from: 'now-1h', to: 'now' });
  assert.equal(dashboard.refresh, '30s');
  assert.deepEqual(dashboard.tags, ['regionwatch']);
  assert.equal(dashboard.schemaVersion, defaultDashboard().schemaVersion);
  assert.equal(dashboard.title, 'regionwatch (rw.example.com)');
});

test("every panel comes from the SDK's builder for its type (its defaults are all there)", () => {
  const sdkDefaults = new Map<string, Panel>(
    [new TablePanelBuilder(), new TimeseriesPanelBuilder(), new BarGaugePanelBuilder(), new StatPanelBuilder(), new StateTimelinePanelBuilder()].map((builder) => [
      builder.build().type,
      builder.build(),
    ]),
  );
  for (const panel of panels) {
    const defaults = sdkDefaults.get(panel.type);
    assert.ok(defaults, `${panel.title}: type ${panel.type} is not one of the SDK panels used`);
    for (const key of Object.keys(defaults.options ?? {})) assert.ok(key in (panel.options ?? {}), `${panel.title}: option ${key} of the SDK's ${panel.type} builder is missing`);
    for (const key of Object.keys(defaults.fieldConfig?.defaults?.custom ?? {})) assert.ok(key in (panel.fieldConfig?.defaults?.custom ?? {}), `${panel.title}: custom.${key} missing`);
  }
  assert.deepEqual([...new Set(panels.map((panel) => panel.type))].sort(), ['bargauge', 'stat', 'state-timeline', 'table', 'timeseries']);
});

test('dashboardQueries lists panel targets as instant or range, the variable queries and the failover annotation', () => {
  const queries = dashboardQueries(dashboard);
  const kinds = (kind: string) => queries.filter((query) => query.kind === kind);
  assert.equal(kinds('variable').length, 4);
  assert.equal(kinds('annotation').length, 1);
  assert.match(kinds('annotation')[0].expr, /regionwatch_failovers_total/);
  assert.ok(kinds('instant').some((query) => query.where === 'Replication lag matrix'));
  assert.ok(kinds('range').some((query) => query.where === 'Replication lag by pair'));
  const targets = panels.reduce((count, panel) => count + (panel.targets?.length ?? 0), 0);
  assert.equal(kinds('instant').length + kinds('range').length, targets);
});
