import { BigValueColorMode, BigValueGraphMode, GraphThresholdsStyleConfigBuilder, GraphThresholdsStyleMode } from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import * as units from '@grafana/grafana-foundation-sdk/units';
import type { Config, SloConfig } from '@/lib/config/schema';
import { PAGES } from '@/lib/links';
import { alertWindows, promDuration, sloWindows } from '@/lib/slo/math';
import { thresholdSeconds } from '@/lib/slo/sli';
import { barGauge, DATASOURCE, dataLink, lastNotNull, pageLink, promTargets, thresholdSteps, timeseries } from './common';
import { sloPromql } from './queries';

type Deployment = Pick<Config, 'server'>;

/** Grafana's custom unit: the number with a suffix (a burn rate of 2 reads "2×"). */
const TIMES = 'suffix:×';
const FACTOR_COLOURS = ['yellow', 'orange', 'red', 'dark-red'];

/** What the SLO promises, in words: the panels' descriptions and the row title. */
export function sloSummary(slo: SloConfig): string {
  const threshold = slo.sli.threshold === undefined ? '' : ` (threshold ${thresholdSeconds(slo)} s)`;
  const scope = [slo.sli.source && `from ${slo.sli.source}`, slo.sli.target && `to ${slo.sli.target}`].filter(Boolean).join(' ');
  return `${slo.objective} % of ${slo.sli.kind} events${scope ? ` ${scope}` : ''} good over ${promDuration(slo.window)}${threshold}`;
}

/** The burn-rate factors the SLO's alerts fire at, each a colour step (lib/slo/math alert windows). */
function burnThresholds(slo: SloConfig) {
  const factors = [...new Set(alertWindows(slo.window).map((alert) => alert.factor))].sort((a, b) => a - b);
  return thresholdSteps('green', ...factors.map((factor, index): [number, string] => [factor, FACTOR_COLOURS[Math.min(index, FACTOR_COLOURS.length - 1)]]));
}

const sloLinks = (config: Deployment, slo: SloConfig) => ({
  header: [pageLink(config, `SLO ${slo.name} in regionwatch`, PAGES.slo(slo.name))],
  data: [dataLink(config, `Burn-down of ${slo.name} in regionwatch`, PAGES.slo(slo.name))],
});

/** The SLO's error budget remaining now, with its trend. */
export function budgetPanel(config: Deployment, slo: SloConfig) {
  const links = sloLinks(config, slo);
  return new StatPanelBuilder()
    .title(`${slo.name}: error budget remaining`)
    .description(`Share of the error budget of ${slo.name} (${sloSummary(slo)}) not yet spent: 1 untouched, 0 spent, negative overspent (regionwatch_slo_error_budget_remaining_ratio).`)
    .datasource(DATASOURCE)
    .targets(promTargets([{ expr: sloPromql(slo).budgetRemaining, legend: slo.name }]))
    .unit(units.PercentUnit)
    .decimals(1)
    .thresholds(thresholdSteps('red', [0, 'orange'], [0.25, 'green']))
    .colorMode(BigValueColorMode.Value)
    .graphMode(BigValueGraphMode.Area)
    .reduceOptions(lastNotNull())
    .dataLinks(links.data)
    .links(links.header)
    .span(6)
    .height(8);
}

/** The SLO's current burn rate over each of its windows, shortest first. */
export function burnRateBarsPanel(config: Deployment, slo: SloConfig) {
  const links = sloLinks(config, slo);
  const windows = sloWindows(slo.window).map(promDuration);
  return barGauge(
    `${slo.name}: burn rate by window`,
    `Current error-budget burn rate of ${slo.name} over each window, shortest first (regionwatch_slo_burn_rate): 1 spends exactly the budget in ${promDuration(slo.window)}. Colours step at the factors its alerts fire at. A window without events shows no value.`,
  )
    .targets(promTargets(windows.map((window) => ({ expr: sloPromql(slo).burnRate(window), legend: window, instant: true }))))
    .unit(TIMES)
    .decimals(2)
    .min(0)
    .thresholds(burnThresholds(slo))
    .dataLinks(links.data)
    .links(links.header)
    .span(8)
    .height(8);
}

/** The SLO's burn rate per window over time. */
export function burnRateSeriesPanel(config: Deployment, slo: SloConfig) {
  const links = sloLinks(config, slo);
  return timeseries(`${slo.name}: burn rate over time`, `Error-budget burn rate of ${slo.name} per window over time (regionwatch_slo_burn_rate); dashed lines at the alert factors.`)
    .targets(promTargets([{ expr: sloPromql(slo).burnRates, legend: '{{window}}' }]))
    .unit(TIMES)
    .min(0)
    .fillOpacity(0)
    .thresholds(burnThresholds(slo))
    .thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed))
    .dataLinks(links.data)
    .links(links.header)
    .span(10)
    .height(8);
}
