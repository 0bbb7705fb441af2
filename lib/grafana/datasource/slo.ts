import type { SloConfig } from '@/lib/config/schema';
import type { Point } from '@/lib/series/lttb';
import { sloDetail, sloSummary } from '@/lib/server/slo';
import type { Payload } from './catalog';
import { badRequest } from './errors';
import { type Cell, type Column, formatOf, listCell, type QueryContext, type QueryResult, reachesNow, table, timeSeries } from './frames';
import { burnWindows, slosIn } from './names';
import { knownValues, multiValues } from './values';

const SLO_VALUES = ['budget_remaining', 'burn_rate'] as const;

/** SLOs a target names (every one by default); a region filter applies to SLOs whose SLI names that region. */
function selectedSlos(ctx: QueryContext, payload: Payload, field: string): SloConfig[] {
  const slos = slosIn(ctx.runtime, payload.slo, `${field}.slo`) ?? ctx.runtime.config.slos;
  return slos.filter((slo) =>
    ctx.filters.matches({
      source_region: slo.sli.source === undefined ? undefined : [slo.sli.source],
      target_region: slo.sli.target === undefined ? undefined : [slo.sli.target],
    }),
  );
}

/** Burn windows named, each one at least one of the SLOs has; null: every window. */
function windowsIn(ctx: QueryContext, slos: SloConfig[], raw: unknown, field: string): string[] | null {
  const known = [...new Set(slos.flatMap((slo) => burnWindows(ctx.runtime, slo)))];
  return knownValues(multiValues(raw, field), known, (window) => badRequest(field, `no selected SLO has the burn window "${window.slice(0, 100)}" (${known.join(', ')})`));
}

/**
 * `slo`: the budget-remaining (burn-down) and burn-rate series of `/api/slo/{name}` with
 * `points` = the point budget, restricted to the range; or one row per SLO with its
 * budget, burn rates and firing alerts.
 */
export async function sloQuery(ctx: QueryContext, payload: Payload, field: string): Promise<QueryResult[]> {
  const format = formatOf(payload.format, `${field}.format`, ['time_series', 'table'] as const);
  const slos = selectedSlos(ctx, payload, field);
  const windows = windowsIn(ctx, slos, payload.window, `${field}.window`);
  if (format === 'table') return [sloTable(ctx, slos, windows)];
  const values =
    knownValues(multiValues(payload.value, `${field}.value`), SLO_VALUES, (value) => badRequest(`${field}.value`, `unknown value "${value.slice(0, 100)}" (${SLO_VALUES.join(', ')})`)) ??
    (['budget_remaining'] as const);
  // The burn-down ends with a point at the server's now, just after a live range's `to`.
  const end = reachesNow(ctx) ? Math.max(ctx.to, ctx.now) : ctx.to;
  const inRange = (points: Point[]) => points.filter(([at]) => at >= ctx.from && at <= end);
  const details = await Promise.all(slos.map(async (slo) => ({ slo, detail: await sloDetail(ctx.runtime, slo, ctx.points, ctx.now) })));
  return details.flatMap(({ slo, detail }) => {
    const budget = values.includes('budget_remaining') ? [timeSeries(`${slo.name} budget remaining`, inRange(detail.burn_down), ctx.points)] : [];
    const burnRates = values.includes('burn_rate')
      ? Object.keys(detail.burn_rate_series)
          .filter((window) => windows === null || windows.includes(window))
          .map((window) => timeSeries(`${slo.name} burn rate ${window}`, inRange(detail.burn_rate_series[window]), ctx.points))
      : [];
    return [...budget, ...burnRates];
  });
}

function sloTable(ctx: QueryContext, slos: SloConfig[], windows: string[] | null) {
  const summaries = slos.map((slo) => sloSummary(ctx.runtime, slo));
  const shown = windows ?? [...new Set(summaries.flatMap((summary) => Object.keys(summary.burn_rates)))];
  const columns: [string, Column['type']][] = [
    ['slo', 'string'],
    ['objective', 'number'],
    ['window_seconds', 'number'],
    ['sli', 'string'],
    ['error_budget_remaining', 'number'],
    ['time_to_exhaustion_seconds', 'number'],
    ['firing', 'string'],
    ...shown.map((window): [string, Column['type']] => [`burn_rate_${window}`, 'number']),
  ];
  const rows = summaries.map((summary): Cell[] => [
    summary.name,
    summary.objective,
    summary.window_seconds,
    summary.sli.kind,
    summary.error_budget_remaining,
    summary.time_to_exhaustion_seconds,
    listCell(summary.alerts.filter((alert) => alert.firing).map((alert) => `${alert.severity} ${alert.long_window}/${alert.short_window}`)),
    ...shown.map((window) => summary.burn_rates[window] ?? null),
  ]);
  return table(columns, rows);
}
