/** A version vector: per region, how many writes of that region a version includes. */
export type VersionVector = Record<string, number>;

export type Order = 'equal' | 'before' | 'after' | 'concurrent';

/** How version `a` relates to version `b`. */
export function compare(a: VersionVector, b: VersionVector): Order {
  let aAhead = false;
  let bAhead = false;
  for (const region of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const countA = a[region] ?? 0;
    const countB = b[region] ?? 0;
    if (countA > countB) aAhead = true;
    if (countB > countA) bAhead = true;
  }
  if (aAhead && bAhead) return 'concurrent';
  if (aAhead) return 'after';
  if (bAhead) return 'before';
  return 'equal';
}

/** The least version that includes both. */
export function merge(a: VersionVector, b: VersionVector): VersionVector {
  const merged: VersionVector = { ...a };
  for (const [region, count] of Object.entries(b)) merged[region] = Math.max(merged[region] ?? 0, count);
  return merged;
}

export function increment(vector: VersionVector, region: string): VersionVector {
  return { ...vector, [region]: (vector[region] ?? 0) + 1 };
}
