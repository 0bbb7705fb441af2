import type { DivergenceEntities } from '@/lib/api/types';
import { diffVersions, type FieldDiffRow } from '@/lib/conflicts/diff';
import { NO_VALUE } from '@/lib/heatmap/format';
import { pairTitle } from '@/lib/heatmap/shape';
import { describeKind } from './format';

/** One divergent key of a pair, as `GET /api/divergence/{dataset}/entities` lists it. */
export type DivergentEntity = DivergenceEntities['entities'][number];
export type DivergenceKind = DivergentEntity['kind'];
/** A candidate still in flight at the check: when it was first seen different, and which links it waits on. */
export type InFlightEntity = DivergenceEntities['unsettled'][number];

/** The order kinds are summarised in: the changed rows first, then the missing ones. */
export const KINDS: readonly DivergenceKind[] = ['differs', 'missing_in_a', 'missing_in_b'];

const KEY_ORDER = new Intl.Collator('en', { numeric: true });

/** Keys in reading order (`2` before `10`); the API lists them in hash order. */
export function sortEntities(entities: readonly DivergentEntity[]): DivergentEntity[] {
  return [...entities].sort((x, y) => KEY_ORDER.compare(x.key, y.key));
}

/** Longest waiting first (the ones most likely to settle as divergent), then in key order. */
export function sortInFlight(entities: readonly InFlightEntity[]): InFlightEntity[] {
  return [...entities].sort((x, y) => x.first_seen_at - y.first_seen_at || KEY_ORDER.compare(x.key, y.key));
}

/** A replication link the API names `source->target`; null for a name not in that form. */
export function parseLink(link: string): { sourceRegion: string; targetRegion: string } | null {
  const [sourceRegion, targetRegion, ...rest] = link.split('->');
  return sourceRegion && targetRegion && rest.length === 0 ? { sourceRegion, targetRegion } : null;
}

/** A link spelled like the lag pages (`r1 → r2`); a name not in `source->target` form is shown as sent. */
export function describeLink(link: string): string {
  const parsed = parseLink(link);
  return parsed ? pairTitle(parsed.sourceRegion, parsed.targetRegion) : link;
}

/** `r1 → r2, r3 → r2`; `—` when the API named none. */
export function describeWaitingOn(links: readonly string[]): string {
  return links.length ? links.map(describeLink).join(', ') : NO_VALUE;
}

/** The entity with `key`, settled divergence first, and whether it was still in flight. */
export function findEntity(data: DivergenceEntities, key: string): { entity: DivergentEntity; inFlight: InFlightEntity | null } | undefined {
  const settled = data.entities.find((candidate) => candidate.key === key);
  if (settled) return { entity: settled, inFlight: null };
  const inFlight = data.unsettled.find((candidate) => candidate.key === key);
  return inFlight ? { entity: inFlight, inFlight } : undefined;
}

/** How many keys of each kind. */
export function countKinds(entities: readonly DivergentEntity[]): Record<DivergenceKind, number> {
  const counts: Record<DivergenceKind, number> = { differs: 0, missing_in_a: 0, missing_in_b: 0 };
  for (const entity of entities) counts[entity.kind] += 1;
  return counts;
}

/** `2 differ · 2 missing in us-east · 1 missing in eu-west`; kinds with no keys are left out. */
export function describeKindCounts(counts: Record<DivergenceKind, number>, regionA: string, regionB: string): string {
  return KINDS.filter((kind) => counts[kind] > 0)
    .map((kind) => (kind === 'differs' ? `${counts[kind]} differ${counts[kind] === 1 ? 's' : ''}` : `${counts[kind]} ${describeKind(kind, regionA, regionB)}`))
    .join(' · ');
}

/**
 * Both copies of a key aligned column by column, reusing the conflict view's diff. A
 * side without the row compares as an empty row, so every column of the present side
 * is marked as differing: the whole row exists in one region only.
 */
export function compareEntityRows(entity: DivergentEntity): FieldDiffRow[] {
  return diffVersions(entity.a?.row ?? {}, entity.b?.row ?? {}, []);
}

/** The columns whose values differ, in row order. */
export function differingColumns(rows: readonly FieldDiffRow[]): string[] {
  return rows.filter((row) => row.differs).map((row) => row.topLevelField);
}
