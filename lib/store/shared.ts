import type pg from 'pg';
import type { ConflictRecord } from '@/lib/domain/conflict';
import type { Failover } from '@/lib/domain/failover';
import type { Incident, IncidentKind } from '@/lib/domain/incident';
import type { PairCheck } from '@/lib/domain/divergence';
import { conflictOf, type ConflictRow } from './conflicts';
import { MIGRATIONS } from './shared-schema';

/**
 * Where a reader of the shared store stands: in a pass over the rows of transactions at or
 * after `floor`, past (txid, id). `horizon` is the oldest transaction still running when the
 * pass began, where the next pass starts.
 */
export interface PullCursor {
  floor: string;
  txid: string;
  id: number;
  horizon?: string;
}

export const PULL_FROM_START: PullCursor = { floor: '0', txid: '0', id: 0 };

export interface Pulled<T> {
  rows: T[];
  next: PullCursor;
  /** True when this pull reached the end: a reader that is caught up waits for the next tick. */
  done: boolean;
}

export type Claim = { owned: true; position: number } | { owned: false; owner: string; until: number };

/**
 * The shared event store in PostgreSQL: every collector writes its conflicts, failovers,
 * incidents and divergence checks here, and every dashboard reads them back. Writes are idempotent (a conflict by
 * its source key, a failover or incident by its writer's instance and local id), so a
 * collector that resends after a restart or a lost acknowledgement never counts twice.
 */
export class SharedEventStore {
  constructor(
    private readonly pool: pg.Pool,
    /** This embedded database's instance id: the writer of everything sent from here. */
    readonly instance: string,
  ) {}

