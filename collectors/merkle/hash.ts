import xxhash from 'xxhash-wasm';

/** A 64-bit hash as two unsigned 32-bit halves: cheap to add without BigInt. */
export interface Hash64 {
  hi: number;
  lo: number;
}

const hasher = await xxhash();

/**
 * Canonical text of one value, tagged by kind so that NULL ≠ '' ≠ 0 and '5' ≠ 5, while
 * the same number stored as INTEGER in one region and REAL in another hashes the same.
 */
export function encodeValue(value: unknown): string {
  if (value === null || value === undefined) return 'N';
  if (typeof value === 'bigint') return `i${value}`;
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return `i${value}`;
    return Number.isNaN(value) ? 'rNaN' : `r${value}`;
  }
  if (typeof value === 'string') return `s${value.length}:${value}`;
  if (value instanceof Uint8Array) return `b${value.length}:${Buffer.from(value).toString('hex')}`;
  if (typeof value === 'boolean') return `i${value ? 1 : 0}`;
  return `j${JSON.stringify(value)}`;
}

export function encodeTuple(values: readonly unknown[]): string {
  return values.map(encodeValue).join('\u001f');
}

export function hash64(text: string): Hash64 {
  // h64 on a string encodes straight into wasm memory: about twice as fast as encode + h64Raw.
  const hash = hasher.h64(text);
  return { hi: Number(hash >> 32n), lo: Number(hash & 0xffffffffn) };
}

/** The key's hash places the row in the tree; the same key lands in the same leaf in every region. */
export function keyHash(key: readonly unknown[]): Hash64 {
  return keyHashOf(encodeTuple(key));
}

/** The row's hash covers its key and its compared columns, in the dataset's column order. */
export function rowHash(key: readonly unknown[], values: readonly unknown[]): Hash64 {
  return rowHashOf(encodeTuple(key), values);
}

/** The same two hashes from an already encoded key, so a scan encodes each key once. */
export const keyHashOf = (keyText: string): Hash64 => hash64(`k\u001e${keyText}`);
export const rowHashOf = (keyText: string, values: readonly unknown[]): Hash64 => hash64(`${keyText}\u001e${encodeTuple(values)}`);

export const toHex = (hash: Hash64) => hash.hi.toString(16).padStart(8, '0') + hash.lo.toString(16).padStart(8, '0');
export const sameHash = (a: Hash64, b: Hash64) => a.hi === b.hi && a.lo === b.lo;
