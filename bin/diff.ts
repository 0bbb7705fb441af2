import { SingleBar, Presets } from 'cli-progress';
import type { Config } from '@/lib/config/schema';
import { openStore, type StoreAdapter } from '@/collectors/adapters';
import { checkPair } from '@/collectors/merkle/check';
import { divergenceEntities } from '@/lib/server/divergence';
import type { DivergenceEntities } from '@/lib/api/types';

const TIMEOUT_MS = 10 * 60_000;
const DEFAULT_SETTLE_MS = 1000;

export interface DiffOptions {
  config: Config;
  dataset: string;
  regions?: string;
  json: boolean;
}

/**
 * `regionwatch diff`: one divergence check now. Exit 0 identical, 1 divergent, 2 error.
 * Progress (rows scanned, buckets compared) goes to stderr when it is a terminal.
 */
export async function runDiff(options: DiffOptions): Promise<number> {
  const dataset = options.config.collectors.divergence.datasets.find((candidate) => candidate.name === options.dataset);
  if (!dataset) throw new Error(`--dataset: unknown dataset "${options.dataset}" (configured: ${options.config.collectors.divergence.datasets.map((d) => d.name).join(', ') || 'none'})`);
  const names = options.regions ? options.regions.split(',').map((name) => name.trim()) : options.config.regions.map((region) => region.name);
  const regions = names.map((name) => {
    const region = options.config.regions.find((candidate) => candidate.name === name);
    if (!region) throw new Error(`--regions: unknown region "${name}"`);
    return region;
  });
  if (regions.length < 2) throw new Error('--regions: name at least two regions');
  const { heartbeat, conflicts } = options.config.collectors;
  const stores = regions.map((region) => openStore(region.store, { region: region.name, timeoutMs: heartbeat.timeout, heartbeatTable: heartbeat.table, conflicts: { table: conflicts.table } }));
  const clients = stores.map((store) => store.openChecksum(TIMEOUT_MS));
  try {
    const problems = (await Promise.all(clients.map(async (client) => (await client.validate(dataset)).map((problem) => `${client.region}: ${problem}`)))).flat();
    if (problems.length > 0) throw new Error(`dataset ${dataset.name}: ${problems.join('; ')}`);
    const settle = await settleFromHeartbeats(stores, heartbeat.interval);
    const results: DivergenceEntities[] = [];
    for (let i = 0; i < clients.length; i++) {
      for (let j = i + 1; j < clients.length; j++) {
        const [a, b] = [clients[i], clients[j]].sort((x, y) => x.region.localeCompare(y.region));
        const bar = progressBar(`${a.region} ↔ ${b.region}`);
        const { entities } = await checkPair(a, b, dataset, {
          fanout: options.config.collectors.divergence.fanout,
          leafSize: options.config.collectors.divergence.leaf_size,
          settleMs: () => settle,
          onProgress: ({ rows, buckets }) => bar?.update(rows, { buckets }),
        }).finally(() => bar?.stop());
        results.push(divergenceEntities(dataset.name, a.region, b.region, { checkedAt: Date.now(), entities }));
      }
    }
    print(results, options.json);
    return results.some((result) => result.entities.length > 0) ? 1 : 0;
  } finally {
    await Promise.all([...clients.map((client) => client.close()), ...stores.map((store) => store.close())]);
  }
}

function print(results: DivergenceEntities[], json: boolean): void {
  if (json) {
    console.log(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
    return;
  }
  for (const result of results) {
    console.log(`${result.dataset}: ${result.region_a} ↔ ${result.region_b}: ${result.entities.length === 0 ? 'identical' : `${result.entities.length} divergent`}`);
    for (const entity of result.entities) {
      console.log(`  ${entity.key.padEnd(12)} ${entity.kind.padEnd(13)} ${result.region_a}: ${JSON.stringify(entity.a?.row ?? null)}  ${result.region_b}: ${JSON.stringify(entity.b?.row ?? null)}`);
    }
  }
}

function progressBar(label: string): SingleBar | null {
  if (!process.stderr.isTTY) return null;
  const bar = new SingleBar({ format: `${label} | {value} rows scanned | {buckets} buckets compared`, stream: process.stderr, noTTYOutput: false }, Presets.shades_classic);
  bar.start(0, 0, { buckets: 0 });
  return bar;
}

/**
 * How long writes may still be in flight between the regions, read from the heartbeat
 * tables without writing anything: the age of each region's newest heartbeat as the other
 * regions see it, in the collector's clock (clock offsets estimated from these reads).
 */
async function settleFromHeartbeats(stores: StoreAdapter[], intervalMs: number): Promise<number> {
  try {
    const views = await Promise.all(
      stores.map(async (store) => {
        await store.ensureHeartbeatTable();
        const sentAt = Date.now();
        const view = await store.readHeartbeats();
        const offset = view.storeNowMs - (sentAt + Date.now()) / 2;
        return { region: store.region, offset, rows: view.rows, now: view.storeNowMs - offset };
      }),
    );
    const offsets = new Map(views.map((view) => [view.region, view.offset]));
    let oldest = 0;
    for (const view of views) {
      for (const row of view.rows) {
        const sourceOffset = offsets.get(row.origin);
        if (row.origin === view.region || sourceOffset === undefined) continue;
        oldest = Math.max(oldest, view.now - (row.tsMs - sourceOffset));
      }
    }
    return oldest > 0 && oldest < 60_000 ? oldest + intervalMs : DEFAULT_SETTLE_MS;
  } catch {
    return DEFAULT_SETTLE_MS;
  }
}
