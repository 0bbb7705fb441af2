import { Worker } from 'node:worker_threads';
import type { DatasetConfig } from '@/lib/config/schema';
import type { Bucket, FetchedRow, LeafDifference, LeafRow } from './sqlite-store';
import type { ChecksumSession, Traffic } from './session';

export type { Traffic } from './session';

const HASH_BYTES = 8;
const COUNT_BYTES = 4;
const rowBytes = (row: FetchedRow) => HASH_BYTES + Buffer.byteLength(JSON.stringify([row.key, row.values], (_key, value) => (typeof value === 'bigint' ? value.toString() : value)));

/**
 * The collector's handle on one region's checksum worker. Every call has a timeout and
 * its answer's size is added to `traffic`, which is how the benchmark counts bytes moved.
 */
export class ChecksumClient implements ChecksumSession {
  readonly traffic: Traffic = { bytes: 0, requests: 0 };
  /** xxHash64 of the type-tagged encoding in hash.ts, computed in the worker. */
  readonly hashScheme = 'sqlite-xxh64';
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; onProgress?: (rows: number) => void; timer: NodeJS.Timeout }>();

  constructor(
    readonly region: string,
    private readonly path: string,
    private readonly timeoutMs: number,
  ) {}

  validate(dataset: DatasetConfig): Promise<string[]> {
    return this.call('validate', [dataset], () => 0);
  }

  async build(dataset: DatasetConfig, maxBits: number, childBits: number, onProgress?: (rows: number) => void) {
    return this.call<{ token: string; rows: number; buckets: Bucket[] }>('build', [dataset, maxBits, childBits], (result) => result.buckets.length * (HASH_BYTES + COUNT_BYTES), onProgress);
  }

  children(token: string, bits: number, prefixes: number[], childBits: number, withCounts: boolean): Promise<Bucket[]> {
    return this.call<Bucket[]>('children', [token, bits, prefixes, childBits], (result) => result.length * (HASH_BYTES + (withCounts ? COUNT_BYTES : 0)));
  }

  leafRows(token: string, bits: number, prefixes: number[]): Promise<LeafRow[]> {
    return this.call<LeafRow[]>('leafRows', [token, bits, prefixes], (result) => result.length * 2 * HASH_BYTES);
  }

  leafDiff(token: string, bits: number, prefixes: number[], other: LeafRow[]): Promise<LeafDifference[]> {
    return this.call<LeafDifference[]>('leafDiff', [token, bits, prefixes, other], (result) => result.length * (2 * HASH_BYTES + 1));
  }

  fetchRows(token: string, keyHashes: string[]): Promise<FetchedRow[]> {
    return this.call<FetchedRow[]>('fetchRows', [token, keyHashes], (result) => result.reduce((sum, row) => sum + rowBytes(row), 0));
  }

  fetchByKeys(dataset: DatasetConfig, keys: unknown[][]): Promise<FetchedRow[]> {
    return this.call<FetchedRow[]>('fetchByKeys', [dataset, keys], (result) => result.reduce((sum, row) => sum + rowBytes(row), 0));
  }

  release(token: string): Promise<void> {
    return this.call('release', [token], () => 0);
  }

  /** Benchmark baselines. */
  fullScanHash(dataset: DatasetConfig) {
    return this.call<{ rows: number; hash: string }>('fullScanHash', [dataset], () => HASH_BYTES);
  }

  allRowHashes(dataset: DatasetConfig) {
    return this.call<LeafRow[]>('allRowHashes', [dataset], (result) => result.reduce((sum, row) => sum + Buffer.byteLength(row.key) + HASH_BYTES, 0));
  }

  chunkChecksum(dataset: DatasetConfig, from: unknown, to: unknown) {
    return this.call<{ count: number; hash: string }>('chunkChecksum', [dataset, from, to], () => HASH_BYTES + COUNT_BYTES);
  }

  chunkRows(dataset: DatasetConfig, from: unknown, to: unknown) {
    return this.call<LeafRow[]>('chunkRows', [dataset, from, to], (result) => result.reduce((sum, row) => sum + Buffer.byteLength(row.key) + HASH_BYTES, 0));
  }

  chunkBoundaries(dataset: DatasetConfig, size: number) {
    return this.call<unknown[]>('chunkBoundaries', [dataset, size], (result) => result.length * 8);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private call<T>(method: string, args: unknown[], size: (result: T) => number, onProgress?: (rows: number) => void): Promise<T> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        // A scan that overran cannot be interrupted inside SQLite: replace the worker.
        void this.close();
        reject(new Error(`divergence ${method} on ${this.region}: timed out after ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          this.traffic.requests++;
          this.traffic.bytes += size(value as T);
          resolve(value as T);
        },
        reject,
        onProgress,
        timer,
      });
      worker.postMessage({ id, method, args });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: { path: this.path } });
    worker.on('message', (message: { id: number; result?: unknown; error?: string; progress?: number }) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      if (message.progress !== undefined) return waiting.onProgress?.(message.progress);
      clearTimeout(waiting.timer);
      this.pending.delete(message.id);
      if (message.error !== undefined) waiting.reject(new Error(`divergence check on ${this.region}: ${message.error}`));
      else waiting.resolve(message.result);
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error('checksum worker exited'));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      this.pending.delete(id);
      waiting.reject(new Error(`divergence check on ${this.region}: ${error.message}`));
    }
  }
}