  /** Applies the steps not applied yet; refuses a database written by a newer regionwatch. */
  async migrate(): Promise<number> {
    return this.transaction(async (client) => {
      // Two collectors starting together must not both apply a step.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('regionwatch_event_schema'))");
      await client.query('CREATE TABLE IF NOT EXISTS regionwatch_event_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      const applied = new Set((await client.query<{ version: number }>('SELECT version FROM regionwatch_event_schema')).rows.map((row) => row.version));
      const known = MIGRATIONS.at(-1)!.version;
      const newest = Math.max(0, ...applied);
      if (newest > known) throw new Error(`the shared event store is at schema version ${newest}, newer than this regionwatch knows (${known}): upgrade regionwatch`);
      for (const step of MIGRATIONS) {
        if (applied.has(step.version)) continue;
        await client.query(step.sql);
        await client.query('INSERT INTO regionwatch_event_schema (version, name) VALUES ($1, $2)', [step.version, step.name]);
      }
      return known;
    });
  }

  /**
   * Claims or renews the cursor of (`collector`, `region`) for `leaseMs`. It is granted when
   * nobody holds it, when this instance does, or when the holder's lease ran out; the answer
   * carries the position the last holder reached.
   */
  async claim(collector: string, region: string, leaseMs: number): Promise<Claim> {
    const granted = await this.pool.query<{ position: string }>(
      `INSERT INTO regionwatch_event_cursors (collector, region, owner, lease_until) VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')
       ON CONFLICT (collector, region) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
       WHERE regionwatch_event_cursors.owner = excluded.owner OR regionwatch_event_cursors.lease_until < now()
       RETURNING position`,
      [collector, region, this.instance, leaseMs],
    );
    if (granted.rows.length > 0) return { owned: true, position: Number(granted.rows[0].position) };
    const held = await this.pool.query<{ owner: string; until: string }>(
      'SELECT owner, (extract(epoch FROM lease_until) * 1000)::bigint AS until FROM regionwatch_event_cursors WHERE collector = $1 AND region = $2',
      [collector, region],
    );
    return { owned: false, owner: held.rows[0]?.owner ?? 'unknown', until: Number(held.rows[0]?.until ?? 0) };
  }

  /** Gives up this instance's claims, so another collector may take over at once (on a clean stop). */
  async release(): Promise<void> {
    await this.pool.query('UPDATE regionwatch_event_cursors SET lease_until = now() WHERE owner = $1', [this.instance]);
  }

  /**
   * Writes conflicts, failovers and incidents in one transaction, then moves the cursors this
   * instance still holds (never backwards). A conflict already there gains only its resolution.
   * Returns the source keys among `conflicts` that this instance wrote first (now or in an
   * earlier try whose answer was lost): those it counts.
   */
  async write(batch: {
    conflicts: ConflictRecord[];
    failovers: Failover[];
    incidents: Incident[];
    divergence?: PairCheck[];
    cursors?: { collector: string; region: string; position: number }[];
  }): Promise<string[]> {
    return this.transaction(async (client) => {
      if (batch.conflicts.length > 0) {
        await client.query(
          `INSERT INTO regionwatch_event_conflicts (source_key, origin, detected_at, source_region, target_region, entity_type, entity_key, resolution,
             winner, local_version, remote_version, local_ts, remote_ts, merged, resolved_at, written_by)
           SELECT c."sourceKey", c.origin, c."detectedAt", c."sourceRegion", c."targetRegion", c."entityType", c."entityKey", c.resolution,
             c.winner, c."localVersion", c."remoteVersion", c."localTs", c."remoteTs", c.merged, c."resolvedAt", $2
           FROM json_to_recordset($1::json) AS c("sourceKey" text, origin text, "detectedAt" bigint, "sourceRegion" text, "targetRegion" text,
             "entityType" text, "entityKey" text, resolution text, winner text, "localVersion" text, "remoteVersion" text,
             "localTs" double precision, "remoteTs" double precision, merged text, "resolvedAt" bigint)
           ON CONFLICT (source_key) DO UPDATE SET resolved_at = excluded.resolved_at, winner = excluded.winner, merged = excluded.merged, txid = pg_current_xact_id()
           WHERE regionwatch_event_conflicts.resolved_at IS NULL AND excluded.resolved_at IS NOT NULL`,
          [JSON.stringify(batch.conflicts.map((record) => ({ ...record, detectedAt: Math.round(record.detectedAt), resolvedAt: roundOrNull(record.resolvedAt) }))), this.instance],
        );
      }
      if (batch.failovers.length > 0) {
        await client.query(
          `INSERT INTO regionwatch_event_failovers (instance, local_id, region, geos, detected_at, rerouted_at, to_regions, recovered_at, failback_at)
           SELECT $2, f.id, f.region, f.geos, f."detectedAt", f."reroutedAt", f."toRegions", f."recoveredAt", f."failbackAt"
           FROM json_to_recordset($1::json) AS f(id bigint, region text, geos jsonb, "detectedAt" bigint, "reroutedAt" bigint, "toRegions" jsonb, "recoveredAt" bigint, "failbackAt" bigint)
           ON CONFLICT (instance, local_id) DO UPDATE SET rerouted_at = excluded.rerouted_at, to_regions = excluded.to_regions,
             recovered_at = excluded.recovered_at, failback_at = excluded.failback_at, txid = pg_current_xact_id()`,
          [
            JSON.stringify(
              batch.failovers.map((failover) => ({
                ...failover,
                detectedAt: Math.round(failover.detectedAt),
                reroutedAt: roundOrNull(failover.reroutedAt),
                recoveredAt: roundOrNull(failover.recoveredAt),
                failbackAt: roundOrNull(failover.failbackAt),
              })),
            ),
            this.instance,
          ],
        );
      }
      if (batch.incidents.length > 0) {
        await client.query(
          `INSERT INTO regionwatch_event_incidents (instance, local_id, kind, key, title, regions, opened_at, closed_at, details, runbook)
           SELECT $2, i.id, i.kind, i.key, i.title, i.regions, i."openedAt", i."closedAt", i.details, i.runbook
           FROM json_to_recordset($1::json) AS i(id bigint, kind text, key text, title text, regions jsonb, "openedAt" bigint, "closedAt" bigint, details jsonb, runbook text)
           ON CONFLICT (instance, local_id) DO UPDATE SET title = excluded.title, regions = excluded.regions, closed_at = excluded.closed_at,
             details = excluded.details, txid = pg_current_xact_id()`,
          [JSON.stringify(batch.incidents.map((incident) => ({ ...incident, openedAt: Math.round(incident.openedAt), closedAt: roundOrNull(incident.closedAt) }))), this.instance],
        );
      }
      if (batch.divergence && batch.divergence.length > 0) {
        // The newest check of a pair wins, whichever collector ran it.
        await client.query(
          `INSERT INTO regionwatch_event_divergence (dataset, region_a, region_b, checked_at, result, written_by)
           SELECT r->>'dataset', r->>'regionA', r->>'regionB', round((r->>'checkedAt')::numeric)::bigint, r, $2
           FROM jsonb_array_elements($1::jsonb) AS r
           ON CONFLICT (dataset, region_a, region_b) DO UPDATE SET checked_at = excluded.checked_at, result = excluded.result,
             written_by = excluded.written_by, txid = pg_current_xact_id()
           WHERE excluded.checked_at >= regionwatch_event_divergence.checked_at`,
          [JSON.stringify(batch.divergence), this.instance],
        );
      }
      for (const cursor of batch.cursors ?? []) {
        await client.query('UPDATE regionwatch_event_cursors SET position = greatest(position, $3) WHERE collector = $1 AND region = $2 AND owner = $4', [
          cursor.collector,
          cursor.region,
          cursor.position,
          this.instance,
        ]);
      }
      if (batch.conflicts.length === 0) return [];
      const mine = await client.query<{ source_key: string }>('SELECT source_key FROM regionwatch_event_conflicts WHERE source_key = ANY($1) AND written_by = $2', [
        batch.conflicts.map((record) => record.sourceKey),
        this.instance,
      ]);
      return mine.rows.map((row) => row.source_key);
    });
  }

  async pullConflicts(from: PullCursor, limit: number): Promise<Pulled<ConflictRecord>> {
    return this.pull<ConflictRow & { id: string; txid: string }, ConflictRecord>('regionwatch_event_conflicts', from, limit, conflictOf);
  }

  async pullFailovers(from: PullCursor, limit: number): Promise<Pulled<Failover>> {
    return this.pull<FailoverRow, Failover>('regionwatch_event_failovers', from, limit, failoverOf);
  }

  async pullIncidents(from: PullCursor, limit: number): Promise<Pulled<Incident>> {
    return this.pull<IncidentRow, Incident>('regionwatch_event_incidents', from, limit, incidentOf);
  }

  async pullDivergence(from: PullCursor, limit: number): Promise<Pulled<PairCheck>> {
    return this.pull<{ id: string; txid: string; result: PairCheck }, PairCheck>('regionwatch_event_divergence', from, limit, (row) => row.result);
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  /**
   * Rows written since `from`, in (txid, id) order. A transaction that commits late can carry
   * a lower txid than rows already read, so each pass starts at the oldest transaction still
   * running when the previous one began: rows read twice are applied once (every write is
   * idempotent), and none is skipped.
   */
  private async pull<Row extends { id: string; txid: string }, T>(table: string, from: PullCursor, limit: number, convert: (row: Row) => T): Promise<Pulled<T>> {
    return this.transaction(async (client) => {
      const horizon = from.horizon ?? (await client.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin')).rows[0].xmin;
      const { rows } = await client.query<Row>(`SELECT * FROM ${table} WHERE txid >= $1::xid8 AND (txid, id) > ($2::xid8, $3) ORDER BY txid, id LIMIT $4`, [from.floor, from.txid, from.id, limit]);
      const last = rows.at(-1);
      if (rows.length === limit && last) return { rows: rows.map(convert), next: { floor: from.floor, txid: last.txid, id: Number(last.id), horizon }, done: false };
      return { rows: rows.map(convert), next: { floor: horizon, txid: '0', id: 0 }, done: true };
    });
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = !(await client.query('ROLLBACK').then(
        () => true,
        () => false,
      ));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

interface FailoverRow {
  id: string;
  txid: string;
  region: string;
  geos: string[];
  detected_at: string;
  rerouted_at: string | null;
  to_regions: string[];
  recovered_at: string | null;
  failback_at: string | null;
}

/** A failover under the shared store's id: ids from different collectors would collide. */
const failoverOf = (row: FailoverRow): Failover => ({
  id: Number(row.id),
  region: row.region,
  geos: row.geos,
  detectedAt: Number(row.detected_at),
  reroutedAt: numberOrNull(row.rerouted_at),
  toRegions: row.to_regions,
  recoveredAt: numberOrNull(row.recovered_at),
  failbackAt: numberOrNull(row.failback_at),
});

interface IncidentRow {
  id: string;
  txid: string;
  kind: IncidentKind;
  key: string;
  title: string;
  regions: string[];
  opened_at: string;
  closed_at: string | null;
  details: Record<string, unknown>;
  runbook: string;
}

const incidentOf = (row: IncidentRow): Incident => ({
  id: Number(row.id),
  kind: row.kind,
  key: row.key,
  title: row.title,
  regions: row.regions,
  openedAt: Number(row.opened_at),
  closedAt: numberOrNull(row.closed_at),
  details: row.details,
  runbook: row.runbook,
});

const numberOrNull = (value: string | null) => (value === null ? null : Number(value));
const roundOrNull = (value: number | null) => (value === null ? null : Math.round(value));
