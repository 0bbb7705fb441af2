import type Database from 'better-sqlite3';

/**
 * What an outbox entry points at: a new conflict or a conflict's resolution by its source
 * key, a failover or incident by its local id, a divergence check by its dataset and pair.
 */
export type OutboxKind = 'conflict' | 'resolution' | 'failover' | 'incident' | 'divergence';

export interface OutboxEntry {
  seq: number;
  kind: OutboxKind;
  ref: string;
}

/**
 * Events written to the embedded database that the shared event store has not acknowledged
 * yet. Entries are added in the same transaction as the event itself, so an event stored here
 * reaches the shared store even if the process dies before it is sent, or the store is down.
 */
export class Outbox {
  constructor(private readonly db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS shared_outbox (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL)');
  }

  /** Call inside the transaction that writes the events. */
  enqueue(kind: OutboxKind, refs: (string | number)[]): void {
    if (refs.length === 0) return;
    const insert = this.db.prepare('INSERT INTO shared_outbox (kind, ref) VALUES (?, ?)');
    for (const ref of refs) insert.run(kind, String(ref));
  }

  /** The oldest entries not yet acknowledged. */
  peek(limit: number): OutboxEntry[] {
    return this.db.prepare('SELECT seq, kind, ref FROM shared_outbox ORDER BY seq LIMIT ?').all(limit) as OutboxEntry[];
  }

  /** Forgets entries the shared store has acknowledged (every entry up to `seq`). */
  acknowledge(seq: number): void {
    this.db.prepare('DELETE FROM shared_outbox WHERE seq <= ?').run(seq);
  }

  size(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM shared_outbox').get() as { n: number }).n;
  }
}

/**
 * This embedded database's identity in the shared store: created once and kept with the data,
 * so failover and incident ids from two databases never collide, and a restarted collector
 * resumes its own cursor claims at once.
 */
export function instanceId(db: Database.Database): string {
  db.exec('CREATE TABLE IF NOT EXISTS instance (id TEXT NOT NULL)');
  const row = db.prepare('SELECT id FROM instance').get() as { id: string } | undefined;
  if (row) return row.id;
  const id = crypto.randomUUID();
  db.prepare('INSERT INTO instance VALUES (?)').run(id);
  return id;
}

/** How far this process has read each kind of event back from the shared store (JSON cursors). */
export class PullPositions {
  constructor(private readonly db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS shared_pull (kind TEXT PRIMARY KEY, position TEXT NOT NULL)');
  }

  get(kind: OutboxKind): string | undefined {
    return (this.db.prepare('SELECT position FROM shared_pull WHERE kind = ?').get(kind) as { position: string } | undefined)?.position;
  }

  set(kind: OutboxKind, position: string): void {
    this.db.prepare('INSERT OR REPLACE INTO shared_pull VALUES (?, ?)').run(kind, position);
  }
}
