import type Database from 'better-sqlite3';
import type { Resolution } from '@/lib/api/types';
import type { ReplicatedTable, SimRegion } from '../region';
import { entityType, type EntityType, type WriteContext } from './types';
import { compare, increment, merge, type VersionVector } from './version-vector';

export const ENTITIES_TABLE: ReplicatedTable = {
  name: 'entities',
  key: ['entity_type', 'entity_key'],
  columns: ['value', 'vv', 'ts', 'origin'],
  ddl: `CREATE TABLE IF NOT EXISTS entities (entity_type TEXT NOT NULL, entity_key TEXT NOT NULL, value TEXT NOT NULL,
        vv TEXT NOT NULL, ts REAL NOT NULL, origin TEXT NOT NULL, PRIMARY KEY (entity_type, entity_key))`,
};

/** The conflict log every region keeps: the columns the conflict collector reads. */
export function conflictLogDdl(table: string): string {
  return `CREATE TABLE IF NOT EXISTS "${table}" (
    id INTEGER PRIMARY KEY AUTOINCREMENT, detected_at REAL NOT NULL, entity_type TEXT NOT NULL, entity_key TEXT NOT NULL,
    local_region TEXT NOT NULL, remote_region TEXT NOT NULL, local_version TEXT NOT NULL, remote_version TEXT NOT NULL,
    local_ts REAL, remote_ts REAL, resolution TEXT NOT NULL, winner TEXT, merged TEXT, resolved_at REAL);
  CREATE INDEX IF NOT EXISTS "${table}_pending" ON "${table}" (entity_type, entity_key) WHERE resolved_at IS NULL;`;
}

/** Every local write, for ownership checks; local to the region, never replicated. */
export const WRITES_DDL = `CREATE TABLE IF NOT EXISTS regionwatch_writes (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, entity_type TEXT NOT NULL, entity_key TEXT NOT NULL)`;

interface Row {
  value: Record<string, unknown>;
  vv: VersionVector;
  ts: number;
  origin: string;
}

export type ConflictListener = (source: string, target: string, resolution: Resolution) => void;

/**
 * The demo application's data layer in one region: local writes bump the version vector;
 * replicated versions are compared with the local one, and concurrent ones are resolved
 * by the entity type's policy and recorded in the region's conflict log.
 */
export class EntityStore {
  private readonly db: Database.Database;

  constructor(
    private readonly region: SimRegion,
    private readonly conflictTable: string,
    private readonly onConflict: ConflictListener,
  ) {
    this.db = region.db;
    this.db.exec(`${conflictLogDdl(conflictTable)};${WRITES_DDL}`);
    region.setApplyHook(ENTITIES_TABLE.name, (row, source) => this.applyRemote(row, source));
  }

  /** A local write by the demo application, replicated like any other change. */
  write(type: EntityType, key: string, context: Omit<WriteContext, 'region' | 'now'>): void {
    this.writeWith(type, key, (current, now) => type.mutate(current, { ...context, region: this.region.name, now }));
  }

  /** An operator's decision: a write that supersedes both conflicting versions. */
  overwrite(type: EntityType, key: string, value: Record<string, unknown>): void {
    this.writeWith(type, key, () => value);
  }

  private writeWith(type: EntityType, key: string, next: (current: Record<string, unknown>, now: number) => Record<string, unknown>): void {
    const write = this.db.transaction(() => {
      const now = this.region.now();
      const local = this.read(type.name, key);
      const value = next(local?.value ?? type.initial(key), now);
      const vv = increment(local?.vv ?? {}, this.region.name);
      this.store(type.name, key, { value, vv, ts: now, origin: this.region.name });
      this.region.statement('INSERT INTO regionwatch_writes (at, entity_type, entity_key) VALUES (?, ?, ?)').run(now, type.name, key);
      this.settlePending(type.name, key, { value, vv, ts: now, origin: this.region.name });
    });
    // It reads, then writes: take the write lock first (see SimRegion.applyReplicated).
    write.immediate();
  }

