import type { SloSummary } from '@/lib/api/types';
import { formatAge, formatWindow } from '@/lib/conflicts/format';
import { NO_VALUE, formatLag } from '@/lib/heatmap/format';
import type { Tone } from '@/lib/heatmap/tone';
import { promDuration, scaleWindow } from '@/lib/slo/math';

/** The SLO list page; each SLO's own page is {@link sloHref}. */
export const SLO_PATH = '/slo';

export function sloHref(name: string): string {
  return `${SLO_PATH}/${encodeURIComponent(name)}`;
}

/**
 * Budget remaining as a percentage: `100 %`, `98.7 %`, `0.4 %`, `-25.6 %`, `-967 %` (overspent).
 * Never rounds a touched budget up to `100 %`: a spent bad event must show.
 */
export function formatBudget(remaining: number | null): string {
  if (remaining === null || !Number.isFinite(remaining)) return NO_VALUE;
  const percent = remaining * 100;
  if (percent === 100) return '100 %';
  const rounded = Math.abs(percent) >= 100 ? Math.round(percent) : Number(percent.toFixed(1));
  if (rounded >= 100) return '>99.9 %';
  return `${Object.is(rounded, -0) ? 0 : rounded} %`;
}

/** Axis text for budget ticks: whole percent. */
export function formatBudgetTick(remaining: number): string {
  const percent = Math.round(remaining * 100);
  return `${percent === 0 ? 0 : percent} %`;
}

/** A burn rate (or alert factor) as a multiple of the sustainable rate: `0×`, `<0.01×`, `0.75×`, `14.4×`, `157×`; no events as `—`. */
export function formatBurnRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return NO_VALUE;
  if (rate <= 0) return '0×';
  if (rate < 0.01) return '<0.01×';
  if (rate < 10) return `${Number(rate.toFixed(2))}×`;
  if (rate < 100) return `${Number(rate.toFixed(1))}×`;
  return `${Math.round(rate).toLocaleString('en-US')}×`;
}

export function formatObjective(objectivePercent: number): string {
  return `${objectivePercent} %`;
}

/** `3d 4h` until the budget is gone at the current rate; `not burning` when nothing is spent; `exhausted` once it is. */
export function formatTimeToExhaustion(seconds: number | null, remaining: number): string {
  if (remaining <= 0) return 'exhausted';
  if (seconds === null) return 'not burning';
  if (seconds <= 0) return 'exhausted';
  return formatAge(seconds * 1000);
}

/** What counts as a good event, in words: `replication lag samples under 1.00 s on every region pair`. */
export function describeSli(sli: SloSummary['sli']): string {
  const threshold = sli.threshold_seconds === null ? '' : formatLag(sli.threshold_seconds);
  switch (sli.kind) {
    case 'replication_lag':
      return `replication lag samples under ${threshold} ${describePairScope(sli.source, sli.target)}`;
    case 'availability':
      return `health probes succeeding ${sli.target ? `against ${sli.target}` : 'across every region'}`;
    case 'failover_time':
      return `failovers rerouted within ${threshold}`;
    case 'conflict_resolution':
      return `write conflicts resolved within ${threshold}`;
    case 'divergence':
      return 'divergence checks finding no divergent entities';
    default:
      return `good ${sli.kind.replaceAll('_', ' ')} events`;
  }
}

/** The objective in one sentence: `99.9 % of replication lag samples under 1.00 s on every region pair, over a rolling 30d window`. */
export function describeObjective(slo: Pick<SloSummary, 'objective' | 'window_seconds' | 'sli'>): string {
  return `${formatObjective(slo.objective)} of ${describeSli(slo.sli)}, over a rolling ${formatWindow(slo.window_seconds)} window`;
}

function describePairScope(source: string | null, target: string | null): string {
  if (source && target) return `on ${source} → ${target}`;
  if (source) return `from ${source}`;
  if (target) return `into ${target}`;
  return 'on every region pair';
}

/** The window the headline burn rate is read over: the 1 h of a 30 d SLO, scaled like the alert windows. */
export function currentBurnWindow(windowSeconds: number): string {
  return promDuration(scaleWindow(3_600_000, windowSeconds * 1000));
}

/** The headline burn rate, the one the API's time to exhaustion assumes; null when that window saw no events. */
export function currentBurnRate(slo: Pick<SloSummary, 'window_seconds' | 'burn_rates'>): { window: string; rate: number | null } {
  const window = currentBurnWindow(slo.window_seconds);
  return { window, rate: slo.burn_rates[window] ?? null };
}

/** From this share of budget left on, a budget is thin enough to look at. */
export const BUDGET_WARNING = 0.25;

export function budgetTone(remaining: number): Tone {
  if (!Number.isFinite(remaining)) return 'unknown';
  if (remaining <= 0) return 'breach';
  return remaining < BUDGET_WARNING ? 'warning' : 'ok';
}

/** Share of a budget bar to fill: the remaining budget, clamped to the bar. */
export function budgetBarFraction(remaining: number): number {
  if (!Number.isFinite(remaining)) return 0;
  return Math.min(1, Math.max(0, remaining));
}
