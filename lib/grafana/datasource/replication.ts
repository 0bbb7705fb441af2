import type { Resolution } from '@/lib/api/conflicts';
import { conflictDetail, conflictList, conflictRate } from '@/lib/server/conflicts';
import { lagSeries } from '@/lib/server/lag';
import type { Payload } from './catalog';
import { badRequest } from './errors';
import { type Cell, checkFanOut, formatOf, jsonCell, listCell, type QueryContext, type QueryResult, rowLimit, table, timeSeries } from './frames';
import { entityTypes, entityTypesIn, orderedPairs, pairsIn, RESOLUTIONS, regionNames, regionsIn, resolutionsIn } from './names';
import type { FilterKey, Filters } from './values';

/** Pairs a lag target names: `pair`, or `source` × `target` (every region where left out), then the filters. */
function lagPairs(ctx: QueryContext, payload: Payload, field: string): [string, string][] {
  const { pairs, sources, targets } = pairFields(ctx, payload, field);
  const candidates = pairs ?? orderedPairs(ctx.runtime).filter(([source, target]) => (sources === null || sources.includes(source)) && (targets === null || targets.includes(target)));
  return candidates.filter(([source, target]) => ctx.filters.matches({ source_region: [source], target_region: [target] }));
}

function pairFields(ctx: QueryContext, payload: Payload, field: string) {
  const pairs = pairsIn(ctx.runtime, payload.pair, `${field}.pair`);
  const sources = regionsIn(ctx.runtime, payload.source, `${field}.source`);
  const targets = regionsIn(ctx.runtime, payload.target, `${field}.target`);
  if (pairs && (sources || targets)) throw badRequest(`${field}.pair`, 'give either pair or source/target, not both');
  // One source and the same one target leave no pair at all: a mistake, not an empty panel.
  if (sources?.length === 1 && targets?.length === 1 && sources[0] === targets[0]) throw badRequest(`${field}.target`, 'must differ from source');
  return { pairs, sources, targets };
}

/** `lag`: one series per pair, exactly `/api/lag/series` for the same range and points. */
export async function lagQuery(ctx: QueryContext, payload: Payload, field: string): Promise<QueryResult[]> {
  const pairs = lagPairs(ctx, payload, field);
  checkFanOut(pairs.length, field);
  return Promise.all(
    pairs.map(async ([source, target]) => {
      const series = await lagSeries(ctx.runtime, { source, target, from: ctx.from, to: ctx.to, points: ctx.points });
      return timeSeries(`lag ${source}->${target}`, series.points, ctx.points);
    }),
  );
}

/** One conflict query: each field unset means every value (aggregated, as the REST API does). */
interface ConflictSelection {
  source?: string;
  target?: string;
  entityType?: string;
  resolution?: Resolution;
}

/**
 * A dimension's values: those named, or — when a filter names its key — every known value
 * that passes; otherwise `[undefined]`, one query over all of them.
 */
function dimension(values: string[] | null, known: () => string[], key: FilterKey | null, filters: Filters): (string | undefined)[] {
  if (values === null && (key === null || !filters.touches(key))) return [undefined];
  const chosen = values ?? known();
  return key === null ? chosen : chosen.filter((value) => filters.allows(key, value));
}

function conflictSelections(ctx: QueryContext, payload: Payload, field: string): ConflictSelection[] {
  const { pairs, sources, targets } = pairFields(ctx, payload, field);
  const regions = () => regionNames(ctx.runtime);
  const pairChoices: { source?: string; target?: string }[] = pairs
    ? pairs.filter(([source, target]) => ctx.filters.matches({ source_region: [source], target_region: [target] })).map(([source, target]) => ({ source, target }))
    : dimension(sources, regions, 'source_region', ctx.filters).flatMap((source) =>
        dimension(targets, regions, 'target_region', ctx.filters)
          .filter((target) => source === undefined || source !== target)
          .map((target) => ({ source, target })),
      );
  const types = dimension(entityTypesIn(payload.entity_type, `${field}.entity_type`), () => entityTypes(ctx.runtime), 'entity_type', ctx.filters);
  const resolutions = dimension(resolutionsIn(payload.resolution, `${field}.resolution`), () => [...RESOLUTIONS], null, ctx.filters);
  const selections = pairChoices.flatMap((pair) => types.flatMap((entityType) => resolutions.map((resolution) => ({ ...pair, entityType, resolution: resolution as Resolution | undefined }))));
  checkFanOut(selections.length, field);
  return selections;
}

function selectionName(selection: ConflictSelection): string {
  const pair = selection.source || selection.target ? ` ${selection.source ?? '*'}->${selection.target ?? '*'}` : '';
  return ['conflicts/min', pair.trim(), selection.entityType, selection.resolution].filter(Boolean).join(' ');
}

const CONFLICT_COLUMNS: [string, 'time' | 'string' | 'number'][] = [
  ['time', 'time'],
  ['id', 'number'],
  ['source_region', 'string'],
  ['target_region', 'string'],
  ['entity_type', 'string'],
  ['entity_key', 'string'],
  ['resolution', 'string'],
  ['winner', 'string'],
  ['pending', 'string'],
  ['resolved_at', 'time'],
  ['local_version', 'string'],
  ['remote_version', 'string'],
  ['merged', 'string'],
  ['differing_fields', 'string'],
];

/** `conflicts`: the rate per selection (`/api/conflicts/rate`), or the newest conflicts with both versions. */
export async function conflictsQuery(ctx: QueryContext, payload: Payload, field: string): Promise<QueryResult[]> {
  const format = formatOf(payload.format, `${field}.format`, ['time_series', 'table'] as const);
  const limit = format === 'table' ? rowLimit(payload.limit, `${field}.limit`) : 0;
  const selections = conflictSelections(ctx, payload, field);
  const filter = (selection: ConflictSelection) => ({
    source: selection.source,
    target: selection.target,
    entity_type: selection.entityType,
    resolution: selection.resolution,
    from: ctx.from,
    to: ctx.to,
  });
  if (format === 'time_series') {
    // The rate's buckets run from the one holding `from` to the one holding `to`: one more than points.
    const points = Math.max(1, ctx.points - 1);
    return Promise.all(selections.map(async (selection) => timeSeries(selectionName(selection), (await conflictRate(ctx.runtime, { ...filter(selection), points }, ctx.now)).points, ctx.points)));
  }
  const items = selections
    .flatMap((selection) => conflictList(ctx.runtime, { ...filter(selection), limit, order: 'newest' }, null).items)
    .sort((a, b) => b.detected_at - a.detected_at || b.id - a.id)
    .slice(0, limit);
  const rows = items.flatMap((item): Cell[][] => {
    const detail = conflictDetail(ctx.runtime, item.id);
    if (!detail) return [];
    return [
      [
        detail.detected_at,
        detail.id,
        detail.source_region,
        detail.target_region,
        detail.entity_type,
        detail.entity_key,
        detail.resolution,
        detail.winner,
        String(detail.pending),
        detail.resolved_at,
        JSON.stringify(detail.local_version ?? null),
        JSON.stringify(detail.remote_version ?? null),
        jsonCell(detail.merged),
        listCell(detail.differing_fields),
      ],
    ];
  });
  return [table(CONFLICT_COLUMNS, rows)];
}
