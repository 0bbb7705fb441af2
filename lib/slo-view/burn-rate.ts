import type { SloDetail } from '@/lib/api/types';
import { parseDurationMs } from '@/lib/config/duration';

type AlertRow = SloDetail['alerts'][number];

/** An alert factor drawn on a burn-rate chart: the line that window must stay under. */
export interface FactorLine {
  factor: number;
  severity: AlertRow['severity'];
}

/** One small multiple: a window's burn rate over time and the alert factors that watch it. */
export interface BurnRatePanel {
  window: string;
  windowMs: number;
  points: Array<[number, number]>;
  current: number | null;
  factors: FactorLine[];
  /** Does an alert that uses this window fire now? */
  firing: boolean;
}

/**
 * One panel per reported window, shortest first. Each carries the factors of the alerts
 * that use it as their long or short window (a page outranks a ticket at the same factor).
 */
export function shapeBurnRatePanels(detail: Pick<SloDetail, 'burn_rates' | 'burn_rate_series' | 'alerts'>): BurnRatePanel[] {
  return Object.entries(detail.burn_rates)
    .map(([window, current]) => {
      const watching = detail.alerts.filter((alert) => alert.long_window === window || alert.short_window === window);
      return {
        window,
        windowMs: parseDurationMs(window) ?? Number.POSITIVE_INFINITY,
        points: detail.burn_rate_series[window] ?? [],
        current,
        factors: factorLines(watching),
        firing: watching.some((alert) => alert.firing),
      };
    })
    .sort((a, b) => a.windowMs - b.windowMs || a.window.localeCompare(b.window));
}

/** Distinct factors, highest first; where a page and a ticket share a factor, the page's. */
export function factorLines(alerts: readonly AlertRow[]): FactorLine[] {
  const byFactor = new Map<number, FactorLine>();
  for (const alert of alerts) {
    const known = byFactor.get(alert.factor);
    if (!known || alert.severity === 'page') byFactor.set(alert.factor, { factor: alert.factor, severity: alert.severity });
  }
  return [...byFactor.values()].sort((a, b) => b.factor - a.factor);
}
