import type { SloConfig } from '@/lib/config/schema';
import { budgetRemaining, burnRate, errorRatio, promDuration, sloWindows } from '@/lib/slo/math';
import { BUDGET_REMAINING, BURN_RATE, eventsExpr } from '@/lib/slo/rules';
import type { SliCount } from '@/lib/slo/sli';
import { statusFromBurnRates, type CountSeries, type SloStatus } from '@/lib/slo/status';
import { stepFor, type InstantSample, type PromClient } from './client';

/**
 * Every SLO's status at `now` from a PromQL backend. Burn rates and the budget come from the
 * generated recording rules when the backend evaluates them (so the dashboard shows what the
 * alerts fire on), else from the raw counters over each window with the same expressions and
 * the same math as the embedded history. The window's events always come from the counters.
 */
export async function readSloStatuses(prom: PromClient, slos: SloConfig[], now: number): Promise<{ slo: SloConfig; status: SloStatus }[]> {
  if (slos.length === 0) return [];
  const recorded = await prom.query(`{__name__=~"${BURN_RATE}|${BUDGET_REMAINING}"}`, now);
  return Promise.all(slos.map(async (slo) => ({ slo, status: await statusOf(prom, slo, recorded, now) })));
}

async function statusOf(prom: PromClient, slo: SloConfig, recorded: InstantSample[], now: number): Promise<SloStatus> {
  const windows = sloWindows(slo.window).map(promDuration);
  const fullWindow = promDuration(slo.window);
  const mine = recorded.filter((sample) => sample.labels.slo === slo.name);
  const recordedBurn = new Map(mine.filter((sample) => sample.labels.__name__ === BURN_RATE).map((sample) => [sample.labels.window, sample.value]));
  const recordedBudget = mine.find((sample) => sample.labels.__name__ === BUDGET_REMAINING)?.value;
  // A window with no events records nothing (0/0): the rules are there when any window is.
  const fromRules = recordedBurn.size > 0;
  const counted = new Map<string, SliCount>();
  await Promise.all(
    (fromRules ? [fullWindow] : windows).map(async (window) => {
      counted.set(window, await eventsOver(prom, slo, window, now));
    }),
  );
  const burnRates = Object.fromEntries(
    windows.map((window) => {
      if (fromRules) return [window, recordedBurn.get(window) ?? null];
      const ratio = errorRatio({ good: 0, total: 0 }, counted.get(window)!);
      return [window, ratio === null ? null : burnRate(ratio, slo.objective)];
    }),
  );
  const events = counted.get(fullWindow)!;
  const windowRatio = errorRatio({ good: 0, total: 0 }, events);
  const remaining = fromRules ? (recordedBudget ?? 1) : windowRatio === null ? 1 : budgetRemaining(windowRatio, slo.objective);
  return statusFromBurnRates(slo, burnRates, remaining, events);
}

/** Good and total events over `window` (increase() extrapolates: counts may be fractional). */
async function eventsOver(prom: PromClient, slo: SloConfig, window: string, now: number): Promise<SliCount> {
  const exprs = eventsExpr(slo, window);
  const [good, total] = await Promise.all([prom.query(exprs.good, now), prom.query(exprs.total, now)]);
  const value = (samples: InstantSample[]) => Math.max(0, samples[0]?.value ?? 0);
  const totalCount = value(total);
  return { good: Math.min(totalCount, value(good)), total: totalCount };
}

/**
 * Points one burn-down read asks for at most, and its finest step: the embedded history's
 * one-minute resolution for windows up to a day, coarser beyond (Prometheus refuses more than
 * 11,000 points per series, and each point costs the backend an evaluation).
 */
const MAX_COUNT_POINTS = 1500;
const MIN_COUNT_STEP_MS = 60_000;

/**
 * An SLO's cumulative good and total events across its window, as the embedded history records
 * them, built from the backend's increase per step summed from the window's start: a counter
 * reset (an agent restarting) costs nothing. The burn-down and burn-rate series are then drawn
 * by the same functions as from the embedded history.
 */
export async function remoteCountSeries(prom: PromClient, slo: SloConfig, now: number): Promise<CountSeries> {
  const start = now - slo.window;
  const stepMs = Math.max(stepFor(start, now, MAX_COUNT_POINTS), MIN_COUNT_STEP_MS);
  const exprs = eventsExpr(slo, `${stepMs / 1000}s`);
  const [good, total] = await Promise.all([prom.queryRange(exprs.good, start + stepMs, now, stepMs), prom.queryRange(exprs.total, start + stepMs, now, stepMs)]);
  const goodAt = new Map(good[0]?.points ?? []);
  const series: CountSeries = { at: [start], good: [0], total: [0] };
  for (const [at, increase] of total[0]?.points ?? []) {
    const stepTotal = Math.max(0, increase);
    const stepGood = Math.min(stepTotal, Math.max(0, goodAt.get(at) ?? stepTotal));
    series.at.push(at);
    series.total.push(series.total.at(-1)! + stepTotal);
    series.good.push(series.good.at(-1)! + stepGood);
  }
  return series;
}
