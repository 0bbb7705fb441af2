import type { SimDivergence } from '@/lib/api/sim';
import type { SimRegion } from './region';

export interface SimDataset {
  name: string;
  table: string;
  key: string[];
  columns: string[];
}

/** Keys as the sim names them: the key columns' values, NUL-joined when there are several. */
const keyOf = (row: Record<string, unknown>, key: string[]) => key.map((column) => String(row[column])).join('\0');

const byNumber = (a: string, b: string) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);

/** A region's rows of `dataset`: key → its columns' values, comparable as strings. */
export function datasetRows(region: SimRegion, dataset: SimDataset): Map<string, string> {
  const columns = [...dataset.key, ...dataset.columns].map((column) => `"${column}"`).join(', ');
  const rows = region.statement(`SELECT ${columns} FROM "${dataset.table}"`).all() as Record<string, unknown>[];
  return new Map(rows.map((row) => [keyOf(row, dataset.key), JSON.stringify(dataset.columns.map((column) => row[column]))]));
}

/** Keys whose rows differ between `a` and `b`, or exist on one side only, except those in `unsettled`. */
export function differingKeys(a: Map<string, string>, b: Map<string, string>, unsettled: Set<string>): string[] {
  const keys: string[] = [];
  for (const [key, value] of a) if (b.get(key) !== value && !unsettled.has(key)) keys.push(key);
  for (const key of b.keys()) if (!a.has(key) && !unsettled.has(key)) keys.push(key);
  return keys.sort(byNumber);
}

/**
 * Real divergence of `dataset` for every pair of regions: rows that differ now and have no
 * change in flight into either region of the pair, so would still differ once everything in
 * flight had landed. `inFlightInto(region)` gives the keys that may still change in `region`.
 */
export function realDivergence(regions: SimRegion[], dataset: SimDataset, inFlightInto: (region: string) => Set<string>): SimDivergence[] {
  const ordered = [...regions].sort((a, b) => (a.name < b.name ? -1 : 1));
  const rows = new Map(ordered.map((region) => [region.name, datasetRows(region, dataset)]));
  const inFlight = new Map(ordered.map((region) => [region.name, inFlightInto(region.name)]));
  const divergent: SimDivergence[] = [];
  for (const [index, a] of ordered.entries()) {
    for (const b of ordered.slice(index + 1)) {
      const unsettled = new Set([...inFlight.get(a.name)!, ...inFlight.get(b.name)!]);
      const keys = differingKeys(rows.get(a.name)!, rows.get(b.name)!, unsettled);
      divergent.push({ dataset: dataset.name, region_a: a.name, region_b: b.name, keys });
    }
  }
  return divergent;
}
