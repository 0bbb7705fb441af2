/**
 * Field-level comparison of the two versions of a conflicting entity. Versions are
 * arbitrary JSON: nested objects are flattened to dotted paths (`p.us-east`), while
 * arrays and scalars are compared whole, because CRDT sets and tags read best as one value.
 */

/** One leaf of a version: its path from the root and its value. */
export interface VersionLeaf {
  segments: string[];
  value: unknown;
}

/** One aligned row of the side-by-side view. Values are JSON text; undefined means the side lacks the field. */
export interface FieldDiffRow {
  /** Stable identity of the path (for React keys and lookups). */
  id: string;
  /** Display path: `amount_cents`, `p.us-east`, `adds["sku.1"]`; empty for a scalar version. */
  path: string;
  topLevelField: string;
  local: string | undefined;
  remote: string | undefined;
  differs: boolean;
}

/** Where a field of the merged result came from. */
export type MergedOrigin = 'both' | 'local' | 'remote' | 'new';

export interface MergedFieldRow {
  id: string;
  path: string;
  value: string;
  origin: MergedOrigin;
}

/**
 * Flattens a JSON value into leaves in document order. Objects are descended into;
 * scalars, arrays and empty objects are leaves. A non-object version is a single leaf
 * with an empty path.
 */
export function flattenVersion(value: unknown, prefix: string[] = []): VersionLeaf[] {
  if (!isPlainObject(value) || Object.keys(value).length === 0) return [{ segments: prefix, value }];
  return Object.entries(value).flatMap(([key, child]) => flattenVersion(child, [...prefix, key]));
}

/**
 * Aligns the leaves of both versions row by row and marks the ones that differ. The
 * API's `differingFields` decides at the top level (a field it lists is highlighted
 * even if no nested leaf compares unequal here); nested rows are decided by value.
 */
export function diffVersions(local: unknown, remote: unknown, differingFields: readonly string[]): FieldDiffRow[] {
  const localLeaves = indexLeaves(flattenVersion(local));
  const remoteLeaves = indexLeaves(flattenVersion(remote));
  const rows = alignedIds(localLeaves, remoteLeaves)
    .filter((id) => !isShadowedEmptyObject(id, localLeaves, remoteLeaves))
    .map((id) => {
      const leaf = localLeaves.get(id) ?? remoteLeaves.get(id)!;
      const localLeaf = localLeaves.get(id);
      const remoteLeaf = remoteLeaves.get(id);
      return {
        id,
        path: formatPath(leaf.segments),
        topLevelField: leaf.segments[0] ?? '',
        local: localLeaf && toJsonText(localLeaf.value),
        remote: remoteLeaf && toJsonText(remoteLeaf.value),
        differs: !localLeaf || !remoteLeaf || canonicalJson(localLeaf.value) !== canonicalJson(remoteLeaf.value),
      };
    });
  const fieldsWithDifference = new Set(rows.filter((row) => row.differs).map((row) => row.topLevelField));
  const listedOnly = new Set(differingFields.filter((field) => !fieldsWithDifference.has(field)));
  return rows.map((row) => (listedOnly.has(row.topLevelField) ? { ...row, differs: true } : row));
}

/** The top-level fields with at least one differing row, in row order. */
export function differingTopLevelFields(rows: readonly FieldDiffRow[]): string[] {
  return [...new Set(rows.filter((row) => row.differs).map((row) => row.topLevelField))];
}

/** Flattens the merged result and says, per field, which version it matches. */
export function mergedFields(local: unknown, remote: unknown, merged: unknown): MergedFieldRow[] {
  const localLeaves = indexLeaves(flattenVersion(local));
  const remoteLeaves = indexLeaves(flattenVersion(remote));
  return flattenVersion(merged).map(({ segments, value }) => {
    const id = pathId(segments);
    const canonical = canonicalJson(value);
    const fromLocal = localLeaves.has(id) && canonicalJson(localLeaves.get(id)!.value) === canonical;
    const fromRemote = remoteLeaves.has(id) && canonicalJson(remoteLeaves.get(id)!.value) === canonical;
    const origin: MergedOrigin = fromLocal && fromRemote ? 'both' : fromLocal ? 'local' : fromRemote ? 'remote' : 'new';
    return { id, path: formatPath(segments), value: toJsonText(value), origin };
  });
}

/** `a.b`, with segments that are not plain words quoted: `adds["sku.1"]`. */
export function formatPath(segments: readonly string[]): string {
  return segments
    .map((segment, index) => {
      if (/^[A-Za-z0-9_$-]+$/.test(segment)) return index === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}

/** JSON with object keys sorted at every depth, so key order never counts as a difference. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'undefined';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  );
}

function toJsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

function indexLeaves(leaves: VersionLeaf[]): Map<string, VersionLeaf> {
  return new Map(leaves.map((leaf) => [pathId(leaf.segments), leaf]));
}

/**
 * Row order: top-level fields as the local version lists them, then remote-only ones;
 * within a field, local leaves first, then remote-only leaves.
 */
function alignedIds(localLeaves: Map<string, VersionLeaf>, remoteLeaves: Map<string, VersionLeaf>): string[] {
  const byField = new Map<string, string[]>();
  for (const leaves of [localLeaves, remoteLeaves]) {
    for (const [id, leaf] of leaves) {
      const field = pathId(leaf.segments.slice(0, 1));
      const ids = byField.get(field) ?? [];
      if (!ids.includes(id)) ids.push(id);
      byField.set(field, ids);
    }
  }
  return [...byField.values()].flat();
}

/**
 * `{"n": {}}` against `{"n": {"eu-west": 1}}` should read as one row, `n.eu-west`,
 * absent on one side, not also as a row `n` absent on the other.
 */
function isShadowedEmptyObject(id: string, localLeaves: Map<string, VersionLeaf>, remoteLeaves: Map<string, VersionLeaf>): boolean {
  const leaf = localLeaves.get(id) ?? remoteLeaves.get(id)!;
  if (!isPlainObject(leaf.value)) return false;
  const other = localLeaves.has(id) ? remoteLeaves : localLeaves;
  return [...other.values()].some((candidate) => isStrictPrefix(leaf.segments, candidate.segments));
}

function isStrictPrefix(prefix: readonly string[], segments: readonly string[]): boolean {
  return segments.length > prefix.length && prefix.every((segment, index) => segments[index] === segment);
}

function pathId(segments: readonly string[]): string {
  return JSON.stringify(segments);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
