import {
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  StackingConfigBuilder,
  StackingMode,
  TableCellBackgroundDisplayMode,
  TableCellDisplayMode,
} from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as TablePanelBuilder } from '@grafana/grafana-foundation-sdk/table';
import * as units from '@grafana/grafana-foundation-sdk/units';
import type { Config } from '@/lib/config/schema';
import { lagThresholdSeconds } from '@/lib/domain/lag-status';
import { PAGES } from '@/lib/links';
import { boundSeries, conflictsDataLink, DATASOURCE, dataLink, fieldLabel, grafanaVariable, lagThresholds, PAIR_LEGEND, pageLink, pairDataLink, promTargets, timeseries } from './common';
import { PROMQL } from './queries';

type Deployment = Pick<Config, 'server' | 'slos'>;

const thresholdLines = () => new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed);

/** The overview's lag heatmap as a table: one row per source, one column per target, cells coloured like the heatmap. */
export function lagMatrixPanel(config: Deployment) {
  const threshold = lagThresholdSeconds(config.slos);
  return (
    new TablePanelBuilder()
      .title('Replication lag matrix')
      .description(
        `Current replication lag of every ordered region pair (regionwatch_replication_lag_seconds): rows are sources, columns targets. Orange from half the lag threshold (${threshold} s), red at it. A cell opens the pair's page.`,
      )
      .datasource(DATASOURCE)
      .targets(promTargets([{ expr: PROMQL.lag, instant: true, table: true }]))
      .withTransformation({ id: 'groupingToMatrix', options: { rowField: 'source_region', columnField: 'target_region', valueField: 'Value', emptyValue: 'empty' } })
      .unit(units.Seconds)
      .decimals(3)
      .thresholds(lagThresholds(config))
      .cellOptions({ type: TableCellDisplayMode.ColorBackground, mode: TableCellBackgroundDisplayMode.Basic })
      // The matrix's first column holds the source names: no colour and no link there.
      .overrideByFieldType('string', [
        { id: 'custom.cellOptions', value: { type: TableCellDisplayMode.Auto } },
        { id: 'links', value: [] },
      ])
      // After groupingToMatrix a cell's row is named by the first field (the source), its column by the field name (the target).
      .dataLinks([pairDataLink(config, grafanaVariable('__data.fields[0]'), grafanaVariable('__field.name'))])
      .links([pageLink(config, 'Lag heatmap in regionwatch', PAGES.overview)])
      .span(8)
      .height(9)
  );
}

/** Lag per pair over time, its error bound as faint dashed lines around it. */
export function lagPanel(config: Deployment) {
  return timeseries(
    'Replication lag by pair',
    'Estimated replication lag per ordered pair (regionwatch_replication_lag_seconds), with its error bound (regionwatch_replication_lag_error_bound_seconds) as faint dashed lines: the true lag lies between them. Dashed thresholds: warning and lag SLO threshold.',
  )
    .targets(
      promTargets([
        { expr: PROMQL.lag, legend: PAIR_LEGEND },
        { expr: PROMQL.lagUpperBound, legend: `${PAIR_LEGEND} upper bound` },
        { expr: PROMQL.lagLowerBound, legend: `${PAIR_LEGEND} lower bound` },
      ]),
    )
    .unit(units.Seconds)
    .min(0)
    .fillOpacity(0)
    .thresholds(lagThresholds(config))
    .thresholdsStyle(thresholdLines())
    .overrideByQuery('B', boundSeries)
    .overrideByQuery('C', boundSeries)
    .dataLinks([pairDataLink(config)])
    .links([pageLink(config, 'Lag heatmap in regionwatch', PAGES.overview)])
    .span(16)
    .height(9);
}

/** Heartbeats written and not yet applied, per pair. */
export function backlogPanel(config: Deployment) {
  return timeseries('Replication backlog', 'Heartbeats written into the source region and not yet visible in the target (regionwatch_replication_backlog): grows while replication is stalled.')
    .targets(promTargets([{ expr: PROMQL.backlog, legend: PAIR_LEGEND }]))
    .unit(units.Short)
    .decimals(0)
    .min(0)
    .dataLinks([pairDataLink(config)])
    .links([pageLink(config, 'Lag heatmap in regionwatch', PAGES.overview)])
    .span(12)
    .height(8);
}

