import type { DomainConfig } from '@/lib/config/schema';
import type { ConflictStore } from '@/lib/store/conflicts';
import type { StoreAdapter } from './adapters';
import type { Collector, CycleContext } from './types';
import { withTimeout } from './types';

const BATCH = 5000;

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

  constructor(
    private readonly stores: StoreAdapter[],
    private readonly domains: DomainConfig[],
    private readonly conflicts: ConflictStore,
    readonly intervalMs: number,
    private readonly timeoutMs: number,
  ) {
    this.regions = stores.map((store) => store.region);
  }

  async runCycle(context: CycleContext): Promise<void> {
    await Promise.all(
      this.stores.map(async (store) => {
        try {
          await withTimeout(this.collectRegion(store), this.timeoutMs, `write log of ${store.region}`);
          context.report(store.region, true);
        } catch (error) {
          context.report(store.region, false, error);
        }
      }),
    );
  }

  async close(): Promise<void> {}

  private async collectRegion(store: StoreAdapter): Promise<void> {
    const after = this.conflicts.cursor(this.name, store.region);
    const writes = await store.readWrites(after, BATCH);
    if (writes.length === 0) return;
    const violations = writes.flatMap((write) => {
      const domain = domainFor(this.domains, String(write.entity_type));
      return domain && isViolation(domain, store.region) ? [{ domain: domain.name, homeRegion: domain.home, writeRegion: store.region }] : [];
    });
    const position = Math.max(after, ...writes.map((write) => Number(write.id)).filter(Number.isFinite));
    this.conflicts.addViolations(violations, { region: store.region, position });
  }
}
