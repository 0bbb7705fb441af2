// Records the lib/grafana tests share; the runtime itself is lib/server/test-runtime.
import assert from 'node:assert/strict';
import type { ConflictRecord } from '@/lib/domain/conflict';
import { NOW } from '@/lib/server/test-runtime';
import { GrafanaRequestError } from './errors';

/** The request error a call throws: status, code and message. */
export function failure(work: () => unknown): { status: number; code: string; message: string } {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof GrafanaRequestError, `not a request error: ${error}`);
    return { status: error.status, code: error.code, message: error.message };
  }
  assert.fail('expected an error');
}

/** `failure` for a call that rejects: the request error it rejects with. */
export async function asyncFailure(work: () => Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  const outcome = await work().then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  return failure(() => {
    if (outcome) throw outcome.error;
  });
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** Points as lib/server returns them ([at, value]) in the data source's order ([value, at]). */
export const flip = (points: [number, number][]) => points.map(([at, value]) => [value, at]);

/** A conflict detected `id` seconds before NOW; manual ones stay pending. */
export function conflictRecord(id: number, entityType: string, resolution: ConflictRecord['resolution'], source = 'us-east', target = 'eu-west'): ConflictRecord {
  return {
    sourceKey: `ingest:${id}`,
    origin: 'ingest',
    detectedAt: NOW - id * 1000,
    sourceRegion: source,
    targetRegion: target,
    entityType,
    entityKey: `k${id}`,
    resolution,
    winner: resolution === 'manual' ? null : source,
    localVersion: JSON.stringify({ qty: 1, note: 'a' }),
    remoteVersion: JSON.stringify({ qty: 2, note: 'a' }),
    localTs: NOW - id * 1000 - 5,
    remoteTs: NOW - id * 1000 - 3,
    merged: null,
    resolvedAt: resolution === 'manual' ? null : NOW,
  };
}