  read(typeName: string, key: string): Row | undefined {
    const row = this.region.statement('SELECT value, vv, ts, origin FROM entities WHERE entity_type = ? AND entity_key = ?').get(typeName, key) as
      | { value: string; vv: string; ts: number; origin: string }
      | undefined;
    return row && { value: JSON.parse(row.value), vv: JSON.parse(row.vv), ts: row.ts, origin: row.origin };
  }

  /** Pending manual conflicts in this region, oldest first. */
  pendingConflicts(): { id: number; entityType: string; entityKey: string; detectedAt: number; local: unknown; remote: unknown }[] {
    const rows = this.region.statement(`SELECT id, entity_type, entity_key, detected_at, local_version, remote_version FROM "${this.conflictTable}" WHERE resolved_at IS NULL ORDER BY id`).all() as {
      id: number;
      entity_type: string;
      entity_key: string;
      detected_at: number;
      local_version: string;
      remote_version: string;
    }[];
    return rows.map((row) => ({
      id: row.id,
      entityType: row.entity_type,
      entityKey: row.entity_key,
      detectedAt: row.detected_at,
      local: JSON.parse(row.local_version),
      remote: JSON.parse(row.remote_version),
    }));
  }

  /** Applies a replicated version (inside the replicator's transaction). */
  private applyRemote(change: Record<string, unknown>, source: string): void {
    const typeName = String(change.entity_type);
    const key = String(change.entity_key);
    const remote: Row = { value: JSON.parse(String(change.value)), vv: JSON.parse(String(change.vv)), ts: Number(change.ts), origin: String(change.origin) };
    const local = this.read(typeName, key);
    const order = local ? compare(remote.vv, local.vv) : 'after';
    if (order === 'before' || order === 'equal') return;
    if (order === 'after') {
      this.store(typeName, key, remote);
      this.settlePending(typeName, key, remote);
      return;
    }
    this.resolveConflict(entityType(typeName)!, key, local!, remote, source);
  }

  private resolveConflict(type: EntityType, key: string, local: Row, remote: Row, source: string): void {
    const resolved = type.resolve(local, remote);
    const keepLocal = resolved.pending || resolved.winner === local.origin;
    const origin = keepLocal ? local.origin : resolved.winner === 'merged' ? [local.origin, remote.origin].sort()[1] : remote.origin;
    this.store(type.name, key, { value: resolved.value, vv: merge(local.vv, remote.vv), ts: Math.max(local.ts, remote.ts), origin });
    const detectedAt = this.region.now();
    this.region
      .statement(
        `INSERT INTO "${this.conflictTable}" (detected_at, entity_type, entity_key, local_region, remote_region, local_version, remote_version,
          local_ts, remote_ts, resolution, winner, merged, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        detectedAt,
        type.name,
        key,
        this.region.name,
        source,
        JSON.stringify(local.value),
        JSON.stringify(remote.value),
        local.ts,
        remote.ts,
        type.resolution,
        resolved.winner,
        resolved.pending ? null : JSON.stringify(resolved.value),
        resolved.pending ? null : detectedAt,
      );
    this.onConflict(source, this.region.name, type.resolution);
  }

  /** A version that supersedes this region's copy settles the entity's pending manual conflicts. */
  private settlePending(typeName: string, key: string, winner: Row): void {
    this.region
      .statement(
        `UPDATE "${this.conflictTable}" SET resolved_at = ?, winner = ?, merged = ?
         WHERE entity_type = ? AND entity_key = ? AND resolved_at IS NULL`,
      )
      .run(this.region.now(), winner.origin, JSON.stringify(winner.value), typeName, key);
  }

  private store(typeName: string, key: string, row: Row): void {
    this.region
      .statement('INSERT OR REPLACE INTO entities (entity_type, entity_key, value, vv, ts, origin) VALUES (?, ?, ?, ?, ?, ?)')
      .run(typeName, key, canonicalJson(row.value), canonicalJson(row.vv), row.ts, row.origin);
  }
}

/** JSON with object keys sorted, so equal values are equal strings in every region. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.keys(item)
            .sort()
            .map((key) => [key, (item as Record<string, unknown>)[key]]),
        )
      : item,
  );
}
