import { parentPort, workerData } from 'node:worker_threads';
import { SqliteChecksumStore } from './sqlite-store';

/**
 * One worker per region store: bucket hashing scans run here, beside the data and off the
 * collector's event loop, so heartbeats and scrapes carry on during a long check.
 */
const store = new SqliteChecksumStore((workerData as { path: string }).path);

type Request = { id: number; method: keyof SqliteChecksumStore; args: unknown[] };

parentPort!.on('message', ({ id, method, args }: Request) => {
  try {
    const progress = method === 'build' ? (rows: number) => parentPort!.postMessage({ id, progress: rows }) : undefined;
    const call = store[method] as (...callArgs: unknown[]) => unknown;
    const result = method === 'build' ? call.call(store, ...args, progress) : call.apply(store, args);
    parentPort!.postMessage({ id, result });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
