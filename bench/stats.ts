/** Small statistics shared by the benchmarks. */

/** The q-quantile (0..1) of `values`, nearest rank below. */
export const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))];

/** The median of the finite values (NaN when there are none). */
export function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((x, y) => x - y);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
}

/** Least-squares slope of y over x, ignoring points whose y is not finite. */
export function slope(points: number[][]): number {
  const usable = points.filter(([, y]) => Number.isFinite(y));
  const meanX = usable.reduce((sum, [x]) => sum + x, 0) / usable.length;
  const meanY = usable.reduce((sum, [, y]) => sum + y, 0) / usable.length;
  const covariance = usable.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = usable.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return covariance / variance;
}
