import type { DivergenceEntities, DivergenceOverview } from '@/lib/api/types';
import type { PairCheck } from '@/collectors/divergence';
import type { DivergentEntity } from '@/collectors/merkle/check';
import type { Runtime } from './runtime';

export function divergenceOverview(runtime: Runtime): DivergenceOverview {
  const checks = runtime.divergence.checks().map((check) => ({
    dataset: check.dataset,
    region_a: check.regionA,
    region_b: check.regionB,
    checked_at: check.checkedAt,
    divergent_entities: check.entities.length,
    rows_a: check.stats?.rowsA ?? null,
    rows_b: check.stats?.rowsB ?? null,
    duration_seconds: check.stats ? check.stats.durationMs / 1000 : null,
    round_trips: check.stats?.roundTrips ?? null,
    bytes: check.stats?.bytes ?? null,
    error: check.error,
  }));
  return {
    datasets: runtime.config.collectors.divergence.datasets.map(({ name, table, key, columns }) => ({ name, table, key, columns })),
    regions: runtime.config.regions.map((region) => region.name),
    checks,
  };
}

/** The divergence JSON of SPEC §5 for one pair (region_a < region_b, whichever order was asked). */
export function divergenceEntities(dataset: string, regionA: string, regionB: string, check: Pick<PairCheck, 'checkedAt' | 'entities'> & { error?: string | null } | undefined): DivergenceEntities {
  const [first, second] = [regionA, regionB].sort();
  return {
    dataset,
    region_a: first,
    region_b: second,
    checked_at: check?.checkedAt ?? null,
    error: check?.error ?? null,
    entities: (check?.entities ?? []).map((entity: DivergentEntity) => ({ key: entity.key, region_a: first, region_b: second, kind: entity.kind, a: entity.a, b: entity.b })),
  };
}

export function findCheck(runtime: Runtime, dataset: string, regionA: string, regionB: string): PairCheck | undefined {
  const [first, second] = [regionA, regionB].sort();
  return runtime.divergence.checks().find((check) => check.dataset === dataset && check.regionA === first && check.regionB === second);
}
