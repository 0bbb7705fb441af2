import type { Scenario } from '@/lib/config/scenario';
import type { DomainConfig } from '@/lib/config/schema';
import type { ReplicatedTable, SimRegion } from './region';
import type { EntityStore } from './entities/store';
import { ENTITY_TYPES, balance, type EntityType } from './entities/types';

export const USERS_TABLE: ReplicatedTable = {
  name: 'users',
  key: ['id'],
  columns: ['email', 'plan', 'updated_at'],
  ddl: 'CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, plan TEXT, updated_at REAL NOT NULL)',
  lww: { ts: 'updated_at', tiebreak: 'plan' },
};

const PLANS = ['free', 'team', 'business', 'enterprise'];
const TICK_MS = 50;
/** The users dataset stays small: it exists so divergence checks have live data to compare. */
const MAX_USERS = 2000;
/** Share of writes that update the users dataset; the rest write the entity types. */
const USERS_SHARE = 0.2;
/**
 * The workload writes only the first 80% of users. The `corrupt` fault picks from the rest, so a
 * later replicated write cannot silently repair a corrupted row before a check sees it.
 */
const HOT_USERS_SHARE = 0.8;
/** How long a manual conflict waits in the queue before the simulated operator decides. */
const OPERATOR_DELAY_MS = 8000;

/**
 * A local write of a user's plan, stamped with the region's clock, under the same last-write-wins
 * rule replicated writes obey: it takes effect only if it is newer than the row's current
 * `updated_at` (ties broken by `plan`), and otherwise is shadowed at once, as in Cassandra, where
 * a cell written with an older timestamp than the stored one loses on the local replica too.
 * Stamping it "now, or just after the stored stamp" would be a hybrid logical clock: causal
 * order instead of clock order, a different policy. An unconditional write is what no LWW store
 * does: the row would go back in time here while every other region rejects the older
 * replicated version, and the regions would never converge.
 * Returns whether the write took effect (a shadowed write changes nothing and ships nothing).
 */
export function writeUserPlan(region: SimRegion, id: number, plan: string): boolean {
  const updatedAt = region.now();
  const result = region.statement('UPDATE users SET plan = ?, updated_at = ? WHERE id = ? AND (updated_at < ? OR (updated_at = ? AND plan < ?))').run(plan, updatedAt, id, updatedAt, updatedAt, plan);
  return result.changes > 0;
}

export interface WorkloadRegion {
  region: SimRegion;
  entities: EntityStore;
}

/**
 * The demo application: writes at `writes_per_second` into the regions each entity's
 * domain allows, and makes `conflict_ratio` of them race a concurrent write to the same
 * entity in another allowed region. A simulated operator works the manual queue.
 */
export class Workload {
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private owed = 0;
  private writeCount = 0;
  private readonly userCount: number;
  private corruptions = 0;
  /** Domains in split-brain: both listed regions accept writes as if each were home. */
  private readonly splitBrain = new Map<string, string[]>();
  /** Regions in an outage take no writes. */
  private readonly down = new Set<string>();

  constructor(
    private readonly regions: WorkloadRegion[],
    private readonly scenario: Scenario,
    private readonly random: () => number,
  ) {
    this.userCount = Math.min(MAX_USERS, scenario.workload.entities);
  }

  /** Gives every region the same users (written without capture, so nothing is shipped). */
  seed(): void {
    const now = Date.now();
    for (const { region } of this.regions) {
      const existing = region.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
      if (existing.n > 0) continue;
      const insert = region.statement('INSERT INTO users (id, email, plan, updated_at) VALUES (?, ?, ?, ?)');
      region.withoutReplication(() => {
        for (let id = 1; id <= this.userCount; id++) insert.run(id, `user${id}@example.com`, PLANS[(id - 1) % PLANS.length], now);
      });
    }
  }

