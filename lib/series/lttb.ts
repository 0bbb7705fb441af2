/** A time series point: [epoch ms, value]. */
export type Point = [number, number];

/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013): keeps the first and
 * last points and, from each of `threshold − 2` buckets, the point that forms the largest
 * triangle with its neighbours, so spikes survive where averaging would flatten them.
 */
export function lttb(points: readonly Point[], threshold: number): Point[] {
  if (threshold >= points.length || threshold <= 2) {
    return threshold <= 2 && points.length > 2 ? [points[0], points[points.length - 1]].slice(0, Math.max(threshold, 1)) : [...points];
  }
  const sampled: Point[] = [points[0]];
  const bucketSize = (points.length - 2) / (threshold - 2);
  let anchor = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.floor((bucket + 1) * bucketSize) + 1;
    const [avgX, avgY] = average(points, end, Math.min(Math.floor((bucket + 2) * bucketSize) + 1, points.length));
    let bestArea = -1;
    let best = start;
    const [anchorX, anchorY] = points[anchor];
    for (let index = start; index < end; index++) {
      const [x, y] = points[index];
      const area = Math.abs((anchorX - avgX) * (y - anchorY) - (anchorX - x) * (avgY - anchorY));
      if (area > bestArea) {
        bestArea = area;
        best = index;
      }
    }
    sampled.push(points[best]);
    anchor = best;
  }
  sampled.push(points[points.length - 1]);
  return sampled;
}

function average(points: readonly Point[], start: number, end: number): Point {
  if (start >= end) return points[points.length - 1];
  let sumX = 0;
  let sumY = 0;
  for (let index = start; index < end; index++) {
    sumX += points[index][0];
    sumY += points[index][1];
  }
  return [sumX / (end - start), sumY / (end - start)];
}
