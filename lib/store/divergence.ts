import type Database from 'better-sqlite3';
import type { PairCheck } from '@/lib/domain/divergence';
import type { Outbox } from './outbox';

/** The outbox reference of one dataset on one region pair. */
export const divergenceRef = (check: Pick<PairCheck, 'dataset' | 'regionA' | 'regionB'>) => `${check.dataset}|${check.regionA}|${check.regionB}`;

/**
 * The last check of every dataset on every region pair, in the embedded database: written on
 * every check, so a restarted process shows what it last found, and sent to the shared event
 * store from here.
 */
export class DivergenceStore {
  /** With a shared event store, every save also goes to `outbox`. */
  constructor(
    private readonly db: Database.Database,
    private readonly outbox?: Outbox,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS divergence_checks (
      dataset TEXT NOT NULL, region_a TEXT NOT NULL, region_b TEXT NOT NULL, checked_at INTEGER NOT NULL, result TEXT NOT NULL,
      PRIMARY KEY (dataset, region_a, region_b))`);
  }

  save(check: PairCheck): void {
    this.db.transaction(() => {
      this.put(check);
      this.outbox?.enqueue('divergence', [divergenceRef(check)]);
    })();
  }

  /** A check read from the shared event store; an older one than what is here is ignored. */
  applyShared(check: PairCheck): boolean {
    const stored = this.get(divergenceRef(check));
    if (stored && stored.checkedAt > check.checkedAt) return false;
    this.put(check);
    return true;
  }

  get(ref: string): PairCheck | undefined {
    const [dataset, regionA, regionB] = ref.split('|');
    const row = this.db.prepare('SELECT result FROM divergence_checks WHERE dataset = ? AND region_a = ? AND region_b = ?').get(dataset, regionA, regionB) as { result: string } | undefined;
    return row && (JSON.parse(row.result) as PairCheck);
  }

  list(): PairCheck[] {
    const rows = this.db.prepare('SELECT result FROM divergence_checks ORDER BY dataset, region_a, region_b').all() as { result: string }[];
    return rows.map((row) => JSON.parse(row.result) as PairCheck);
  }

  private put(check: PairCheck): void {
    this.db.prepare('INSERT OR REPLACE INTO divergence_checks VALUES (?, ?, ?, ?, ?)').run(check.dataset, check.regionA, check.regionB, Math.round(check.checkedAt), JSON.stringify(check));
  }
}
