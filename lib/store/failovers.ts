import type Database from 'better-sqlite3';
import type { Failover } from '@/lib/domain/failover';
import type { Outbox } from './outbox';

/** Failovers in the embedded database: written on every change, restored at start. */
export class FailoverStore {
  /** With a shared event store, every save also goes to `outbox`. */
  constructor(
    private readonly db: Database.Database,
    private readonly outbox?: Outbox,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS failovers (
      id INTEGER PRIMARY KEY, region TEXT NOT NULL, geos TEXT NOT NULL, detected_at INTEGER NOT NULL,
      rerouted_at INTEGER, to_regions TEXT NOT NULL, recovered_at INTEGER, failback_at INTEGER);
      CREATE INDEX IF NOT EXISTS failovers_detected ON failovers (detected_at);`);
  }

  save(failover: Failover): void {
    this.db.transaction(() => {
      this.put(failover);
      this.outbox?.enqueue('failover', [failover.id]);
    })();
  }

  /** A failover read from the shared event store, under the id the shared store gave it. */
  applyShared(failover: Failover): void {
    this.put(failover);
  }

  get(id: number): Failover | undefined {
    const row = this.db.prepare('SELECT * FROM failovers WHERE id = ?').get(id) as FailoverRow | undefined;
    return row && failoverOf(row);
  }

  private put(failover: Failover): void {
    this.db
      .prepare('INSERT OR REPLACE INTO failovers VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(failover.id, failover.region, JSON.stringify(failover.geos), failover.detectedAt, failover.reroutedAt, JSON.stringify(failover.toRegions), failover.recoveredAt, failover.failbackAt);
  }

  /** Failovers that overlap [from, to] (a still-open one overlaps every later range), oldest first. */
  list(from = 0, to = Number.MAX_SAFE_INTEGER): Failover[] {
    const rows = this.db
      .prepare('SELECT * FROM failovers WHERE detected_at <= ? AND (coalesce(failback_at, recovered_at) IS NULL OR coalesce(failback_at, recovered_at) >= ?) ORDER BY detected_at, id')
      .all(to, from) as FailoverRow[];
    return rows.map(failoverOf);
  }
}

interface FailoverRow {
  id: number;
  region: string;
  geos: string;
  detected_at: number;
  rerouted_at: number | null;
  to_regions: string;
  recovered_at: number | null;
  failback_at: number | null;
}

const failoverOf = (row: FailoverRow): Failover => ({
  id: row.id,
  region: row.region,
  geos: JSON.parse(row.geos) as string[],
  detectedAt: row.detected_at,
  reroutedAt: row.rerouted_at,
  toRegions: JSON.parse(row.to_regions) as string[],
  recoveredAt: row.recovered_at,
  failbackAt: row.failback_at,
});
