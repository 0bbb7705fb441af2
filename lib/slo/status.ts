import type { SloConfig } from '@/lib/config/schema';
import type { History } from '@/lib/store/history';
import { lttb, type Point } from '@/lib/series/lttb';
import type { SliCount } from './sli';
import { alertFiring, alertWindows, allowedErrorRatio, budgetRemaining, burnRate, burnWindows, errorRatio, promDuration, scaleWindow, timeToExhaustionMs } from './math';

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
  // The same windows the generated rules record: burn windows, alert windows and the SLO window.
  const windows = new Set([...burnWindows(slo.window), ...alertWindows(slo.window).flatMap((alert) => [alert.longMs, alert.shortMs]), slo.window]);
  const burnRates = Object.fromEntries([...windows].sort((a, b) => a - b).map((windowMs) => [promDuration(windowMs), burnOver(windowMs)]));
  const windowRatio = ratioOver(slo.window);
  const remaining = windowRatio === null ? 1 : budgetRemaining(windowRatio, slo.objective);
  const alerts = alertWindows(slo.window).map((alert) => {
    const [longWindow, shortWindow] = [promDuration(alert.longMs), promDuration(alert.shortMs)];
    const [longBurnRate, shortBurnRate] = [burnRates[longWindow], burnRates[shortWindow]];
    return { severity: alert.severity, longWindow, shortWindow, factor: alert.factor, longBurnRate, shortBurnRate, firing: alertFiring(alert, longBurnRate, shortBurnRate) };
  });
  const currentBurn = burnRates[promDuration(scaleWindow(3_600_000, slo.window))] ?? null;
  return { budgetRemaining: remaining, burnRates, alerts, timeToExhaustionMs: currentBurn === null ? null : timeToExhaustionMs(remaining, currentBurn, slo.window), events: current };
}

/**
 * Budget remaining across the SLO window: at each moment, the share of the window's
 * budget (allowed bad events of all the window's events) not yet spent since its start,
 * beside the ideal straight line from 100 % to 0 % at the window's end.
 */
export function burnDown(slo: SloConfig, history: History, current: SliCount, points: number, now = Date.now()): { actual: Point[]; ideal: Point[] } {
  const start = now - slo.window;
  const good = history.query(goodSeries(slo.name), start, now, now);
  const total = history.query(totalSeries(slo.name), start, now, now);
  const base = countsAt(history, slo.name, start, now) ?? { good: 0, total: 0 };
  const allowedBad = allowedErrorRatio(slo.objective) * Math.max(1, current.total - base.total);
  const totalAt = new Map(total.map(([at, value]) => [at, value]));
  const actual: Point[] = good
    .filter(([at]) => totalAt.has(at))
    .map(([at, goodValue]) => {
      const bad = totalAt.get(at)! - base.total - (goodValue - base.good);
      return [at, 1 - Math.max(0, bad) / allowedBad];
    });
  actual.push([now, 1 - Math.max(0, current.total - base.total - (current.good - base.good)) / allowedBad]);
  return { actual: lttb(actual, points), ideal: [[start, 1], [now, 1 - (now - start) / slo.window]] };
}
