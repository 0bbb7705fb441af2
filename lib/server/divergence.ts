import type { DivergenceEntities, DivergenceOverview } from '@/lib/api/types';
import type { DivergentEntity, UnsettledEntity } from '@/lib/domain/divergence';
import type { PairDivergence } from '@/lib/signals/divergence';
import type { Runtime } from './runtime';

/** `GET /api/divergence`: every pair's last check, as the divergence signal judged it. */
export function divergenceOverview(runtime: Runtime, now = Date.now()): DivergenceOverview {
  const checks = runtime.signals.divergence.snapshot(now).pairs.map((pair) => ({
    dataset: pair.dataset,
    region_a: pair.regionA,
    region_b: pair.regionB,
    checked_at: pair.checkedAt,
    divergent_entities: pair.divergentEntities,
    unsettled_entities: pair.unsettledEntities,
    verdict: pair.verdict,
    age_seconds: pair.ageSeconds,
    current: pair.current,
    rows_a: pair.stats?.rowsA ?? null,
    rows_b: pair.stats?.rowsB ?? null,
    duration_seconds: pair.stats ? pair.stats.durationMs / 1000 : null,
    round_trips: pair.stats?.roundTrips ?? null,
    bytes: pair.stats?.bytes ?? null,
    error: pair.error,
  }));
  return {
    datasets: runtime.config.collectors.divergence.datasets.map(({ name, table, key, columns }) => ({ name, table, key, columns })),
    regions: runtime.config.regions.map((region) => region.name),
    checks,
  };
}

type EntitySource = { checkedAt: number; entities: DivergentEntity[]; unsettled?: UnsettledEntity[]; error?: string | null } & Partial<Pick<PairDivergence, 'verdict' | 'current'>>;

/** The divergence JSON for one pair (region_a < region_b, whichever order was asked). */
export function divergenceEntities(dataset: string, regionA: string, regionB: string, check: EntitySource | undefined): DivergenceEntities {
  const [first, second] = [regionA, regionB].sort();
  const row = (entity: DivergentEntity) => ({ key: entity.key, region_a: first, region_b: second, kind: entity.kind, a: entity.a, b: entity.b });
  return {
    dataset,
    region_a: first,
    region_b: second,
    checked_at: check?.checkedAt ?? null,
    error: check?.error ?? null,
    entities: (check?.entities ?? []).map(row),
    unsettled: (check?.unsettled ?? []).map((entity) => ({ ...row(entity), first_seen_at: entity.firstSeenAt, waiting_on: entity.waitingOn })),
    verdict: check?.verdict,
    current: check?.current,
  };
}

/** The judged last check of one dataset on one pair, whichever order the regions come in. */
export function findCheck(runtime: Runtime, dataset: string, regionA: string, regionB: string, now = Date.now()): PairDivergence | undefined {
  const [first, second] = [regionA, regionB].sort();
  return runtime.signals.divergence.snapshot(now).pairs.find((pair) => pair.dataset === dataset && pair.regionA === first && pair.regionB === second);
}
