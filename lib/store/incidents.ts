import type Database from 'better-sqlite3';
import type { Incident, IncidentKind } from '@/lib/domain/incident';
import type { Outbox } from './outbox';

export type { Incident } from '@/lib/domain/incident';

/** Incidents in the embedded database, so the timeline survives restarts. */
export class IncidentStore {
  /** With a shared event store, every save also goes to `outbox`. */
  constructor(
    private readonly db: Database.Database,
    private readonly outbox?: Outbox,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS incidents (
      id INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, title TEXT NOT NULL, regions TEXT NOT NULL,
      opened_at INTEGER NOT NULL, closed_at INTEGER, details TEXT NOT NULL, runbook TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS incidents_opened ON incidents (opened_at);`);
  }

  save(incident: Incident): number {
    return this.db.transaction(() => {
      const id = this.put(incident);
      this.outbox?.enqueue('incident', [id]);
      return id;
    })();
  }

  /** An incident read from the shared event store, under the id the shared store gave it. */
  applyShared(incident: Incident): void {
    this.put(incident);
  }

  get(id: number): Incident | undefined {
    const row = this.db.prepare('SELECT * FROM incidents WHERE id = ?').get(id) as IncidentRow | undefined;
    return row && incidentOf(row);
  }

  private put(incident: Incident): number {
    const result = this.db
      .prepare('INSERT OR REPLACE INTO incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(
        incident.id || null,
        incident.kind,
        incident.key,
        incident.title,
        JSON.stringify(incident.regions),
        incident.openedAt,
        incident.closedAt,
        JSON.stringify(incident.details),
        incident.runbook,
      );
    return Number(result.lastInsertRowid);
  }

  /** Incidents open now or opened in [from, to], newest first. */
  list(from = 0, to = Number.MAX_SAFE_INTEGER): Incident[] {
    const rows = this.db.prepare('SELECT * FROM incidents WHERE closed_at IS NULL OR opened_at BETWEEN ? AND ? ORDER BY opened_at DESC, id DESC LIMIT 500').all(from, to) as IncidentRow[];
    return rows.map(incidentOf);
  }
}

interface IncidentRow {
  id: number;
  kind: IncidentKind;
  key: string;
  title: string;
  regions: string;
  opened_at: number;
  closed_at: number | null;
  details: string;
  runbook: string;
}

const incidentOf = (row: IncidentRow): Incident => ({
  id: row.id,
  kind: row.kind,
  key: row.key,
  title: row.title,
  regions: JSON.parse(row.regions) as string[],
  openedAt: row.opened_at,
  closedAt: row.closed_at,
  details: JSON.parse(row.details) as Record<string, unknown>,
  runbook: row.runbook,
});
