import type { Dashboard, Panel, RowPanel } from '@grafana/grafana-foundation-sdk/dashboard';
import type { SloConfig } from '@/lib/config/schema';

// Grafana substitutes these before a query reaches Prometheus. Multi-value variables with
// "All" expand to `.*` (their allValue), so every matcher is a regex match.
const PAIR = 'source_region=~"$source",target_region=~"$target"';
const REGION = 'region=~"$region"';
const DATASET = 'dataset=~"$dataset"';

const byPair = (inner: string) => `max by (source_region, target_region) (${inner})`;
const quantile = (q: number, bucket: string, by: string) => `histogram_quantile(${q}, sum by (le, ${by}) (rate(${bucket}[$__rate_interval])))`;

// Every failover pair's series exists from the start at 0 (lib/metrics/probes.ts), so increase()
// sees each failover, the first one of a pair included.
const FAILOVER_PAIR = 'from_region, to_region';
const failoverGrowth = (metric: string, range = '$__range') => `sum by (${FAILOVER_PAIR}) (increase(${metric}[${range}]))`;
/** The failover annotation's step, and the window each step looks back over. */
export const ANNOTATION_STEP = '1m';
const failedOverInRange = `(${failoverGrowth('regionwatch_failover_duration_seconds_count')} > 0)`;

/**
 * The PromQL of every panel that does not depend on an SLO. Only metrics regionwatch exports
 * (docs/metrics.md) are read, never recording rules, so the dashboard works without them.
 */
export const PROMQL = {
  lag: byPair(`regionwatch_replication_lag_seconds{${PAIR}}`),
  lagUpperBound: byPair(`regionwatch_replication_lag_seconds{${PAIR}} + regionwatch_replication_lag_error_bound_seconds{${PAIR}}`),
  lagLowerBound: byPair(`clamp_min(regionwatch_replication_lag_seconds{${PAIR}} - regionwatch_replication_lag_error_bound_seconds{${PAIR}}, 0)`),
  backlog: byPair(`regionwatch_replication_backlog{${PAIR}}`),
  clockOffset: `max by (region) (regionwatch_clock_offset_seconds{${REGION}})`,
  conflictRate: `sum by (source_region, target_region, resolution) (rate(regionwatch_conflicts_total{${PAIR}}[$__rate_interval]))`,
  conflictResolutionP95: quantile(0.95, 'regionwatch_conflict_resolution_seconds_bucket', 'resolution'),
  manualQueue: `sum by (region) (regionwatch_conflicts_pending{${REGION}})`,
  divergent: `max by (dataset, region_a, region_b) (regionwatch_divergent_entities{${DATASET}})`,
  unsettled: `max by (dataset, region_a, region_b) (regionwatch_divergence_unsettled_entities{${DATASET}})`,
  divergenceCheckDuration: `max by (dataset) (regionwatch_divergence_check_duration_seconds{${DATASET}})`,
  // Failovers are rare: count and time them over the whole range, not per rate interval; pairs
  // without a failover in the range are left out rather than shown as 0/0.
  failovers: failoverGrowth('regionwatch_failovers_total'),
  failoverDurationMean: `${failoverGrowth('regionwatch_failover_duration_seconds_sum')} / ${failedOverInRange}`,
  failoverDurationP95: `histogram_quantile(0.95, sum by (le, ${FAILOVER_PAIR}) (increase(regionwatch_failover_duration_seconds_bucket[$__range]))) and on (${FAILOVER_PAIR}) ${failedOverInRange}`,
  // Evaluated every ANNOTATION_STEP, each step marks the failovers of the step before it.
  failoverAnnotation: `${failoverGrowth('regionwatch_failovers_total', ANNOTATION_STEP)} > 0`,
  gtmRoutes: 'max by (geo, region) (regionwatch_gtm_route)',
  regionUp: `max by (region) (regionwatch_region_up{${REGION}})`,
  probeSuccess: `1 - (sum by (region) (rate(regionwatch_probe_failures_total{${REGION}}[$__rate_interval])) / sum by (region) (rate(regionwatch_probes_total{${REGION}}[$__rate_interval])))`,
  probeLatencyP50: quantile(0.5, `regionwatch_probe_duration_seconds_bucket{${REGION}}`, 'region'),
  probeLatencyP95: quantile(0.95, `regionwatch_probe_duration_seconds_bucket{${REGION}}`, 'region'),
  collectorUp: `min by (collector, region) (regionwatch_collector_up{${REGION}})`,
  collectorDuration: 'max by (collector) (regionwatch_collector_duration_seconds)',
} as const;

/** Label values the variables offer: Grafana's `label_values(metric, label)` variable query. */
export const VARIABLE_QUERIES = {
  source: 'label_values(regionwatch_replication_lag_seconds, source_region)',
  target: 'label_values(regionwatch_replication_lag_seconds, target_region)',
  region: 'label_values(regionwatch_region_up, region)',
  dataset: 'label_values(regionwatch_divergent_entities, dataset)',
} as const;

/** The PromQL of one SLO's panels (SLO names are `[a-z0-9-]+`, safe inside a label matcher). */
export const sloPromql = (slo: Pick<SloConfig, 'name'>) => ({
  budgetRemaining: `max by (slo) (regionwatch_slo_error_budget_remaining_ratio{slo="${slo.name}"})`,
  burnRates: `max by (window) (regionwatch_slo_burn_rate{slo="${slo.name}"})`,
  burnRate: (window: string) => `max(regionwatch_slo_burn_rate{slo="${slo.name}",window="${window}"})`,
});

/** One expression the dashboard sends to Prometheus, and where it sits. */
export interface DashboardQuery {
  /** Panel title, `variable <name>` or `annotation <name>`. */
  where: string;
  expr: string;
  /** instant and range: a panel target; variable: a `label_values` query; annotation: a range query. */
  kind: 'instant' | 'range' | 'variable' | 'annotation';
  /** The target's data source reference, as written in the dashboard. */
  datasource?: { type?: string; uid?: string };
}

const isRow = (panel: Panel | RowPanel): panel is RowPanel => panel.type === 'row';

/** Every panel of the dashboard, rows' (collapsed) children included, rows themselves not. */
export function dashboardPanels(dashboard: Dashboard): Panel[] {
  return (dashboard.panels ?? []).flatMap((panel) => (isRow(panel) ? (panel.panels ?? []) : [panel]));
}

/** Every PromQL expression of the dashboard: panel targets, variable queries and annotations. */
export function dashboardQueries(dashboard: Dashboard): DashboardQuery[] {
  const targets = dashboardPanels(dashboard).flatMap((panel) =>
    (panel.targets ?? []).map((target) => {
      const query = target as { expr?: string; instant?: boolean; datasource?: DashboardQuery['datasource'] };
      return { where: panel.title ?? '', expr: query.expr ?? '', kind: query.instant ? 'instant' : 'range', datasource: query.datasource } satisfies DashboardQuery;
    }),
  );
  const variables = (dashboard.templating.list ?? [])
    .filter((variable) => variable.type === 'query')
    .map((variable) => ({ where: `variable ${variable.name}`, expr: String(variable.query ?? ''), kind: 'variable', datasource: variable.datasource }) satisfies DashboardQuery);
  const annotations = (dashboard.annotations.list ?? [])
    .filter((annotation) => annotation.expr)
    .map((annotation) => ({ where: `annotation ${annotation.name}`, expr: annotation.expr!, kind: 'annotation', datasource: annotation.datasource }) satisfies DashboardQuery);
  return [...targets, ...variables, ...annotations];
}
