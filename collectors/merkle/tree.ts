import type { Hash64 } from './hash';

/**
 * Bucket hashes of one region's copy of a dataset. Rows go to leaves by the top `maxBits`
 * bits of their key hash; a bucket at depth `bits` covers 2^(maxBits − bits) leaves. A
 * bucket's hash is the sum (mod 2^64) of its rows' hashes: order-independent, and unlike
 * XOR two identical row hashes do not cancel. Rows are kept sorted by leaf so the rows of
 * any bucket can be listed without another scan.
 */
export class MerkleTree {
  private readonly leafLo: Uint32Array;
  private readonly leafHi: Uint32Array;
  private readonly leafCount: Uint32Array;
  private rowsByLeaf: { start: Uint32Array; keyHi: Uint32Array; keyLo: Uint32Array; rowHi: Uint32Array; rowLo: Uint32Array; rowid: Float64Array } | null = null;
  private pending: number[] = [];
  rowCount = 0;

  constructor(readonly maxBits: number) {
    const leaves = 2 ** maxBits;
    this.leafLo = new Uint32Array(leaves);
    this.leafHi = new Uint32Array(leaves);
    this.leafCount = new Uint32Array(leaves);
  }

  leafOf(key: Hash64): number {
    return Math.floor(key.hi / 2 ** (32 - this.maxBits));
  }

  add(key: Hash64, row: Hash64, rowid: number): void {
    const leaf = this.leafOf(key);
    const lo = this.leafLo[leaf] + row.lo;
    this.leafLo[leaf] = lo >>> 0;
    this.leafHi[leaf] = (this.leafHi[leaf] + row.hi + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    this.leafCount[leaf]++;
    this.pending.push(leaf, key.hi, key.lo, row.hi, row.lo, rowid);
    this.rowCount++;
  }

  /** Sorts the rows by leaf (counting sort); call once after the last add. */
  seal(): void {
    const leaves = this.leafCount.length;
    const start = new Uint32Array(leaves + 1);
    for (let leaf = 0; leaf < leaves; leaf++) start[leaf + 1] = start[leaf] + this.leafCount[leaf];
    const next = start.slice(0, leaves);
    const rows = this.rowCount;
    const sorted = { start, keyHi: new Uint32Array(rows), keyLo: new Uint32Array(rows), rowHi: new Uint32Array(rows), rowLo: new Uint32Array(rows), rowid: new Float64Array(rows) };
    for (let index = 0; index < this.pending.length; index += 6) {
      const at = next[this.pending[index]]++;
      sorted.keyHi[at] = this.pending[index + 1];
      sorted.keyLo[at] = this.pending[index + 2];
      sorted.rowHi[at] = this.pending[index + 3];
      sorted.rowLo[at] = this.pending[index + 4];
      sorted.rowid[at] = this.pending[index + 5];
    }
    this.rowsByLeaf = sorted;
    this.pending = [];
  }

  /** Hash and row count of the bucket `prefix` at depth `bits`. */
  bucket(bits: number, prefix: number): { hash: Hash64; count: number } {
    const width = 2 ** (this.maxBits - bits);
    let lo = 0;
    let hi = 0;
    let count = 0;
    for (let leaf = prefix * width; leaf < (prefix + 1) * width; leaf++) {
      lo += this.leafLo[leaf];
      hi += this.leafHi[leaf];
      count += this.leafCount[leaf];
    }
    // lo and hi stay exact in a double for up to 2^21 leaves per bucket; fold the carries now.
    const carry = Math.floor(lo / 2 ** 32);
    return { hash: { hi: (hi + carry) >>> 0, lo: lo >>> 0 }, count };
  }

  /** The rows of bucket `prefix` at depth `bits`: key hash, row hash and where to fetch the row. */
  *rows(bits: number, prefix: number): Generator<{ key: Hash64; row: Hash64; rowid: number }> {
    const sorted = this.rowsByLeaf;
    if (!sorted) throw new Error('seal() the tree before listing rows');
    const width = 2 ** (this.maxBits - bits);
    for (let at = sorted.start[prefix * width]; at < sorted.start[(prefix + 1) * width]; at++) {
      yield { key: { hi: sorted.keyHi[at], lo: sorted.keyLo[at] }, row: { hi: sorted.rowHi[at], lo: sorted.rowLo[at] }, rowid: sorted.rowid[at] };
    }
  }
}
