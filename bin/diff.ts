import { SingleBar, Presets } from 'cli-progress';
import type { Config } from '@/lib/config/schema';
import { openStore } from '@/collectors/adapters';
import { checkPair } from '@/collectors/merkle/check';
import { divergenceEntities } from '@/lib/server/divergence';
import { systemClock } from '@/lib/domain/clock';
import { notYetLanded, waitUntilLanded } from '@/lib/domain/settlement';
import { HeartbeatTableFrontier } from './diff-settle';
import type { DivergenceEntities } from '@/lib/api/types';

const TIMEOUT_MS = 10 * 60_000;

export interface DiffOptions {
  config: Config;
  dataset: string;
  regions?: string;
  json: boolean;
}

/**
 * `regionwatch diff`: one divergence check now. Exit 0 identical, 1 divergent, 2 error (or
 * candidates whose in-flight writes never landed within `settle_timeout`).
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
  // Every region's heartbeat table is read while candidates settle: writes reach the pair from all of them.
  const stores = options.config.regions.map((region) =>
    openStore(region.store, { region: region.name, timeoutMs: heartbeat.timeout, heartbeatTable: heartbeat.table, conflicts: { table: conflicts.table } }),
  );
  // In the order named: `--regions b,a` reports b as region_a, so missing_in_a means missing in b.
  const clients = regions.map((region) => stores.find((store) => store.region === region.name)!.openChecksum(TIMEOUT_MS));
  const frontier = new HeartbeatTableFrontier(stores);
  const { settle_timeout: settleTimeoutMs } = options.config.collectors.divergence;
  try {
    const problems = (await Promise.all(clients.map(async (client) => (await client.validate(dataset)).map((problem) => `${client.region}: ${problem}`)))).flat();
    if (problems.length > 0) throw new Error(`dataset ${dataset.name}: ${problems.join('; ')}`);
    await Promise.allSettled(stores.map((store) => store.ensureHeartbeatTable()));
    const results: DivergenceEntities[] = [];
    for (let i = 0; i < clients.length; i++) {
      for (let j = i + 1; j < clients.length; j++) {
        const [first, second] = [clients[i], clients[j]];
        const [a, b] = [first, second].sort((x, y) => x.region.localeCompare(y.region));
        const bar = progressBar(`${a.region} ↔ ${b.region}`);
        const { entities, unsettled } = await checkPair(a, b, dataset, {
          fanout: options.config.collectors.divergence.fanout,
          leafSize: options.config.collectors.divergence.leaf_size,
          settle: (since) => waitUntilLanded({ frontier, clock: systemClock, pollMs: heartbeat.interval, timeoutMs: settleTimeoutMs, refresh: () => frontier.refresh() }, [a.region, b.region], since),
          inFlight: (since) => notYetLanded(frontier, [a.region, b.region], since),
          onProgress: ({ rows, buckets }) => bar?.update(rows, { buckets }),
        }).finally(() => bar?.stop());
        const result = divergenceEntities(dataset.name, a.region, b.region, { checkedAt: Date.now(), entities, unsettled });
        results.push(a === first ? result : swapped(result));
      }
    }
    print(results, options.json);
    if (results.some((result) => result.entities.length > 0)) return 1;
    // Candidates that never settled are not "identical": the check could not decide.
    return results.some((result) => result.unsettled.length > 0) ? 2 : 0;
  } finally {
    await Promise.all([...clients.map((client) => client.close()), ...stores.map((store) => store.close())]);
  }
}

const SWAPPED_KIND = { missing_in_a: 'missing_in_b', missing_in_b: 'missing_in_a', differs: 'differs' } as const;

/** The same result with region_b named first: sides, rows and missing_in_* exchanged. */
function swapped(result: DivergenceEntities): DivergenceEntities {
  const swap = <T extends DivergenceEntities['entities'][number]>(entity: T): T => ({
    ...entity,
    region_a: entity.region_b,
    region_b: entity.region_a,
    kind: SWAPPED_KIND[entity.kind],
    a: entity.b,
    b: entity.a,
  });
  return { ...result, region_a: result.region_b, region_b: result.region_a, entities: result.entities.map(swap), unsettled: result.unsettled.map(swap) };
}

function print(results: DivergenceEntities[], json: boolean): void {
  if (json) {
    console.log(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
    return;
  }
  for (const result of results) {
    const inFlight =
      result.unsettled.length > 0 ? `, ${result.unsettled.length} still in flight (not settled: ${[...new Set(result.unsettled.flatMap((entity) => entity.waiting_on))].join(', ')})` : '';
    const verdict = result.entities.length > 0 ? `${result.entities.length} divergent` : result.unsettled.length > 0 ? 'no settled divergence' : 'identical';
    console.log(`${result.dataset}: ${result.region_a} ↔ ${result.region_b}: ${verdict}${inFlight}`);
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