  start(): void {
    this.startedAt = Date.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  setDown(region: string, down: boolean): void {
    if (down) this.down.add(region);
    else this.down.delete(region);
  }

  setSplitBrain(domain: string, regions: string[] | null): void {
    if (regions) this.splitBrain.set(domain, regions);
    else this.splitBrain.delete(domain);
  }

  private tick(): void {
    this.workTheManualQueue();
    const { duration, writes_per_second: rate } = this.scenario.workload;
    if (duration !== undefined && Date.now() - this.startedAt > duration) return;
    this.owed += (rate * TICK_MS) / 1000;
    for (; this.owed >= 1; this.owed--) {
      if (this.random() < USERS_SHARE) this.writeUser();
      else this.writeEntity();
    }
  }

  private writeUser(): void {
    const up = this.regions.filter(({ region }) => !this.down.has(region.name));
    if (up.length === 0) return;
    const { region } = this.pick(up);
    const plan = PLANS[Math.floor(this.random() * PLANS.length)];
    writeUserPlan(region, 1 + Math.floor(this.random() * Math.floor(this.userCount * HOT_USERS_SHARE)), plan);
  }

  /**
   * Changes, deletes or inserts `count` users in one region without replicating them, in
   * turn; returns the keys it touched.
   */
  corruptUsers(regionName: string, count: number): string[] {
    const { region } = this.regions.find((candidate) => candidate.region.name === regionName)!;
    const coldStart = Math.floor(this.userCount * HOT_USERS_SHARE) + 1;
    const keys: string[] = [];
    region.withoutReplication(() => {
      for (let index = 0; index < count; index++) {
        const kind = this.corruptions % 3;
        const id = kind === 2 ? this.userCount + 1 + this.corruptions : coldStart + ((this.corruptions * 7919) % (this.userCount - coldStart + 1));
        this.corruptions++;
        if (kind === 0) region.statement("UPDATE users SET plan = 'corrupted' WHERE id = ?").run(id);
        else if (kind === 1) region.statement('DELETE FROM users WHERE id = ?').run(id);
        else region.statement("INSERT OR REPLACE INTO users (id, email, plan, updated_at) VALUES (?, ?, 'free', ?)").run(id, `ghost${id}@example.com`, region.now());
        keys.push(String(id));
      }
    });
    return keys;
  }

  private writeEntity(): void {
    const type = this.pick(ENTITY_TYPES);
    const key = String(1 + Math.floor(this.random() * this.scenario.workload.entities));
    const allowed = this.writeRegions(type).filter(({ region }) => !this.down.has(region.name));
    if (allowed.length === 0) return;
    const first = this.pick(allowed);
    first.entities.write(type, key, { id: String(++this.writeCount), random: this.random });
    if (allowed.length > 1 && this.random() < this.scenario.workload.conflict_ratio) {
      // Written before either write can replicate, so the two versions are concurrent.
      const second = this.pick(allowed.filter((candidate) => candidate !== first));
      second.entities.write(type, key, { id: String(++this.writeCount), random: this.random });
    }
  }

  /** Where the application writes an entity type, given its domain's mode (the scenario's `domains`). */
  private writeRegions(type: EntityType): WorkloadRegion[] {
    const domain = this.domainOf(type);
    const split = domain && this.splitBrain.get(domain.name);
    if (split) return this.regions.filter(({ region }) => split.includes(region.name));
    if (!domain || domain.mode === 'active-active') return this.regions;
    const home = this.regions.filter(({ region }) => region.name === domain.home);
    // limited-writes: the home region takes most writes; others take a few, which may conflict.
    if (domain.mode === 'limited-writes' && this.random() < 0.1) return this.regions;
    return home;
  }

  private domainOf(type: EntityType): DomainConfig | undefined {
    return this.scenario.domains.find((domain) => (domain.entity_types ? domain.entity_types.includes(type.name) : domain.name === type.domain));
  }

  /** The operator, in the manual domain's home region, keeps the larger balance of the two. */
  private workTheManualQueue(): void {
    const home = this.domainOf(balance)?.home;
    const operator = this.regions.find(({ region }) => region.name === home) ?? this.regions[0];
    const now = operator.region.now();
    for (const item of operator.entities.pendingConflicts()) {
      if (now - item.detectedAt < OPERATOR_DELAY_MS) break;
      const amounts = [item.local, item.remote].map((version) => Number((version as { amount_cents?: number }).amount_cents ?? 0));
      operator.entities.overwrite(balance, item.entityKey, { amount_cents: Math.max(...amounts) });
    }
  }

  private pick<T>(items: T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
}
