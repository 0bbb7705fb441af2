import { z } from 'zod';
import { Resolution, type IngestResult } from '@/lib/api/types';
import type { ConflictRecord } from '@/lib/domain/conflict';
import { RegionName } from '@/lib/domain/region';

/** Bodies larger than this get 413. */
export const MAX_INGEST_BYTES = 5 * 1024 * 1024;

const Timestamp = z.union([z.number().int().min(0), z.iso.datetime({ offset: true }).transform((text) => Date.parse(text))]);

/** One conflict event an application resolved in its own code (`POST /api/conflicts`). */
export const IngestEvent = z.strictObject({
  id: z.string().min(1).max(200),
  detected_at: Timestamp,
  source_region: RegionName,
  target_region: RegionName,
  entity_type: z.string().min(1).max(100),
  entity_key: z.string().min(1).max(500),
  resolution: Resolution,
  winner: z.string().max(100).nullable().optional(),
  local_version: z.unknown().optional(),
  remote_version: z.unknown().optional(),
  local_ts: Timestamp.nullable().optional(),
  remote_ts: Timestamp.nullable().optional(),
  merged: z.unknown().optional(),
  /** Omitted: resolved at detection, except `manual`, which stays pending. */
  resolved_at: Timestamp.nullable().optional(),
});
export type IngestEvent = z.infer<typeof IngestEvent>;

export interface ParsedBatch {
  events: { index: number; record: ConflictRecord }[];
  rejected: IngestResult['rejected'];
}

/** Splits a body into raw events: a JSON array, or NDJSON (one object per line). */
export function splitBody(text: string): { index: number; value: unknown; error?: string }[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const values = JSON.parse(trimmed) as unknown[];
      return values.map((value, index) => ({ index, value }));
    } catch (error) {
      return [{ index: 0, value: undefined, error: `body is not a valid JSON array: ${(error as Error).message}` }];
    }
  }
  return trimmed
    .split('\n')
    .map((line, index) => ({ line: line.trim(), index }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, index }) => {
      try {
        return { index, value: JSON.parse(line) as unknown };
      } catch {
        return { index, value: undefined, error: `line ${index + 1} is not valid JSON` };
      }
    });
}

/** Event times before this are refused: nothing regionwatch watches wrote them. */
const EARLIEST_EVENT = Date.UTC(2000, 0, 1);
/** How far ahead of this server's clock an event's time may be (clock skew between writers). */
export const MAX_FUTURE_MS = 5 * 60_000;

/** What a well-formed event may still get wrong: regions not in the config, a region paired with itself, impossible times. */
function sanityErrors(event: IngestEvent, known: Set<string>, now: number): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = (['source_region', 'target_region'] as const)
    .filter((field) => !known.has(event[field]))
    .map((field) => ({ field, message: `unknown region "${event[field]}"` }));
  if (event.source_region === event.target_region) errors.push({ field: 'target_region', message: `must differ from source_region ("${event.source_region}"): a conflict is between two regions` });
  for (const field of ['detected_at', 'resolved_at'] as const) {
    const at = event[field];
    if (at === null || at === undefined) continue;
    if (at < EARLIEST_EVENT) errors.push({ field, message: `${new Date(at).toISOString()} is before 2000` });
    else if (at > now + MAX_FUTURE_MS) errors.push({ field, message: `${new Date(at).toISOString()} is more than 5 minutes in the future` });
  }
  return errors;
}

/** Validates each event; a bad one is reported by its index and never drops the good ones. */
export function parseBatch(text: string, knownRegions: string[], now = Date.now()): ParsedBatch {
  const known = new Set(knownRegions);
  const batch: ParsedBatch = { events: [], rejected: [] };
  for (const { index, value, error } of splitBody(text)) {
    if (error) {
      batch.rejected.push({ index, errors: [{ field: '(event)', message: error }] });
      continue;
    }
    const parsed = IngestEvent.safeParse(value);
    const errors = parsed.success ? sanityErrors(parsed.data, known, now) : parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(event)', message: issue.message }));
    if (parsed.success && errors.length === 0) batch.events.push({ index, record: toRecord(parsed.data) });
    else batch.rejected.push({ index, errors });
  }
  return batch;
}

function toRecord(event: IngestEvent): ConflictRecord {
  const resolvedAt = event.resolved_at !== undefined ? event.resolved_at : event.resolution === 'manual' ? null : event.detected_at;
  return {
    sourceKey: `ingest:${event.id}`,
    origin: 'ingest',
    detectedAt: event.detected_at,
    sourceRegion: event.source_region,
    targetRegion: event.target_region,
    entityType: event.entity_type,
    entityKey: event.entity_key,
    resolution: event.resolution,
    winner: event.winner ?? null,
    localVersion: JSON.stringify(event.local_version ?? null),
    remoteVersion: JSON.stringify(event.remote_version ?? null),
    localTs: event.local_ts ?? null,
    remoteTs: event.remote_ts ?? null,
    merged: event.merged === undefined ? null : JSON.stringify(event.merged),
    resolvedAt,
  };
}

/** Reads a request body up to `limit` bytes; null when it is larger. */
export async function readLimited(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
