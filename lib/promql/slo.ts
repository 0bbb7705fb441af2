import type { SloConfig } from '@/lib/config/schema';
import { budgetRemaining, burnRate, errorRatio, promDuration, sloWindows } from '@/lib/slo/math';
import { BUDGET_REMAINING, BURN_RATE, eventsExpr } from '@/lib/slo/rules';
import type { SliCount } from '@/lib/slo/sli';
import { statusFromBurnRates, type SloStatus } from '@/lib/slo/status';
import type { InstantSample, PromClient } from './client';

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
