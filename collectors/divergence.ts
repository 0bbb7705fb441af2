import type { CollectorsConfig, DatasetConfig } from '@/lib/config/schema';
import type { StoreAdapter } from './adapters';
import type { Collector, CycleContext } from './types';
import type { ChecksumSession } from './merkle/session';
import { buildTrees, compareBuilt, releaseTrees, type CheckStats, type DivergentEntity } from './merkle/check';

/** The last check of one dataset on one region pair (region_a < region_b). */
export interface PairCheck {
  dataset: string;
  regionA: string;
  regionB: string;
  checkedAt: number;
  entities: DivergentEntity[];
  stats: CheckStats | null;
  error: string | null;
}

export interface DivergenceOptions {
  config: CollectorsConfig['divergence'];
  timeoutMs: number;
  /** Replication lag (ms) of a pair in both directions, with its error bound: how long in-flight writes may take. */
  settleMs: (regionA: string, regionB: string) => number;
}

const MIN_SETTLE_MS = 200;
const MAX_SETTLE_MS = 30_000;

/**
 * Periodically compares every configured dataset across every region pair. Each region
 * builds its bucket tree once per cycle (one scan, in its own worker); the pairs are then
 * compared from those trees.
 */
export class DivergenceCollector implements Collector {
  readonly name = 'divergence';
  readonly intervalMs: number;
  readonly regions: string[];
  private readonly clients: ChecksumSession[];
  private readonly results = new Map<string, PairCheck>();
  private readonly counters = new Map<string, { checks: number; diverged: number }>();
  private readonly durations = new Map<string, number>();

  constructor(
    stores: StoreAdapter[],
    private readonly options: DivergenceOptions,
  ) {
    this.intervalMs = options.config.interval;
    this.regions = stores.map((store) => store.region);
    this.clients = stores.map((store) => store.openChecksum(options.timeoutMs));
  }

  async runCycle(context: CycleContext): Promise<void> {
    for (const dataset of this.options.config.datasets) await this.checkDataset(dataset, context);
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.close()));
  }

  /** Last result per dataset and pair. */
  checks(): PairCheck[] {
    return [...this.results.values()];
  }

  counts(): { dataset: string; regionA: string; regionB: string; checks: number; diverged: number }[] {
    return [...this.counters].map(([key, value]) => {
      const [dataset, regionA, regionB] = key.split('|');
      return { dataset, regionA, regionB, ...value };
    });
  }

  checkDurations(): { dataset: string; seconds: number }[] {
    return [...this.durations].map(([dataset, ms]) => ({ dataset, seconds: ms / 1000 }));
  }

  private async checkDataset(dataset: DatasetConfig, context: CycleContext): Promise<void> {
    const started = Date.now();
    const usable: ChecksumSession[] = [];
    await Promise.all(
      this.clients.map(async (client) => {
        try {
          const problems = await client.validate(dataset);
          if (problems.length > 0) throw new Error(`dataset ${dataset.name} in ${client.region}: ${problems.join('; ')}`);
          usable.push(client);
        } catch (error) {
          context.report(client.region, false, error);
        }
      }),
    );
    usable.sort((x, y) => x.region.localeCompare(y.region));
    let built: Awaited<ReturnType<typeof buildTrees>> = [];
    try {
      built = await buildTrees(usable, dataset, this.checkOptions(''));
      for (let i = 0; i < built.length; i++) {
        for (let j = i + 1; j < built.length; j++) await this.comparePair(dataset, built[i], built[j]);
      }
      for (const tree of built) context.report(tree.client.region, true);
    } catch (error) {
      for (const client of usable) context.report(client.region, false, error);
    } finally {
      await releaseTrees(built);
      this.durations.set(dataset.name, Date.now() - started);
    }
  }

  private async comparePair(dataset: DatasetConfig, treeA: Awaited<ReturnType<typeof buildTrees>>[number], treeB: typeof treeA): Promise<void> {
    const [regionA, regionB] = [treeA.client.region, treeB.client.region];
    const key = `${dataset.name}|${regionA}|${regionB}`;
    const counter = this.counters.get(key) ?? { checks: 0, diverged: 0 };
    try {
      const compared = await compareBuilt(treeA, treeB, dataset, this.checkOptions(`${regionA}|${regionB}`));
      const { entities } = compared;
      // The trees were built once for all pairs; each pair's cost includes that shared step.
      const stats = { ...compared.stats, roundTrips: compared.stats.roundTrips + 1, bytes: compared.stats.bytes + treeA.bytes + treeB.bytes, durationMs: compared.stats.durationMs + treeA.buildMs };
      counter.checks++;
      if (entities.length > 0) counter.diverged++;
      this.results.set(key, { dataset: dataset.name, regionA, regionB, checkedAt: Date.now(), entities, stats, error: null });
    } catch (error) {
      // Keep the last good result and its time; the error says the latest attempt failed.
      const previous = this.results.get(key);
      this.results.set(key, { dataset: dataset.name, regionA, regionB, checkedAt: previous?.checkedAt ?? Date.now(), entities: previous?.entities ?? [], stats: previous?.stats ?? null, error: (error as Error).message });
    }
    this.counters.set(key, counter);
  }

  private checkOptions(pair: string) {
    const [regionA, regionB] = pair.split('|');
    return {
      fanout: this.options.config.fanout,
      leafSize: this.options.config.leaf_size,
      settleMs: () => Math.min(MAX_SETTLE_MS, Math.max(MIN_SETTLE_MS, this.options.settleMs(regionA, regionB))),
    };
  }
}
