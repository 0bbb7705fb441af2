import type { SloConfig } from '@/lib/config/schema';
import type { History as EmbeddedHistory } from '@/lib/store/history';
import { lttb, type Point } from '@/lib/series/lttb';
import type { SliCount } from './sli';
import { alertFiring, alertWindows, allowedErrorRatio, budgetRemaining, burnRate, errorRatio, promDuration, scaleWindow, sloWindows, timeToExhaustionMs } from './math';

/** Recorded counts as the SLO math reads them (the embedded history is one). */
type History = Pick<EmbeddedHistory, 'valueAt' | 'query'>;

export const goodSeries = (slo: string) => `slo:${slo}:good`;
export const totalSeries = (slo: string) => `slo:${slo}:total`;

export interface AlertState {
  severity: 'page' | 'ticket';
  longWindow: string;
  shortWindow: string;
  factor: number;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  firing: boolean;
}

export interface SloStatus {
  budgetRemaining: number;
  /** Burn rate per window (`5m` → 2.5); null where the window saw no events. */
  burnRates: Record<string, number | null>;
  alerts: AlertState[];
  /** At the burn rate of the 1 h (scaled) window. */
  timeToExhaustionMs: number | null;
  events: SliCount;
}

/** Cumulative counts at `at`, from history (or the earliest recorded, if history starts later). */
function countsAt(history: History, slo: string, at: number, now: number): SliCount | null {
  const good = history.valueAt(goodSeries(slo), at, now);
  const total = history.valueAt(totalSeries(slo), at, now);
  return good && total ? { good: good.value, total: total.value } : null;
}

/** Budget, burn rates and alert state of one SLO now, from its recorded event counts. */
export function sloStatus(slo: SloConfig, history: History, current: SliCount, now = Date.now()): SloStatus {
  const ratioOver = (windowMs: number) => {
    const from = countsAt(history, slo.name, now - windowMs, now) ?? { good: 0, total: 0 };
    return errorRatio(from, current);
  };
  const burnOver = (windowMs: number) => {
    const ratio = ratioOver(windowMs);
    return ratio === null ? null : burnRate(ratio, slo.objective);
  };
  // The same windows the generated rules record, so API and Prometheus name the same burn rates.
  const burnRates = Object.fromEntries(sloWindows(slo.window).map((windowMs) => [promDuration(windowMs), burnOver(windowMs)]));
  const windowRatio = ratioOver(slo.window);
  const remaining = windowRatio === null ? 1 : budgetRemaining(windowRatio, slo.objective);
  return statusFromBurnRates(slo, burnRates, remaining, current);
}

/**
 * An SLO's alert state and time to exhaustion from its burn rates per window and the budget
 * left: the half of the status the embedded history and a PromQL backend share.
 */
export function statusFromBurnRates(slo: SloConfig, burnRates: Record<string, number | null>, remaining: number, current: SliCount): SloStatus {
  const alerts = alertWindows(slo.window).map((alert) => {
    const [longWindow, shortWindow] = [promDuration(alert.longMs), promDuration(alert.shortMs)];
    const [longBurnRate, shortBurnRate] = [burnRates[longWindow], burnRates[shortWindow]];
    return { severity: alert.severity, longWindow, shortWindow, factor: alert.factor, longBurnRate, shortBurnRate, firing: alertFiring(alert, longBurnRate, shortBurnRate) };
  });
  const currentBurn = burnRates[promDuration(scaleWindow(3_600_000, slo.window))] ?? null;
  return { budgetRemaining: remaining, burnRates, alerts, timeToExhaustionMs: currentBurn === null ? null : timeToExhaustionMs(remaining, currentBurn, slo.window), events: current };
}

/** Cumulative good/total readings over the SLO window, aligned by time. */
export interface CountSeries {
  at: number[];
  good: number[];
  total: number[];
}

/** Reads an SLO's recorded counts over its window once, for the burn-down and burn-rate series. */
export function countSeries(slo: SloConfig, history: History, now = Date.now()): CountSeries {
  const good = history.query(goodSeries(slo.name), now - slo.window, now, now);
  const total = new Map(history.query(totalSeries(slo.name), now - slo.window, now, now));
  const series: CountSeries = { at: [], good: [], total: [] };
  for (const [at, value] of good) {
    const totalValue = total.get(at);
    if (totalValue === undefined) continue;
    series.at.push(at);
    series.good.push(value);
    series.total.push(totalValue);
  }
  return series;
}

/**
 * Budget remaining across the SLO window: at each moment, the share of the window's
 * budget (allowed bad events of all the window's events) not yet spent since its start,
 * beside the ideal straight line from 100 % to 0 % at the window's end.
 */
export function burnDown(slo: SloConfig, series: CountSeries, current: SliCount, points: number, now = Date.now()): { actual: Point[]; ideal: Point[] } {
  const start = now - slo.window;
  const base = series.at.length > 0 ? { good: series.good[0], total: series.total[0] } : { good: 0, total: 0 };
  const allowedBad = allowedErrorRatio(slo.objective) * Math.max(1, current.total - base.total);
  const actual: Point[] = series.at.map((at, index) => [at, 1 - Math.max(0, series.total[index] - base.total - (series.good[index] - base.good)) / allowedBad]);
  actual.push([now, 1 - Math.max(0, current.total - base.total - (current.good - base.good)) / allowedBad]);
  return {
    actual: lttb(actual, points),
    ideal: [
      [start, 1],
      [now, 1 - (now - start) / slo.window],
    ],
  };
}

/** Burn rate over `windowMs` at up to `points` moments of the series (binary search, no queries). */
export function burnRateSeries(slo: SloConfig, series: CountSeries, windowMs: number, points: number): Point[] {
  const out: Point[] = [];
  const count = series.at.length;
  const step = Math.max(1, Math.floor(count / points));
  for (let index = count - 1; index >= 0; index -= step) {
    const from = lastAtOrBefore(series.at, series.at[index] - windowMs);
    const ratio = errorRatio({ good: series.good[from], total: series.total[from] }, { good: series.good[index], total: series.total[index] });
    if (ratio !== null) out.push([series.at[index], burnRate(ratio, slo.objective)]);
  }
  return out.reverse();
}

/** Index of the last timestamp ≤ `at`, or 0 (the series' start) when none is. */
function lastAtOrBefore(times: number[], at: number): number {
  let low = 0;
  let high = times.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (times[middle] <= at) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
