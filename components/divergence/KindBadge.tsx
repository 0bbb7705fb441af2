import type { DivergentEntity } from '@/lib/divergence/entities';
import { describeKind } from '@/lib/divergence/format';

/** What kind of difference a key is, as a compact tag: `differs`, `missing in eu-west`. */
export function KindBadge({ entity }: { entity: DivergentEntity }) {
  return <span className={`kind-badge kind-${entity.kind}`}>{describeKind(entity.kind, entity.region_a, entity.region_b)}</span>;
}