/** Each region store's clock offset from the collector. */
export function clockOffsetPanel(config: Deployment) {
  return timeseries(
    'Clock offset by region',
    "Each region store's clock minus the collector's, estimated from round trips (regionwatch_clock_offset_seconds). Lag estimates are corrected for it; its uncertainty is part of the lag error bound.",
  )
    .targets(promTargets([{ expr: PROMQL.clockOffset, legend: '{{region}}' }]))
    .unit(units.Seconds)
    .links([pageLink(config, 'Lag heatmap in regionwatch', PAGES.overview)])
    .span(12)
    .height(8);
}

/** Conflicts per second, stacked by pair and resolution. */
export function conflictRatePanel(config: Deployment) {
  return timeseries(
    'Conflict rate by pair and resolution',
    'Write conflicts per second, stacked, by the pair they were detected on (source wrote the incoming version, target resolved it) and how they were resolved: lww, crdt, merge or manual (regionwatch_conflicts_total).',
  )
    .targets(promTargets([{ expr: PROMQL.conflictRate, legend: `${PAIR_LEGEND} {{resolution}}` }]))
    .unit(units.CountsPerSecond)
    .min(0)
    .stacking(new StackingConfigBuilder().mode(StackingMode.Normal))
    .dataLinks([conflictsDataLink(config)])
    .links([pageLink(config, 'Conflicts in regionwatch', PAGES.conflicts)])
    .span(12)
    .height(8);
}

/** Depth of the manual reconciliation queue, per region. */
export function manualQueuePanel(config: Deployment) {
  return timeseries('Manual queue depth', 'Conflicts waiting in the manual reconciliation queue, by the region holding them (regionwatch_conflicts_pending).')
    .targets(promTargets([{ expr: PROMQL.manualQueue, legend: '{{region}}' }]))
    .unit(units.Short)
    .decimals(0)
    .min(0)
    .dataLinks([dataLink(config, 'Manual queue in regionwatch', PAGES.conflictQueue)])
    .links([pageLink(config, 'Manual queue in regionwatch', PAGES.conflictQueue)])
    .span(6)
    .height(8);
}

/** p95 time from detecting a conflict to resolving it, by resolution. */
export function conflictResolutionPanel(config: Deployment) {
  return timeseries(
    'Conflict resolution time (p95)',
    'Time from detecting a conflict to resolving it, 95th percentile by resolution (regionwatch_conflict_resolution_seconds): immediate for automatic policies, operator time for manual.',
  )
    .targets(promTargets([{ expr: PROMQL.conflictResolutionP95, legend: '{{resolution}}' }]))
    .unit(units.Seconds)
    .min(0)
    .links([pageLink(config, 'Conflicts in regionwatch', PAGES.conflicts)])
    .span(6)
    .height(8);
}

const DIVERGENCE_LEGEND = '{{dataset}} {{region_a}}–{{region_b}}';

/** Divergent and unsettled entities per dataset and region pair. */
export function divergencePanel(config: Deployment) {
  // The drill-down route app/divergence/[dataset]/[a]/[b] lists the keys of one dataset and pair.
  const drillDown = [PAGES.divergence, fieldLabel('dataset'), fieldLabel('region_a'), fieldLabel('region_b')].join('/');
  return timeseries(
    'Divergent and unsettled entities',
    'Per dataset and region pair at the last check: entities still different once every in-flight write has landed (regionwatch_divergent_entities, solid) and candidates whose writes have not all landed yet (regionwatch_divergence_unsettled_entities, dashed).',
  )
    .targets(
      promTargets([
        { expr: PROMQL.divergent, legend: `${DIVERGENCE_LEGEND} divergent` },
        { expr: PROMQL.unsettled, legend: `${DIVERGENCE_LEGEND} unsettled` },
      ]),
    )
    .unit(units.Short)
    .decimals(0)
    .min(0)
    .overrideByQuery('B', [{ id: 'custom.lineStyle', value: { fill: 'dash', dash: [6, 4] } }])
    .dataLinks([dataLink(config, `Divergent keys of ${fieldLabel('dataset')} in regionwatch`, drillDown)])
    .links([pageLink(config, 'Divergence in regionwatch', PAGES.divergence)])
    .span(16)
    .height(8);
}

/** Duration of the last divergence check per dataset. */
export function divergenceCheckPanel(config: Deployment) {
  return timeseries('Divergence check duration', 'How long the last check of each dataset took across all region pairs (regionwatch_divergence_check_duration_seconds).')
    .targets(promTargets([{ expr: PROMQL.divergenceCheckDuration, legend: '{{dataset}}' }]))
    .unit(units.Seconds)
    .min(0)
    .links([pageLink(config, 'Divergence in regionwatch', PAGES.divergence)])
    .span(8)
    .height(8);
}
