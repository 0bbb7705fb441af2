/**
 * Error budgets and burn rates (Google SRE Workbook, ch. 5). Pure functions over event
 * counts; the same definitions generate the Prometheus rules, so both agree.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
export const REFERENCE_WINDOW_MS = 30 * DAY;

export interface AlertWindow {
  severity: 'page' | 'ticket';
  longMs: number;
  shortMs: number;
  /** Burn-rate factor both windows must exceed. */
  factor: number;
}

/** SLO §7: the multi-window, multi-burn-rate table for a 30-day window. */
const REFERENCE_ALERTS: AlertWindow[] = [
  { severity: 'page', longMs: 3_600_000, shortMs: 5 * MINUTE, factor: 14.4 },
  { severity: 'page', longMs: 6 * 3_600_000, shortMs: 30 * MINUTE, factor: 6 },
  { severity: 'ticket', longMs: DAY, shortMs: 2 * 3_600_000, factor: 3 },
  { severity: 'ticket', longMs: 3 * DAY, shortMs: 6 * 3_600_000, factor: 1 },
];

/** The burn-rate windows reported for a 30-day SLO. */
const REFERENCE_BURN_WINDOWS = [5 * MINUTE, 30 * MINUTE, 3_600_000, 2 * 3_600_000, 6 * 3_600_000, DAY, 3 * DAY];

/** Scales a reference window to an SLO window of `windowMs` (factor W/30d), never under 1 minute. */
export function scaleWindow(referenceMs: number, windowMs: number): number {
  return Math.max(MINUTE, Math.round((referenceMs * windowMs) / REFERENCE_WINDOW_MS / 1000) * 1000);
}

export function alertWindows(windowMs: number): AlertWindow[] {
  return REFERENCE_ALERTS.map((alert) => ({ ...alert, longMs: scaleWindow(alert.longMs, windowMs), shortMs: scaleWindow(alert.shortMs, windowMs) }));
}

/** Distinct burn-rate windows for an SLO window, shortest first. */
export function burnWindows(windowMs: number): number[] {
  return [...new Set(REFERENCE_BURN_WINDOWS.map((referenceMs) => scaleWindow(referenceMs, windowMs)))].sort((a, b) => a - b);
}

/**
 * Every window an SLO of `windowMs` is measured over, distinct and shortest first: its
 * burn-rate windows, both windows of each alert, and the SLO window itself. The generated
 * recording rules and the API's burn rates both use this list, so they name the same windows.
 */
export function sloWindows(windowMs: number): number[] {
  const alertPairs = alertWindows(windowMs).flatMap((alert) => [alert.longMs, alert.shortMs]);
  return [...new Set([...burnWindows(windowMs), ...alertPairs, windowMs])].sort((a, b) => a - b);
}

/** The share of events allowed to be bad: 1 − objective (objective in percent). */
export const allowedErrorRatio = (objectivePercent: number) => 1 - objectivePercent / 100;

/** How fast the budget burns: 1 spends exactly the whole budget over the SLO window. */
export function burnRate(errorRatio: number, objectivePercent: number): number {
  return errorRatio / allowedErrorRatio(objectivePercent);
}

/** Share of the window's budget left (1 = untouched, 0 = spent, negative = overspent). */
export function budgetRemaining(errorRatio: number, objectivePercent: number): number {
  return 1 - burnRate(errorRatio, objectivePercent);
}

/** Share of the window's budget a burn rate consumes in `durationMs`. */
export function budgetConsumed(rate: number, durationMs: number, windowMs: number): number {
  return (rate * durationMs) / windowMs;
}

/** Time until the remaining budget is spent at the current burn rate; null if it is not burning. */
export function timeToExhaustionMs(remaining: number, rate: number, windowMs: number): number | null {
  if (rate <= 0) return null;
  return Math.max(0, (remaining / rate) * windowMs);
}

/** Bad / total events between two cumulative readings; null when nothing happened. */
export function errorRatio(from: { good: number; total: number }, to: { good: number; total: number }): number | null {
  const total = to.total - from.total;
  if (total <= 0) return null;
  return Math.min(1, Math.max(0, (total - (to.good - from.good)) / total));
}

export function alertFiring(alert: AlertWindow, longBurn: number | null, shortBurn: number | null): boolean {
  return longBurn !== null && shortBurn !== null && longBurn > alert.factor && shortBurn > alert.factor;
}

/** Prometheus duration text for a window (`5m`, `1h`, `2h24m`). */
export function promDuration(ms: number): string {
  let rest = Math.round(ms / 1000);
  let out = '';
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out || '0s';
}
