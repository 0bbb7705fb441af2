import type { DomainConfig } from '@/lib/config/schema';
import { type Clock, systemClock } from '@/lib/domain/clock';
import type { StoreAdapter } from './adapters';
import type { Collector, CycleContext } from './types';
import { withTimeout } from './types';

const BATCH = 5000;

/** Writes accepted outside their domain's home, counted per domain and region pair. */
export interface OwnershipViolation {
  domain: string;
  homeRegion: string;
  writeRegion: string;
}

/**
 * Where ownership findings go and where each region's write-log position is kept. The
 * embedded `ConflictStore` is one; `addViolations` must add and move the cursor atomically,
 * so a restart neither loses nor double-counts a write.
 */
export interface OwnershipSink {
  cursor(collector: string, region: string): number;
  /** False while another collector holds this region's cursor (a shared event store); this one stands by. */
  owns(collector: string, region: string): boolean;
  addViolations(violations: OwnershipViolation[], cursor: { region: string; position: number }): void;
}

/** What ownership reads from a region's store. */
export type WriteLogSource = Pick<StoreAdapter, 'region' | 'readWrites'>;

/**
 * Whether a write in `region` is outside what the domain's rollout stage allows.
 * active-passive and read-local domains take writes only in their home region;
 * limited-writes domains also take some elsewhere; active-active anywhere.
 */
export function isViolation(domain: DomainConfig, region: string): boolean {
  return (domain.mode === 'active-passive' || domain.mode === 'read-local') && region !== domain.home;
}

/** The domain an entity type belongs to: listed in `entity_types`, or named like it. */
export function domainFor(domains: DomainConfig[], entityType: string): DomainConfig | undefined {
  return domains.find((domain) => (domain.entity_types ? domain.entity_types.includes(entityType) : domain.name === entityType));
}

/**
 * Reads each region's write log (`regionwatch_writes`, where the application keeps one)
 * and counts writes accepted outside what their domain's mode allows.
 */
export class OwnershipCollector implements Collector {
  readonly name = 'ownership';
  readonly regions: string[];
  private readonly clock: Clock;
  /** Regions whose read outlived its timeout and is still running. */
  private readonly pending = new Set<string>();

  constructor(
    private readonly stores: WriteLogSource[],
    private readonly domains: DomainConfig[],
    private readonly sink: OwnershipSink,
    readonly intervalMs: number,
    private readonly timeoutMs: number,
    options: { clock?: Clock } = {},
  ) {
    this.regions = stores.map((store) => store.region);
    this.clock = options.clock ?? systemClock;
  }

  async runCycle(context: CycleContext): Promise<void> {
    await Promise.all(
      this.stores.map(async (store) => {
        try {
          // A second read from the same cursor would count those writes twice when both land.
          if (this.pending.has(store.region)) throw new Error(`write log of ${store.region}: previous read still pending`);
          if (this.sink.owns(this.name, store.region)) await withTimeout(this.collectRegion(store), this.timeoutMs, `write log of ${store.region}`, this.clock);
          context.report(store.region, true);
        } catch (error) {
          context.report(store.region, false, error);
        }
      }),
    );
  }

  async close(): Promise<void> {}

  private async collectRegion(store: WriteLogSource): Promise<void> {
    this.pending.add(store.region);
    try {
      await this.countViolations(store);
    } finally {
      this.pending.delete(store.region);
    }
  }

  private async countViolations(store: WriteLogSource): Promise<void> {
    const after = this.sink.cursor(this.name, store.region);
    const writes = await store.readWrites(after, BATCH);
    if (writes.length === 0) return;
    const violations = writes.flatMap((write) => {
      const domain = domainFor(this.domains, String(write.entity_type));
      return domain && isViolation(domain, store.region) ? [{ domain: domain.name, homeRegion: domain.home, writeRegion: store.region }] : [];
    });
    const position = Math.max(after, ...writes.map((write) => Number(write.id)).filter(Number.isFinite));
    this.sink.addViolations(violations, { region: store.region, position });
  }
}
