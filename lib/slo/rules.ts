import type { SloConfig } from '@/lib/config/schema';
import { alertWindows, allowedErrorRatio, promDuration, sloWindows } from './math';
import { thresholdSeconds } from './sli';

export const ERROR_RATIO = 'slo:regionwatch_error_ratio:ratio_rate';
export const BURN_RATE = 'slo:regionwatch_burn_rate:ratio';
export const BUDGET_REMAINING = 'slo:regionwatch_error_budget_remaining:ratio';

/** Label matchers for an SLI's optional region filters. */
function matchers(slo: SloConfig, extra: Record<string, string> = {}): string {
  const labels: Record<string, string> = { ...extra };
  if (slo.sli.kind === 'replication_lag') {
    if (slo.sli.source) labels.source_region = slo.sli.source;
    if (slo.sli.target) labels.target_region = slo.sli.target;
  }
  if (slo.sli.kind === 'availability' && slo.sli.target) labels.region = slo.sli.target;
  const text = Object.entries(labels)
    .map(([name, value]) => `${name}="${value}"`)
    .join(',');
  return text ? `{${text}}` : '';
}

/** Bucket label of a threshold, as prom-client prints it (`1`, `0.25`, `2.5`). */
const le = (slo: SloConfig) => String(thresholdSeconds(slo));

/**
 * The increases over `window` an SLI is counted from (docs/metrics.md): good and total events
 * of a histogram (observations at or under the threshold), or bad and total of a counter pair.
 */
function sliIncreases(slo: SloConfig, window: string): { good: string; total: string } | { bad: string; total: string } {
  const increase = (metric: string, labels: Record<string, string> = {}) => `sum(increase(${metric}${matchers(slo, labels)}[${window}]))`;
  const histogram = (name: string) => ({ good: increase(`${name}_bucket`, { le: le(slo) }), total: increase(`${name}_count`) });
  const counters = (bad: string, total: string) => ({ bad: increase(bad), total: increase(total) });
  switch (slo.sli.kind) {
    case 'replication_lag':
      return histogram('regionwatch_replication_lag_observed_seconds');
    case 'failover_time':
      return histogram('regionwatch_failover_duration_seconds');
    case 'conflict_resolution':
      return histogram('regionwatch_conflict_resolution_seconds');
    case 'availability':
      return counters('regionwatch_probe_failures_total', 'regionwatch_probes_total');
    case 'divergence':
      return counters('regionwatch_divergence_checks_diverged_total', 'regionwatch_divergence_checks_total');
  }
}

/** The SLI's good and total events over `window`, from the exported metrics only. */
export function eventsExpr(slo: SloConfig, window: string): { good: string; total: string } {
  const increases = sliIncreases(slo, window);
  return 'good' in increases ? increases : { good: `${increases.total} - ${increases.bad}`, total: increases.total };
}

/** The SLI's error ratio over `window`, from the exported metrics only. */
export function errorRatioExpr(slo: SloConfig, window: string): string {
  const increases = sliIncreases(slo, window);
  return 'good' in increases ? `1 - (${increases.good} / ${increases.total})` : `${increases.bad} / ${increases.total}`;
}

/** Recording rules for every SLO, one group each: error ratios and burn rates per window, and the budget left. */
export function sloRuleGroups(slos: SloConfig[]) {
  return slos.map((slo) => {
    const allowed = Number(allowedErrorRatio(slo.objective).toPrecision(12));
    const recording = sloWindows(slo.window).flatMap((windowMs) => {
      const window = promDuration(windowMs);
      const labels = { slo: slo.name, window };
      return [
        { record: ERROR_RATIO, expr: errorRatioExpr(slo, window), labels },
        { record: BURN_RATE, expr: `${ERROR_RATIO}{slo="${slo.name}",window="${window}"} / ${allowed}`, labels },
      ];
    });
    const budget = {
      record: BUDGET_REMAINING,
      expr: `1 - ${BURN_RATE}{slo="${slo.name}",window="${promDuration(slo.window)}"}`,
      labels: { slo: slo.name },
    };
    return { name: `regionwatch-slo-${slo.name}`, rules: [...recording, budget] };
  });
}

export interface BurnAlert {
  severity: 'page' | 'ticket';
  longWindow: string;
  shortWindow: string;
  factor: number;
  /** True while the burn rate exceeds `factor` over both windows. */
  expr: string;
}

/**
 * The multi-window burn-rate alerts of an SLO (docs/alerts.md). Short SLO windows clamp several rows
 * to the same windows; of rows alike in severity and windows only the lowest factor is kept,
 * since it fires whenever the others would and they would share its labels.
 */
export function burnAlerts(slo: SloConfig): BurnAlert[] {
  const rows = alertWindows(slo.window).map((alert) => ({ ...alert, longWindow: promDuration(alert.longMs), shortWindow: promDuration(alert.shortMs) }));
  const key = (row: (typeof rows)[number]) => `${row.severity}/${row.longWindow}/${row.shortWindow}`;
  const kept = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const seen = kept.get(key(row));
    if (!seen || row.factor < seen.factor) kept.set(key(row), row);
  }
  const burning = (window: string, factor: number) => `max without (window) (${BURN_RATE}{slo="${slo.name}",window="${window}"}) > ${factor}`;
  return [...kept.values()].map(({ severity, longWindow, shortWindow, factor }) => ({
    severity,
    longWindow,
    shortWindow,
    factor,
    expr: `${burning(longWindow, factor)} and ${burning(shortWindow, factor)}`,
  }));
}
