import { VisibilityMode } from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as StateTimelinePanelBuilder } from '@grafana/grafana-foundation-sdk/statetimeline';
import * as units from '@grafana/grafana-foundation-sdk/units';
import type { Config } from '@/lib/config/schema';
import { PAGES } from '@/lib/links';
import { thresholdsOf } from '@/lib/slo/sli';
import { barGauge, DATASOURCE, dataLink, pageLink, promTargets, thresholdSteps, timeseries, upDownMappings } from './common';
import { PROMQL } from './queries';

type Deployment = Pick<Config, 'server' | 'slos'>;

const FAILOVER_LEGEND = '{{from_region}} → {{to_region}}';
const stateTimeline = (title: string, description: string) =>
  new StateTimelinePanelBuilder().title(title).description(description).datasource(DATASOURCE).showValue(VisibilityMode.Never).mergeValues(true);

/** Completed failovers per from → to pair in the selected range. */
export function failoverCountPanel(config: Deployment) {
  return barGauge(
    'Failovers in the time range',
    'Completed failovers (traffic rerouted away from a failed region) in the selected time range, by where the traffic went (increase of regionwatch_failovers_total over the range).',
  )
    .targets(promTargets([{ expr: PROMQL.failovers, legend: FAILOVER_LEGEND, instant: true }]))
    .unit(units.Short)
    .decimals(0)
    .min(0)
    .thresholds(thresholdSteps('blue'))
    .dataLinks([dataLink(config, 'Failover timeline in regionwatch', PAGES.failovers)])
    .links([pageLink(config, 'Failovers in regionwatch', PAGES.failovers)])
    .span(6)
    .height(8);
}

/** Mean and p95 failover duration over the range, red from the failover_time SLO threshold. */
export function failoverDurationPanel(config: Deployment) {
  // Red from the first failover_time SLO threshold, the time a failover is allowed to take.
  const [limit] = thresholdsOf(config.slos, 'failover_time');
  return barGauge(
    'Failover duration',
    `Time from detecting a failed region until every geo it served resolved to healthy regions, mean and 95th percentile over the selected range (regionwatch_failover_duration_seconds).${limit === undefined ? '' : ` Red from the failover_time SLO threshold (${limit} s).`}`,
  )
    .targets(
      promTargets([
        { expr: PROMQL.failoverDurationMean, legend: `${FAILOVER_LEGEND} mean`, instant: true },
        { expr: PROMQL.failoverDurationP95, legend: `${FAILOVER_LEGEND} p95`, instant: true },
      ]),
    )
    .unit(units.Seconds)
    .min(0)
    .thresholds(limit === undefined ? thresholdSteps('green') : thresholdSteps('green', [limit, 'red']))
    .dataLinks([dataLink(config, 'Failover timeline in regionwatch', PAGES.failovers)])
    .links([pageLink(config, 'Failovers in regionwatch', PAGES.failovers)])
    .span(6)
    .height(8);
}

/** Which regions the GTM answers for each geo, over time. */
export function gtmRoutesPanel(config: Deployment) {
  return stateTimeline('Traffic routing by geo', 'Which regions the GTM answers for each client geo (regionwatch_gtm_route): a failover shows as a geo moving to another region.')
    .targets(promTargets([{ expr: PROMQL.gtmRoutes, legend: '{{geo}} → {{region}}' }]))
    .mappings(upDownMappings('routed', 'not routed'))
    .thresholds(thresholdSteps('green'))
    .links([pageLink(config, 'Failovers in regionwatch', PAGES.failovers)])
    .span(12)
    .height(8);
}

/** Up/down of each region's health endpoint over time. */
export function regionUpPanel(config: Deployment) {
  return stateTimeline('Region up', "Whether each region's health endpoint answered 2xx to the last probe (regionwatch_region_up).")
    .targets(promTargets([{ expr: PROMQL.regionUp, legend: '{{region}}' }]))
    .mappings(upDownMappings('up', 'down'))
    .thresholds(thresholdSteps('red', [1, 'green']))
    .links([pageLink(config, 'Region status in regionwatch', PAGES.overview)])
    .span(8)
    .height(8);
}

/** Share of health probes that succeeded, per region. */
export function probeSuccessPanel(config: Deployment) {
  return timeseries('Probe success ratio', 'Share of health probes that succeeded, per region (1 − rate of regionwatch_probe_failures_total / rate of regionwatch_probes_total).')
    .targets(promTargets([{ expr: PROMQL.probeSuccess, legend: '{{region}}' }]))
    .unit(units.PercentUnit)
    .min(0)
    .max(1)
    .links([pageLink(config, 'Region status in regionwatch', PAGES.overview)])
    .span(8)
    .height(8);
}

/** Probe round trip per region, p50 and p95. */
export function probeLatencyPanel(config: Deployment) {
  return timeseries('Probe latency', 'Health probe round trip per region, median and 95th percentile (regionwatch_probe_duration_seconds).')
    .targets(
      promTargets([
        { expr: PROMQL.probeLatencyP50, legend: '{{region}} p50' },
        { expr: PROMQL.probeLatencyP95, legend: '{{region}} p95' },
      ]),
    )
    .unit(units.Seconds)
    .min(0)
    .links([pageLink(config, 'Region status in regionwatch', PAGES.overview)])
    .span(8)
    .height(8);
}

/** Up/down of each collector in each region over time. */
export function collectorUpPanel(config: Deployment) {
  return stateTimeline('Collector up', 'Whether each collector reached each region in its last cycle (regionwatch_collector_up): down on an error, a timeout or a cycle abandoned at its deadline.')
    .targets(promTargets([{ expr: PROMQL.collectorUp, legend: '{{collector}} {{region}}' }]))
    .mappings(upDownMappings('up', 'down'))
    .thresholds(thresholdSteps('red', [1, 'green']))
    .links([pageLink(config, 'regionwatch overview', PAGES.overview)])
    .span(12)
    .height(10);
}

/** Duration of each collector's last cycle. */
export function collectorDurationPanel(config: Deployment) {
  return timeseries('Collector cycle duration', "Duration of each collector's last cycle (regionwatch_collector_duration_seconds).")
    .targets(promTargets([{ expr: PROMQL.collectorDuration, legend: '{{collector}}' }]))
    .unit(units.Seconds)
    .min(0)
    .links([pageLink(config, 'regionwatch overview', PAGES.overview)])
    .span(12)
    .height(10);
}
