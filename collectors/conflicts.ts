import { z } from 'zod';
import { Resolution } from '@/lib/api/types';
import type { ConflictRecord } from '@/lib/domain/conflict';
import type { StoreAdapter } from './adapters';
import type { Collector, CycleContext } from './types';
import { withTimeout } from './types';

const BATCH = 5000;
/** Batches read per region per cycle: drains a backlog (after a restart) without hogging the loop. */
const MAX_BATCHES_PER_CYCLE = 20;

/** JSON text, or an object a driver already decoded, normalised to JSON text. */
const JsonText = z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).transform((value, ctx) => {
  if (typeof value !== 'string') return JSON.stringify(value);
  try {
    JSON.parse(value);
    return value;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
    return z.NEVER;
  }
});
const Millis = z.coerce.number().refine(Number.isFinite, { error: 'must be a number (epoch ms)' });

/** One row of a conflict log (our table or a mapped query): outside data, checked field by field. */
export const ConflictLogRow = z.object({
  id: z.coerce.number().int().positive(),
  detected_at: Millis,
  entity_type: z.string().min(1),
  entity_key: z.coerce.string().min(1),
  local_region: z.string().min(1),
  remote_region: z.string().min(1),
  local_version: JsonText,
  remote_version: JsonText,
  local_ts: Millis.nullish(),
  remote_ts: Millis.nullish(),
  resolution: Resolution,
  winner: z.string().nullish(),
  merged: JsonText.nullish(),
  resolved_at: Millis.nullish(),
});

/** Where collected conflicts go: rows, counts and cursor in one transaction (the embedded store). */
export interface ConflictSink {
  cursor(collector: string, region: string): number;
  /** False while another collector holds this region's cursor (a shared event store); this one stands by. */
  owns(collector: string, region: string): boolean;
  /** Stores the rows not seen before and moves the cursor; returns those newly stored. */
  add(records: ConflictRecord[], cursor: { collector: string; region: string; position: number }): ConflictRecord[];
  /** Store ids of this region's pending (manual) conflicts to re-read. */
  watchedPending(region: string): number[];
  /** Marks pending conflicts resolved; returns how long each took. */
  settle(region: string, statuses: { storeId: number; resolvedAt: number; winner: string | null; merged: string | null }[]): { entityType: string; resolution: Resolution; seconds: number }[];
}

/** The conflict signal: every stored or settled conflict is observed there once. */
export interface ConflictObserver {
  observeStored(records: ConflictRecord[]): void;
  observeResolved(entityType: string, resolution: Resolution, seconds: number): void;
}

export interface ConflictCollectorOptions {
  intervalMs: number;
  timeoutMs: number;
  /** Converts a store timestamp of `region` to the collector's clock (clock-offset correction). */
  toCollectorTime?: (region: string, storeMs: number) => number;
  signal?: ConflictObserver;
  log?: (line: string) => void;
}

/**
 * Reads every region's conflict log incrementally into the embedded store. The cursor
 * is stored with the rows in one transaction, so restarts neither skip nor repeat rows.
 * Pending (manual) rows are re-read until they are resolved.
 */
export class ConflictCollector implements Collector {
  readonly name = 'conflicts';
  readonly intervalMs: number;
  readonly regions: string[];

  constructor(
    private readonly stores: StoreAdapter[],
    private readonly conflicts: ConflictSink,
    private readonly options: ConflictCollectorOptions,
  ) {
    this.intervalMs = options.intervalMs;
    this.regions = stores.map((store) => store.region);
  }

  async runCycle(context: CycleContext): Promise<void> {
    await Promise.all(
      this.stores.map(async (store) => {
        try {
          await withTimeout(this.collectRegion(store), this.options.timeoutMs, `conflict log of ${store.region}`);
          context.report(store.region, true);
        } catch (error) {
          context.report(store.region, false, error);
        }
      }),
    );
  }

  async close(): Promise<void> {}

  private async collectRegion(store: StoreAdapter): Promise<void> {
    if (!this.conflicts.owns(this.name, store.region)) return;
    for (let batch = 0; batch < MAX_BATCHES_PER_CYCLE; batch++) {
      const after = this.conflicts.cursor(this.name, store.region);
      const rows = await store.readConflicts(after, BATCH);
      if (rows.length === 0) break;
      const records = rows.flatMap((row) => this.toRecord(store.region, row));
      const position = Math.max(after, ...rows.map((row) => Number(row.id)).filter(Number.isFinite));
      const added = this.conflicts.add(records, { collector: this.name, region: store.region, position });
      this.options.signal?.observeStored(added);
      if (rows.length < BATCH) break;
    }
    await this.settlePending(store);
  }

  private async settlePending(store: StoreAdapter): Promise<void> {
    const watched = this.conflicts.watchedPending(store.region);
    if (watched.length === 0) return;
    const statuses = (await store.readConflictStatus(watched))
      .filter((row) => row.resolved_at !== null && row.resolved_at !== undefined)
      .map((row) => ({
        storeId: Number(row.id),
        resolvedAt: this.toCollectorTime(store.region, Number(row.resolved_at)),
        winner: row.winner === null || row.winner === undefined ? null : String(row.winner),
        merged: row.merged === null || row.merged === undefined ? null : typeof row.merged === 'string' ? row.merged : JSON.stringify(row.merged),
      }));
    const settled = this.conflicts.settle(store.region, statuses);
    for (const conflict of settled) this.options.signal?.observeResolved(conflict.entityType, conflict.resolution, conflict.seconds);
  }

  private toRecord(region: string, row: Record<string, unknown>): ConflictRecord[] {
    const parsed = ConflictLogRow.safeParse(row);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ');
      this.options.log?.(`conflict log of ${region}: skipped row id=${String(row.id)}: ${fields}`);
      return [];
    }
    const conflict = parsed.data;
    return [
      {
        sourceKey: `log:${region}:${conflict.id}`,
        origin: 'log',
        detectedAt: this.toCollectorTime(region, conflict.detected_at),
        sourceRegion: conflict.remote_region,
        targetRegion: conflict.local_region,
        entityType: conflict.entity_type,
        entityKey: conflict.entity_key,
        resolution: conflict.resolution,
        winner: conflict.winner ?? null,
        localVersion: conflict.local_version,
        remoteVersion: conflict.remote_version,
        localTs: conflict.local_ts ?? null,
        remoteTs: conflict.remote_ts ?? null,
        merged: conflict.merged ?? null,
        resolvedAt: conflict.resolved_at === null || conflict.resolved_at === undefined ? null : this.toCollectorTime(region, conflict.resolved_at),
      },
    ];
  }

  private toCollectorTime(region: string, storeMs: number): number {
    return this.options.toCollectorTime?.(region, storeMs) ?? storeMs;
  }
}
