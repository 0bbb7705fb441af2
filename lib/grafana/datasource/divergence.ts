import type { DivergenceCheck } from '@/lib/api/divergence';
import { divergenceEntities, divergenceOverview, findCheck } from '@/lib/server/divergence';
import type { Payload } from './catalog';
import { badRequest } from './errors';
import { type Cell, type Column, formatOf, jsonCell, listCell, type QueryContext, type QueryResult, reachesNow, rowLimit, table, timeSeries } from './frames';
import { datasetsIn, pairsIn } from './names';
import { knownValues, multiValues } from './values';

const ENTITY_STATES = ['divergent', 'unsettled'] as const;
type EntityState = (typeof ENTITY_STATES)[number];

const SUMMARY_COLUMNS: [string, Column['type']][] = [
  ['time', 'time'],
  ['dataset', 'string'],
  ['region_a', 'string'],
  ['region_b', 'string'],
  ['verdict', 'string'],
  ['current', 'string'],
  ['divergent_entities', 'number'],
  ['unsettled_entities', 'number'],
  ['age_seconds', 'number'],
  ['error', 'string'],
];

const KEY_COLUMNS: [string, Column['type']][] = [
  ['time', 'time'],
  ['dataset', 'string'],
  ['region_a', 'string'],
  ['region_b', 'string'],
  ['state', 'string'],
  ['key', 'string'],
  ['kind', 'string'],
  ['a_hash', 'string'],
  ['b_hash', 'string'],
  ['a_row', 'string'],
  ['b_row', 'string'],
  ['first_seen_at', 'time'],
  ['waiting_on', 'string'],
];

/** The checks a target selects: by dataset, by pair (either order), then by the filters (a pair matches a region filter through either region). */
function selectedChecks(ctx: QueryContext, payload: Payload, field: string): DivergenceCheck[] {
  const datasets = datasetsIn(ctx.runtime, payload.dataset, `${field}.dataset`);
  const pairs = pairsIn(ctx.runtime, payload.pair, `${field}.pair`)?.map((pair) => pair.sort().join('|'));
  return divergenceOverview(ctx.runtime, ctx.now).checks.filter((check) => {
    const regions = [check.region_a, check.region_b];
    return (
      (datasets === null || datasets.includes(check.dataset)) &&
      (pairs === undefined || pairs.includes(regions.join('|'))) &&
      ctx.filters.matches({ dataset: [check.dataset], source_region: regions, target_region: regions })
    );
  });
}

/** `divergence`: per check, the divergent/unsettled counts now (time series), the checks (table) or their keys. */
export function divergenceQuery(ctx: QueryContext, payload: Payload, field: string): QueryResult[] {
  const format = formatOf(payload.format, `${field}.format`, ['time_series', 'table', 'keys'] as const);
  const states = (knownValues(multiValues(payload.value, `${field}.value`), ENTITY_STATES, (value) =>
    badRequest(`${field}.value`, `unknown value "${value.slice(0, 100)}" (${ENTITY_STATES.join(', ')})`),
  ) ?? [...ENTITY_STATES]) as EntityState[];
  const limit = format === 'keys' ? rowLimit(payload.limit, `${field}.limit`) : 0;
  const checks = selectedChecks(ctx, payload, field);
  // No history: the last check describes now, so a range that ended earlier gets nothing rather than today's.
  const live = reachesNow(ctx);
  if (format === 'time_series') {
    if (!live) return [];
    const at = Math.min(ctx.to, ctx.now);
    // A pair whose checks have all failed has no count to show.
    return checks
      .filter((check) => check.verdict !== 'error')
      .flatMap((check) =>
        states.map((state) =>
          timeSeries(`${check.dataset} ${check.region_a}<->${check.region_b} ${state}`, [[at, state === 'divergent' ? check.divergent_entities : check.unsettled_entities]], ctx.points),
        ),
      );
  }
  if (format === 'table') {
    const rows = live ? checks.map((check): Cell[] => summaryRow(check)) : [];
    return [table(SUMMARY_COLUMNS, rows)];
  }
  const rows = live ? checks.flatMap((check) => keyRows(ctx, check, states)).slice(0, limit) : [];
  return [table(KEY_COLUMNS, rows)];
}

function summaryRow(check: DivergenceCheck): Cell[] {
  return [check.checked_at, check.dataset, check.region_a, check.region_b, check.verdict, String(check.current), check.divergent_entities, check.unsettled_entities, check.age_seconds, check.error];
}

/** The keys of one check, as `/api/divergence/{dataset}/entities` lists them. */
function keyRows(ctx: QueryContext, check: DivergenceCheck, states: EntityState[]): Cell[][] {
  const entities = divergenceEntities(check.dataset, check.region_a, check.region_b, findCheck(ctx.runtime, check.dataset, check.region_a, check.region_b, ctx.now));
  const row = (state: EntityState, entity: (typeof entities.entities)[number], firstSeenAt: number | null, waitingOn: string[]): Cell[] => [
    entities.checked_at,
    entities.dataset,
    entity.region_a,
    entity.region_b,
    state,
    entity.key,
    entity.kind,
    entity.a?.hash ?? null,
    entity.b?.hash ?? null,
    jsonCell(entity.a?.row),
    jsonCell(entity.b?.row),
    firstSeenAt,
    listCell(waitingOn),
  ];
  return [
    ...(states.includes('divergent') ? entities.entities.map((entity) => row('divergent', entity, null, [])) : []),
    ...(states.includes('unsettled') ? entities.unsettled.map((entity) => row('unsettled', entity, entity.first_seen_at, entity.waiting_on)) : []),
  ];
}
