import type Database from 'better-sqlite3';
import type { Point } from '@/lib/series/lttb';

/**
 * Resolution tiers. Raw samples (one per series per second) are rolled up into
 * 1-minute and then 15-minute averages and maxima; each tier keeps only what the next
 * cannot answer, so 30 days of a 12-pair deployment stay in a few tens of megabytes.
 */
const TIERS = [
  { table: 'samples_raw', stepMs: 0, keepMs: 2 * 3_600_000 },
  { table: 'samples_1m', stepMs: 60_000, keepMs: 8 * 86_400_000 },
  { table: 'samples_15m', stepMs: 900_000, keepMs: Infinity },
] as const;

/**
 * SLO event counts keep 1-minute resolution for 32 days, so a 30-day burn-down has a point
 * per minute; they are two series per SLO, unlike lag's one per region pair.
 */
const LONG_SERIES_PREFIX = 'slo:';
const LONG_1M_KEEP_MS = 32 * 86_400_000;

/** How long a tier keeps one series. */
function keepOf(tier: (typeof TIERS)[number], series: string): number {
  return tier.table === 'samples_1m' && series.startsWith(LONG_SERIES_PREFIX) ? LONG_1M_KEEP_MS : tier.keepMs;
}

export interface Sample {
  series: string;
  at: number;
  value: number;
}

/** Embedded history: time series samples in the embedded database (`storage.path`). */
export class History {
  private readonly seriesIds = new Map<string, number>();

  constructor(
    private readonly db: Database.Database,
    private readonly retentionMs: number,
  ) {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS series (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
      CREATE TABLE IF NOT EXISTS rollup_watermark (tier TEXT PRIMARY KEY, up_to INTEGER NOT NULL);
    `);
    for (const tier of TIERS) {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${tier.table} (series_id INTEGER NOT NULL, at INTEGER NOT NULL,
        avg REAL NOT NULL, max REAL NOT NULL, PRIMARY KEY (series_id, at)) WITHOUT ROWID`);
    }
  }

  /** Stores raw samples in one transaction. */
  record(samples: Sample[]): void {
    const insert = this.db.prepare('INSERT OR REPLACE INTO samples_raw (series_id, at, avg, max) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const sample of samples) {
        if (!Number.isFinite(sample.value)) continue;
        insert.run(this.seriesId(sample.series), Math.round(sample.at), sample.value, sample.value);
      }
    })();
  }

  /** Rolls complete steps up into coarser tiers and drops what each tier no longer needs. */
  maintain(now = Date.now()): void {
    this.db.transaction(() => {
      for (let index = 1; index < TIERS.length; index++) this.rollUp(TIERS[index - 1].table, TIERS[index], now);
      for (const tier of TIERS) {
        const keepMs = Math.min(tier.keepMs, this.retentionMs);
        if (tier.table !== 'samples_1m') {
          this.db.prepare(`DELETE FROM ${tier.table} WHERE at < ?`).run(now - keepMs);
          continue;
        }
        const longSeries = `SELECT id FROM series WHERE name LIKE '${LONG_SERIES_PREFIX}%'`;
        this.db.prepare(`DELETE FROM ${tier.table} WHERE at < ? AND series_id NOT IN (${longSeries})`).run(now - keepMs);
        this.db.prepare(`DELETE FROM ${tier.table} WHERE at < ?`).run(now - Math.min(LONG_1M_KEEP_MS, this.retentionMs));
      }
    })();
  }

  /** Points of `series` in [from, to] from the finest tier that still covers `from`. */
  query(series: string, from: number, to: number, now = Date.now()): Point[] {
    const id = this.lookupSeriesId(series);
    if (id === undefined) return [];
    const tier = TIERS.find((candidate) => from >= now - keepOf(candidate, series)) ?? TIERS[TIERS.length - 1];
    const rows = this.db.prepare(`SELECT at, avg FROM ${tier.table} WHERE series_id = ? AND at BETWEEN ? AND ? ORDER BY at`).raw().all(id, from, to) as Point[];
    return rows;
  }

  /**
   * The last value of `series` at or before `at` (from the finest tier that still covers
   * it), or the earliest value after it when the series starts later; null if empty.
   */
  valueAt(series: string, at: number, now = Date.now()): { at: number; value: number } | null {
    const id = this.lookupSeriesId(series);
    if (id === undefined) return null;
    for (const tier of TIERS) {
      if (at < now - keepOf(tier, series) && tier !== TIERS[TIERS.length - 1]) continue;
      const before = this.db.prepare(`SELECT at, avg AS value FROM ${tier.table} WHERE series_id = ? AND at <= ? ORDER BY at DESC LIMIT 1`).get(id, at) as { at: number; value: number } | undefined;
      if (before) return before;
    }
    for (const tier of [...TIERS].reverse()) {
      const after = this.db.prepare(`SELECT at, avg AS value FROM ${tier.table} WHERE series_id = ? AND at > ? ORDER BY at LIMIT 1`).get(id, at) as { at: number; value: number } | undefined;
      if (after) return after;
    }
    return null;
  }

  /** Row counts per tier, for benchmarks and sizing. */
  sizes(): Record<string, number> {
    return Object.fromEntries(TIERS.map((tier) => [tier.table, (this.db.prepare(`SELECT count(*) AS n FROM ${tier.table}`).get() as { n: number }).n]));
  }

  private rollUp(fromTable: string, tier: (typeof TIERS)[number], now: number): void {
    const step = tier.stepMs;
    const watermark = (this.db.prepare('SELECT up_to FROM rollup_watermark WHERE tier = ?').get(tier.table) as { up_to: number } | undefined)?.up_to ?? 0;
    const upTo = Math.floor(now / step) * step;
    if (upTo <= watermark) return;
    this.db
      .prepare(
        `INSERT OR REPLACE INTO ${tier.table} (series_id, at, avg, max)
         SELECT series_id, (at / ${step}) * ${step}, avg(avg), max(max) FROM ${fromTable}
         WHERE at >= ? AND at < ? GROUP BY series_id, at / ${step}`,
      )
      .run(watermark, upTo);
    this.db.prepare('INSERT OR REPLACE INTO rollup_watermark (tier, up_to) VALUES (?, ?)').run(tier.table, upTo);
  }

  private seriesId(name: string): number {
    const known = this.seriesIds.get(name) ?? this.lookupSeriesId(name);
    if (known !== undefined) return known;
    const id = Number(this.db.prepare('INSERT INTO series (name) VALUES (?)').run(name).lastInsertRowid);
    this.seriesIds.set(name, id);
    return id;
  }

  private lookupSeriesId(name: string): number | undefined {
    const cached = this.seriesIds.get(name);
    if (cached !== undefined) return cached;
    const row = this.db.prepare('SELECT id FROM series WHERE name = ?').get(name) as { id: number } | undefined;
    if (row) this.seriesIds.set(name, row.id);
    return row?.id;
  }
}

/** The history series name of a pair's lag. */
export const lagSeriesName = (source: string, target: string) => `lag:${source}->${target}`;
