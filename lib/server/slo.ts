import type { SloConfig } from '@/lib/config/schema';
import type { SloDetail, SloSummary } from '@/lib/api/types';
import { burnDown, burnRateSeries, countSeries, sloStatus, type SloStatus } from '@/lib/slo/status';
import { promDuration } from '@/lib/slo/math';
import { parseDurationMs } from '@/lib/config/duration';
import { rateSeries } from '@/lib/store/conflict-queries';
import { remoteCountSeries } from '@/lib/promql/slo';
import type { Runtime } from './runtime';

/** The SLO signal's last computed status of `slo` (the one `/metrics` exports). */
function statusOf(runtime: Runtime, slo: SloConfig): SloStatus {
  const computed = runtime.signals.slo.snapshot().slos.find((entry) => entry.slo.name === slo.name);
  return computed?.status ?? sloStatus(slo, runtime.history, { good: 0, total: 0 });
}

export function sloSummary(runtime: Runtime, slo: SloConfig): SloSummary {
  runtime.remote?.assertAnswering();
  const status = statusOf(runtime, slo);
  return {
    name: slo.name,
    objective: slo.objective,
    window_seconds: slo.window / 1000,
    sli: { kind: slo.sli.kind, threshold_seconds: slo.sli.threshold === undefined ? null : slo.sli.threshold / 1000, source: slo.sli.source ?? null, target: slo.sli.target ?? null },
    error_budget_remaining: status.budgetRemaining,
    burn_rates: status.burnRates,
    alerts: status.alerts.map((alert) => ({
      severity: alert.severity,
      long_window: alert.longWindow,
      short_window: alert.shortWindow,
      factor: alert.factor,
      long_burn_rate: alert.longBurnRate,
      short_burn_rate: alert.shortBurnRate,
      firing: alert.firing,
    })),
    time_to_exhaustion_seconds: status.timeToExhaustionMs === null ? null : status.timeToExhaustionMs / 1000,
    events: status.events,
  };
}

/** A bucket needs at least this many conflicts to be called a spike. */
const MIN_SPIKE_CONFLICTS = 5;

/** Failovers and conflict spikes (minutes with 3× the window's mean rate) inside the SLO window. */
function annotations(runtime: Runtime, slo: SloConfig, now: number): SloDetail['annotations'] {
  const from = now - slo.window;
  const failovers = runtime.failoverStore.list(from, now).map((failover) => ({ at: failover.detectedAt, kind: 'failover' as const, label: `${failover.region} failed over` }));
  const stepMs = Math.max(60_000, Math.ceil(slo.window / 200 / 60_000) * 60_000);
  // The mean is taken from the first bucket with conflicts, so a fresh install has no "spike" at start.
  const rates = rateSeries(runtime.conflicts.db, { from, to: now }, stepMs);
  const active = rates.slice(
    Math.max(
      0,
      rates.findIndex(([, rate]) => rate > 0),
    ),
  );
  const mean = active.reduce((sum, [, rate]) => sum + rate, 0) / Math.max(1, active.length);
  const countIn = (rate: number) => Math.round((rate * stepMs) / 60_000);
  const spikes = active
    .filter(([, rate]) => active.length >= 3 && rate >= 3 * mean && countIn(rate) >= MIN_SPIKE_CONFLICTS)
    .map(([at, rate]) => ({ at: Math.max(at, from), kind: 'conflict_spike' as const, label: `${countIn(rate)} conflicts in ${promDuration(stepMs)}` }));
  return [...failovers, ...spikes].sort((a, b) => a.at - b.at);
}

/**
 * The SLO page's data. The event counts across the window come from the same place as the
 * status: the embedded history, or the PromQL backend in a dashboard without collectors.
 */
export async function sloDetail(runtime: Runtime, slo: SloConfig, points: number, now = Date.now()): Promise<SloDetail> {
  const summary = sloSummary(runtime, slo);
  const current = summary.events;
  const series = runtime.remote && runtime.prom ? await remoteCountSeries(runtime.prom, slo, now) : countSeries(slo, runtime.history, now);
  const { actual, ideal } = burnDown(slo, series, current, points, now);
  const seriesPoints = Math.max(2, Math.min(points, 300));
  const burn_rate_series = Object.fromEntries(Object.keys(summary.burn_rates).map((window) => [window, burnRateSeries(slo, series, parseDurationMs(window) ?? 60_000, seriesPoints)]));
  return { ...summary, burn_down: actual, ideal, burn_rate_series, annotations: annotations(runtime, slo, now) };
}
