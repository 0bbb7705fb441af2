import { NO_VALUE } from '@/lib/heatmap/format';
import type { DivergenceKind } from './entities';

/**
 * A divergence check compares two copies, so its pair has no direction. Like the API,
 * pairs are always named with region_a < region_b (JavaScript string order).
 */
export function canonicalPair(regionA: string, regionB: string): [string, string] {
  return regionA < regionB ? [regionA, regionB] : [regionB, regionA];
}

/** `eu-west ↔ us-east` (U+2194), in canonical order: the way divergence pages name a pair. */
export function unorderedPairTitle(regionA: string, regionB: string): string {
  const [first, second] = canonicalPair(regionA, regionB);
  return `${first} ↔ ${second}`;
}

/** The matrix page. */
export const DIVERGENCE_PATH = '/divergence';

/** The drill-down of one dataset on one pair, optionally with a key selected. */
export function divergenceHref(dataset: string, regionA: string, regionB: string, key?: string): string {
  const [first, second] = canonicalPair(regionA, regionB);
  const path = `${DIVERGENCE_PATH}/${encodeURIComponent(dataset)}/${encodeURIComponent(first)}/${encodeURIComponent(second)}`;
  return key === undefined ? path : `${path}?${new URLSearchParams({ key })}`;
}

/** `0 divergent`, `3 divergent`, `1,204 divergent`: the count as cell labels read it. */
export function formatDivergentCount(count: number): string {
  return `${count.toLocaleString('en-US')} divergent`;
}

/** `12 in flight`: candidates whose writes had not landed in both regions when the check ended. */
export function formatInFlightCount(count: number): string {
  return `${count.toLocaleString('en-US')} in flight`;
}

/** `1 entity`, `3 entities`. */
export function formatEntityCount(count: number): string {
  return `${count.toLocaleString('en-US')} entit${count === 1 ? 'y' : 'ies'}`;
}

/** What a divergent key's kind means for this pair: `missing in eu-west`, `differs`. */
export function describeKind(kind: DivergenceKind, regionA: string, regionB: string): string {
  if (kind === 'missing_in_a') return `missing in ${regionA}`;
  if (kind === 'missing_in_b') return `missing in ${regionB}`;
  return 'differs';
}

/** Row hashes are long hex strings; 8 characters tell rows apart at a glance. */
export function shortHash(hash: string): string {
  return hash.slice(0, 8);
}

/** Bytes moved by a check, binary units: `0 B`, `512 B`, `3.4 KiB`, `12 MiB`. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return NO_VALUE;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/**
 * A key's values per key column (`id = 1601`). The API joins composite keys with `/`;
 * when the parts do not line up with the columns (a value containing `/`), the key is
 * shown whole rather than split wrongly.
 */
export function describeKey(keyColumns: readonly string[], key: string): string {
  const parts = key.split('/');
  if (keyColumns.length === 0 || parts.length !== keyColumns.length) return key;
  return keyColumns.map((column, index) => `${column} = ${parts[index]}`).join(', ');
}
