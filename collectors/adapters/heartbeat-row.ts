import type { HeartbeatRow } from './types';

/** Rows from a store are outside data: check them before they reach the estimator. */
export function toHeartbeatRow(row: unknown, region: string): HeartbeatRow {
  const record = row as { origin?: unknown; seq?: unknown; ts_ms?: unknown } | undefined;
  const seq = Number(record?.seq);
  const tsMs = Number(record?.ts_ms);
  if (typeof record?.origin !== 'string' || !Number.isFinite(seq) || !Number.isFinite(tsMs)) {
    throw new Error(`heartbeat row from ${region} is malformed: ${JSON.stringify(row)?.slice(0, 200)}`);
  }
  return { origin: record.origin, seq, tsMs };
}
