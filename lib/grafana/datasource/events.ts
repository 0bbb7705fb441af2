import type { FailoverItem } from '@/lib/api/failovers';
import type { Incident } from '@/lib/domain/incident';
import { failoverList } from '@/lib/server/failovers';
import type { Payload } from './catalog';
import { badRequest } from './errors';
import { type Cell, type Column, formatOf, listCell, type QueryContext, type QueryResult, table, timeSeries } from './frames';
import { regionNames, regionsIn } from './names';
import { knownValues, multiValues } from './values';

/** Failovers overlapping the range (`/api/failovers`), by failed region; filters see the failed region as source, the new ones as targets. */
function selectedFailovers(ctx: QueryContext, regions: string[] | null): FailoverItem[] {
  return failoverList(ctx.runtime, ctx.from, ctx.to).items.filter(
    (item) => (regions === null || regions.includes(item.region)) && ctx.filters.matches({ source_region: [item.region], target_region: item.to_regions }),
  );
}

const FAILOVER_COLUMNS: [string, Column['type']][] = [
  ['time', 'time'],
  ['id', 'number'],
  ['region', 'string'],
  ['geos', 'string'],
  ['to_regions', 'string'],
  ['rerouted_at', 'time'],
  ['recovered_at', 'time'],
  ['failback_at', 'time'],
  ['duration_seconds', 'number'],
];

/** `failovers`: detection-to-reroute seconds per failed region, one point per failover, or the events as a table. */
export function failoversQuery(ctx: QueryContext, payload: Payload, field: string): QueryResult[] {
  const format = formatOf(payload.format, `${field}.format`, ['time_series', 'table'] as const);
  const named = regionsIn(ctx.runtime, payload.region, `${field}.region`);
  const items = selectedFailovers(ctx, named);
  if (format === 'table') {
    const rows = items.map((item): Cell[] => [
      item.detected_at,
      item.id,
      item.region,
      listCell(item.geos),
      listCell(item.to_regions),
      item.rerouted_at,
      item.recovered_at,
      item.failback_at,
      item.duration_seconds,
    ]);
    return [table(FAILOVER_COLUMNS, rows)];
  }
  // Regions named get a series even without failovers; otherwise only those that failed over.
  const regions = regionNames(ctx.runtime).filter((region) => named?.includes(region) ?? items.some((item) => item.region === region));
  return regions.map((region) => {
    const points = items.filter((item) => item.region === region && item.duration_seconds !== null).map((item): [number, number] => [item.detected_at, item.duration_seconds!]);
    return timeSeries(`failover ${region} seconds`, points, ctx.points);
  });
}

const ANNOTATION_KINDS = ['failovers', 'incidents'] as const;

/** The columns Grafana maps to annotation fields by name. */
const ANNOTATION_COLUMNS: [string, Column['type']][] = [
  ['time', 'time'],
  ['timeEnd', 'time'],
  ['title', 'string'],
  ['text', 'string'],
  ['tags', 'string'],
];

/**
 * `annotations`: failovers (detection to recovery) and incidents (opened to closed) as rows
 * of time, timeEnd, title, text and tags, oldest first. `region` keeps failovers of that
 * region and incidents involving it.
 */
export function annotationsQuery(ctx: QueryContext, payload: Payload, field: string): QueryResult[] {
  const kinds =
    knownValues(multiValues(payload.kind, `${field}.kind`), ANNOTATION_KINDS, (kind) => badRequest(`${field}.kind`, `unknown kind "${kind.slice(0, 100)}" (${ANNOTATION_KINDS.join(', ')})`)) ??
    ANNOTATION_KINDS;
  const regions = regionsIn(ctx.runtime, payload.region, `${field}.region`);
  const rows: Cell[][] = [];
  if (kinds.includes('failovers')) rows.push(...selectedFailovers(ctx, regions).map(failoverAnnotation));
  if (kinds.includes('incidents')) {
    const incidents = ctx.runtime.signals.incidents
      .snapshot(ctx.from, ctx.to)
      .incidents.filter(
        (incident) => (regions === null || incident.regions.some((region) => regions.includes(region))) && ctx.filters.matches({ source_region: incident.regions, target_region: incident.regions }),
      );
    rows.push(...incidents.map(incidentAnnotation));
  }
  rows.sort((a, b) => (a[0] as number) - (b[0] as number));
  return [table(ANNOTATION_COLUMNS, rows)];
}

const tags = (...values: string[]) => listCell([...new Set(values)]);

function failoverAnnotation(item: FailoverItem): Cell[] {
  const rerouted = item.duration_seconds === null ? 'not rerouted yet' : `rerouted to ${item.to_regions.join(', ') || 'no region'} after ${item.duration_seconds} s`;
  const recovered = item.recovered_at === null ? `${item.region} has not recovered yet` : `${item.region} recovered`;
  return [
    item.detected_at,
    item.recovered_at,
    `${item.region} failed over`,
    `Clients of ${item.geos.join(', ') || item.region} ${rerouted}; ${recovered}.`,
    tags('failover', item.region, ...item.to_regions),
  ];
}

function incidentAnnotation(incident: Incident): Cell[] {
  return [incident.openedAt, incident.closedAt, incident.title, `${incident.kind} in ${incident.regions.join(', ')}. ${incident.runbook}`, tags('incident', incident.kind, ...incident.regions)];
}
