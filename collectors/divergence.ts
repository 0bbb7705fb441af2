import type { CollectorsConfig, DatasetConfig } from '@/lib/config/schema';
import { systemClock, type Clock } from '@/lib/domain/clock';
import { notYetLanded, waitUntilLanded, type ReplicationFrontier } from '@/lib/domain/settlement';
import type { DivergenceSink } from '@/lib/signals/divergence';
import type { StoreAdapter } from './adapters';
import type { Collector, CycleContext } from './types';
import type { ChecksumSession } from './merkle/session';
import { buildTrees, compareBuilt, releaseTrees, type BuiltTree } from './merkle/check';

export interface DivergenceOptions {
  config: CollectorsConfig['divergence'];
  timeoutMs: number;
  /** Where each region stands in applying the others' writes (from the heartbeats). */
  frontier: ReplicationFrontier;
  sink: DivergenceSink;
  /** How often the frontier is looked at while candidates settle (the heartbeat interval). */
  pollMs: number;
  clock?: Clock;
}

/** Even the last pair of a slow cycle waits this long for its candidates to settle. */
const MIN_SETTLE_WAIT_MS = 2000;

/**
 * Periodically compares every configured dataset across every region pair. Each region
 * builds its bucket tree once per cycle (one scan, in its own worker); the pairs are then
 * compared from those trees, and their candidates settled against the replication frontier.
 */
export class DivergenceCollector implements Collector {
  readonly name = 'divergence';
  readonly intervalMs: number;
  readonly regions: string[];
  readonly cycleDeadlineMs: number;
  private readonly clients: ChecksumSession[];
  private readonly clock: Clock;

  constructor(
    stores: StoreAdapter[],
    private readonly options: DivergenceOptions,
  ) {
    this.intervalMs = options.config.interval;
    this.regions = stores.map((store) => store.region);
    this.clock = options.clock ?? systemClock;
    this.clients = stores.map((store) => store.openChecksum(options.timeoutMs));
    const pairs = (this.regions.length * (this.regions.length - 1)) / 2;
    this.cycleDeadlineMs = options.config.datasets.length * (options.timeoutMs + options.config.settle_timeout + pairs * MIN_SETTLE_WAIT_MS) + 60_000;
  }

  async runCycle(context: CycleContext): Promise<void> {
    for (const dataset of this.options.config.datasets) await this.checkDataset(dataset, context);
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.close()));
  }

  private async checkDataset(dataset: DatasetConfig, context: CycleContext): Promise<void> {
    const started = this.clock.now();
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
    let built: BuiltTree[] = [];
    try {
      built = await buildTrees(
        usable,
        dataset,
        this.checkOptions(() => 0),
      );
      // One settle budget for the whole cycle, so a partition does not multiply the wait by the pairs.
      const settleDeadline = this.clock.now() + this.options.config.settle_timeout;
      const remaining = () => Math.max(MIN_SETTLE_WAIT_MS, settleDeadline - this.clock.now());
      for (let i = 0; i < built.length; i++) {
        for (let j = i + 1; j < built.length; j++) await this.comparePair(dataset, built[i], built[j], remaining);
      }
      for (const tree of built) context.report(tree.client.region, true);
    } catch (error) {
      for (const client of usable) context.report(client.region, false, error);
    } finally {
      await releaseTrees(built);
      this.options.sink.recordDuration(dataset.name, this.clock.now() - started);
    }
  }

  private async comparePair(dataset: DatasetConfig, treeA: BuiltTree, treeB: BuiltTree, settleBudget: () => number): Promise<void> {
    const [regionA, regionB] = [treeA.client.region, treeB.client.region];
    try {
      const options = this.checkOptions(settleBudget, [regionA, regionB]);
      const compared = await compareBuilt(treeA, treeB, dataset, options);
      // The trees were built once for all pairs; each pair's cost includes that shared step.
      const stats = { ...compared.stats, roundTrips: compared.stats.roundTrips + 1, bytes: compared.stats.bytes + treeA.bytes + treeB.bytes, durationMs: compared.stats.durationMs + treeA.buildMs };
      this.options.sink.recordCheck({ dataset: dataset.name, regionA, regionB, checkedAt: this.clock.now(), entities: compared.entities, unsettled: compared.unsettled, stats });
    } catch (error) {
      this.options.sink.recordFailure(dataset.name, regionA, regionB, (error as Error).message, this.clock.now());
    }
  }

  private checkOptions(settleBudget: () => number, pair?: [string, string]) {
    const { frontier, pollMs } = this.options;
    return {
      fanout: this.options.config.fanout,
      leafSize: this.options.config.leaf_size,
      now: () => this.clock.now(),
      settle: pair ? (since: number) => waitUntilLanded({ frontier, clock: this.clock, pollMs, timeoutMs: settleBudget() }, pair, since) : undefined,
      inFlight: pair ? (since: number) => notYetLanded(frontier, pair, since) : undefined,
    };
  }
}
