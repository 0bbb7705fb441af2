import { PanelBuilder as BarGaugePanelBuilder } from '@grafana/grafana-foundation-sdk/bargauge';
import { BarGaugeDisplayMode, type DataSourceRef, ReduceDataOptionsBuilder, VizOrientation } from '@grafana/grafana-foundation-sdk/common';
import { DashboardLinkBuilder, type DynamicConfigValue, MappingType, ThresholdsConfigBuilder, ThresholdsMode, type ValueMapping } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat, QueryEditorMode } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import type { Config } from '@/lib/config/schema';
import { conflictsPageHref, NO_FILTERS } from '@/lib/conflicts/filters';
import { lagThresholdSeconds, WARNING_RATIO } from '@/lib/domain/lag-status';
import { PAGES, pageUrl } from '@/lib/links';

/** Grafana's `${name}` interpolation: a dashboard variable, or a data link's field and row variables. */
export const grafanaVariable = (name: string) => `\${${name}}`;

/** Every panel, query and variable reads the Prometheus data source the `datasource` variable picks. */
export const DATASOURCE: DataSourceRef = { type: 'prometheus', uid: grafanaVariable('datasource') };

/** One panel query. Range unless `instant`; `table` asks for one row per series (for transformations). */
export interface QuerySpec {
  expr: string;
  legend?: string;
  instant?: boolean;
  table?: boolean;
}

const refId = (index: number) => (index < 26 ? String.fromCharCode(65 + index) : `Q${index}`);

/** Prometheus targets with refIds A, B, … in order, all on the `datasource` variable. */
export function promTargets(specs: QuerySpec[]): DataqueryBuilder[] {
  return specs.map((spec, index) => {
    const target = new DataqueryBuilder().datasource(DATASOURCE).refId(refId(index)).editorMode(QueryEditorMode.Code).expr(spec.expr);
    if (spec.legend) target.legendFormat(spec.legend);
    if (spec.table) target.format(PromQueryFormat.Table);
    return spec.instant ? target.instant() : target.range();
  });
}

/** A time series panel on the `datasource` variable, as every time series here starts. */
export const timeseries = (title: string, description: string) => new TimeseriesPanelBuilder().title(title).description(description).datasource(DATASOURCE).fillOpacity(10).lineWidth(1);

/** Single-value panels show the last value of the range. */
export const lastNotNull = () => new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);

/** A horizontal bar gauge of instant values, one bar per series. */
export const barGauge = (title: string, description: string) =>
  new BarGaugePanelBuilder().title(title).description(description).datasource(DATASOURCE).orientation(VizOrientation.Horizontal).displayMode(BarGaugeDisplayMode.Basic).reduceOptions(lastNotNull());

/** Legend of a per-pair series. */
export const PAIR_LEGEND = '{{source_region}} → {{target_region}}';

/** The data link variable for one of the clicked series' labels. */
export const fieldLabel = (label: string) => grafanaVariable(`__field.labels.${label}`);
const FIELD_LABEL = { source: fieldLabel('source_region'), target: fieldLabel('target_region') };

/** A link in a panel's header (or the dashboard's) to a page of regionwatch. */
export const pageLink = (config: Pick<Config, 'server'>, title: string, path: string) =>
  new DashboardLinkBuilder(title).url(pageUrl(config, path)).tooltip(`Open ${path} in regionwatch`).targetBlank(true);

// PAGES.pair and conflictsPageHref percent-encode their arguments, which would also encode
// Grafana's `${…}`: build the path around placeholders and put the variables in afterwards.
// Region names are [a-z0-9-]+, so the values Grafana substitutes need no encoding.
const SOURCE_PLACEHOLDER = 'rwsourceplaceholder';
const TARGET_PLACEHOLDER = 'rwtargetplaceholder';
const fill = (path: string, source: string, target: string) => path.replace(SOURCE_PLACEHOLDER, source).replace(TARGET_PLACEHOLDER, target);

/** A data link to the page of the region pair Grafana names with `source` and `target`. */
export const pairDataLink = (config: Pick<Config, 'server'>, source = FIELD_LABEL.source, target = FIELD_LABEL.target) =>
  new DashboardLinkBuilder(`Open ${source} → ${target} in regionwatch`).url(pageUrl(config, fill(PAGES.pair(SOURCE_PLACEHOLDER, TARGET_PLACEHOLDER), source, target))).targetBlank(true);

/** A data link to the conflicts list narrowed to the series' pair. */
export const conflictsDataLink = (config: Pick<Config, 'server'>) =>
  new DashboardLinkBuilder(`Conflicts ${FIELD_LABEL.source} → ${FIELD_LABEL.target} in regionwatch`)
    .url(pageUrl(config, fill(conflictsPageHref({ ...NO_FILTERS, source: SOURCE_PLACEHOLDER, target: TARGET_PLACEHOLDER }), FIELD_LABEL.source, FIELD_LABEL.target)))
    .targetBlank(true);

/** A plain data link (the SDK models data links with its link builder). */
export const dataLink = (config: Pick<Config, 'server'>, title: string, path: string) => new DashboardLinkBuilder(title).url(pageUrl(config, path)).targetBlank(true);

/** Absolute thresholds: `base` below the first step, then each [value, colour] from its value up. */
export const thresholdSteps = (base: string, ...steps: [number, string][]) =>
  new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([{ value: null, color: base }, ...steps.map(([value, color]) => ({ value, color }))]);

/**
 * The lag colours of the overview heatmap and the API's `status`: ok below WARNING_RATIO of the
 * lag threshold, warning from there, breach at the threshold (lib/domain/lag-status).
 */
export function lagThresholds(config: Pick<Config, 'slos'>) {
  const threshold = lagThresholdSeconds(config.slos);
  return thresholdSteps('green', [threshold * WARNING_RATIO, 'orange'], [threshold, 'red']);
}

/** Field overrides that draw an error bound as a faint dashed line, in the tooltip but not the legend. */
export const boundSeries: DynamicConfigValue[] = [
  { id: 'custom.lineStyle', value: { fill: 'dash', dash: [4, 4] } },
  { id: 'custom.lineWidth', value: 1 },
  { id: 'custom.fillOpacity', value: 0 },
  { id: 'color', value: { mode: 'fixed', fixedColor: 'rgba(128, 128, 128, 0.6)' } },
  { id: 'custom.hideFrom', value: { legend: true, tooltip: false, viz: false } },
];

/** Value mappings for 0/1 gauges: red `down` at 0, green `up` at 1. */
export const upDownMappings = (up: string, down: string): ValueMapping[] => [
  {
    type: MappingType.ValueToText,
    options: { '0': { text: down, color: 'red', index: 0 }, '1': { text: up, color: 'green', index: 1 } },
  },
];
