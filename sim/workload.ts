import type { Scenario } from '@/lib/config/scenario';
import type { ReplicatedTable, SimRegion } from './region';

export const USERS_TABLE: ReplicatedTable = {
  name: 'users',
  key: ['id'],
  columns: ['email', 'plan', 'updated_at'],
  ddl: 'CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, plan TEXT, updated_at REAL NOT NULL)',
};

const PLANS = ['free', 'team', 'business', 'enterprise'];
const TICK_MS = 50;
/** The users dataset stays small: it exists so divergence checks have live data to compare. */
const MAX_USERS = 2000;

/**
 * Live writes to the `users` dataset: each write updates one user's plan in a random
 * region, stamped by that region's clock, and replicates like any other change.
 */
export class UsersWorkload {
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private owed = 0;
  private readonly userCount: number;

  constructor(
    private readonly regions: SimRegion[],
    private readonly workload: Scenario['workload'],
    private readonly random: () => number,
  ) {
    this.userCount = Math.min(MAX_USERS, workload.entities);
  }

  /** Gives every region the same users (applied as replicated rows, so nothing is shipped). */
  seed(): void {
    const now = Date.now();
    const changes = Array.from({ length: this.userCount }, (_, index) => ({
      id: 0,
      table: USERS_TABLE.name,
      op: 'upsert' as const,
      row: { id: index + 1, email: `user${index + 1}@example.com`, plan: PLANS[index % PLANS.length], updated_at: now },
      committedAt: now,
    }));
    for (const region of this.regions) {
      const existing = region.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
      if (existing.n === 0) region.applyReplicated(changes);
    }
  }

  start(): void {
    this.startedAt = Date.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private tick(): void {
    const { duration, writes_per_second: rate } = this.workload;
    if (duration !== undefined && Date.now() - this.startedAt > duration) return this.stop();
    this.owed += (rate * TICK_MS) / 1000;
    for (; this.owed >= 1; this.owed--) {
      const region = this.regions[Math.floor(this.random() * this.regions.length)];
      const userId = 1 + Math.floor(this.random() * this.userCount);
      const plan = PLANS[Math.floor(this.random() * PLANS.length)];
      region
        .statement(
          `UPDATE users SET plan = ?, updated_at = unixepoch('subsec') * 1000.0 + coalesce((SELECT offset_ms FROM regionwatch_clock), 0) WHERE id = ?`,
        )
        .run(plan, userId);
    }
  }
}
