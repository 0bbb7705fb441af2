import type { Resolution } from '@/lib/api/conflicts';

/** A conflict as regionwatch stores it, whichever way it arrived (conflict log or ingest). */
export interface ConflictRecord {
  /** Unique per origin: `log:REGION:ID` for conflict-log rows, `ingest:ID` for posted events. */
  sourceKey: string;
  origin: 'log' | 'ingest';
  detectedAt: number;
  sourceRegion: string;
  targetRegion: string;
  entityType: string;
  entityKey: string;
  resolution: Resolution;
  winner: string | null;
  localVersion: string;
  remoteVersion: string;
  localTs: number | null;
  remoteTs: number | null;
  merged: string | null;
  resolvedAt: number | null;
}

/** Seconds from detection to resolution, or null while the conflict is pending. */
export function resolutionSeconds(record: Pick<ConflictRecord, 'detectedAt' | 'resolvedAt'>): number | null {
  return record.resolvedAt === null ? null : Math.max(0, record.resolvedAt - record.detectedAt) / 1000;
}

/** What a resolution kind means, for conflicts whose policy neither the config nor the log describes. */
export const RESOLUTION_POLICIES: Record<Resolution, string> = {
  lww: 'Last write wins: the version with the later timestamp is kept.',
  crdt: 'Conflict-free replicated data type: both versions are merged by the type, so no write is lost.',
  merge: 'Domain merge rule: the application combines both versions field by field.',
  manual: 'Manual queue: an operator reconciles both versions.',
};
