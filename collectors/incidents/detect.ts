/**
 * The failure scenarios of active-active that operators must plan for, as conditions over
 * what the collectors see. Pure: the detector calls `findConditions` once per cycle and
 * opens, updates and closes incidents from the result.
 */

export type { IncidentKind } from '@/lib/domain/incident';
import { CAUGHT_UP_BACKLOG, STALLED_LAG_GROWTH, type IncidentKind } from '@/lib/domain/incident';

export interface Condition {
  kind: IncidentKind;
  /** Identifies the incident across cycles (one open incident per key). */
  key: string;
  regions: string[];
  title: string;
  details: Record<string, unknown>;
}

export interface PairState {
  source: string;
  target: string;
  lagSeconds: number;
  backlog: number;
}

export interface WorldState {
  at: number;
  lagThresholdSeconds: number;
  pairs: PairState[];
  /** Latest probe outcome per region (absent: not probed, assumed up). */
  up: Map<string, boolean>;
  /** Regions each geo was answered with in the last probe cycle. */
  routes: Map<string, Set<string>>;
  /** Regions that recovered from an outage recently (backlog after an outage). */
  recentlyRecovered: string[];
  /** Per domain, the regions that wrote it outside its home within the recent window. */
  domainWriters: Map<string, { home: string; regions: string[] }>;
  /** Each pair `source->target` at the previous cycle, for drain rates and whether lag is still rising. */
  previousBacklog: Map<string, { at: number; backlog: number; lagSeconds: number }>;
}

export function findConditions(world: WorldState): Condition[] {
  // Isolation reports the stalls; stale reads leave out the lag they explain. Both read one grouping.
  const stalls = stalledGroups(world);
  return [...isolation(world, stalls), ...backlog(world), ...splitBrain(world), ...staleReads(world, stalls)];
}

const isUp = (world: WorldState, region: string) => world.up.get(region) !== false;

/**
 * Replication of a pair has stopped: its lag rises with wall time. A pair catching up (lag
 * falling) or merely slow (lag steady above the threshold) is not stalled.
 */
function stalled(world: WorldState, pair: PairState): boolean {
  const previous = world.previousBacklog.get(`${pair.source}->${pair.target}`);
  if (!previous || world.at <= previous.at) return false;
  return pair.lagSeconds - previous.lagSeconds >= STALLED_LAG_GROWTH * ((world.at - previous.at) / 1000);
}

/**
 * Healthy to probes, but replication between regions has stalled: one incident per cause.
 * Pairs that stalled together and share regions (a partition stalls both directions, a
 * broken link one) are one incident naming every pair and region; the stale reads they cause
 * where clients read are listed in it, not opened as incidents of their own.
 */
function isolation(world: WorldState, stalls: PairState[][]): Condition[] {
  return stalls.map((pairs) => {
    const regions = [...new Set(pairs.flatMap((pair) => [pair.source, pair.target]))].sort();
    const staleReads = staleReaders(world, pairs).map(({ region, pairs: lagging }) => ({
      region,
      lag_seconds: round(Math.max(...lagging.map((pair) => pair.lagSeconds))),
      geos: geosOf(world, region),
    }));
    return {
      kind: 'isolation' as const,
      key: `isolation:${regions.join('+')}`,
      regions,
      title: `Replication has stalled: ${pairs.map((pair) => `${pair.source} → ${pair.target}`).join(', ')} (every region up)`,
      details: {
        stalled_pairs: pairs.map((pair) => ({ source: pair.source, target: pair.target, lag_seconds: round(pair.lagSeconds) })),
        stale_reads: staleReads,
      },
    };
  });
}

/** Stalled pairs between healthy regions, grouped by the regions they share (connected components). */
function stalledGroups(world: WorldState): PairState[][] {
  const stalledPairs = world.pairs.filter((pair) => pair.lagSeconds > world.lagThresholdSeconds && stalled(world, pair) && isUp(world, pair.source) && isUp(world, pair.target));
  const groups: PairState[][] = [];
  for (const pair of stalledPairs) {
    const touching = groups.filter((group) => group.some((other) => [other.source, other.target].some((region) => region === pair.source || region === pair.target)));
    const merged = [pair, ...touching.flat()];
    for (const group of touching) groups.splice(groups.indexOf(group), 1);
    groups.push(merged);
  }
  const order = (a: PairState, b: PairState) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target);
  return groups.map((group) => group.sort(order)).sort((a, b) => order(a[0], b[0]));
}

/** Regions clients read from whose lag over the threshold comes from `pairs`. */
function staleReaders(world: WorldState, pairs: PairState[]): { region: string; pairs: PairState[] }[] {
  const serving = servingRegions(world);
  const targets = [...new Set(pairs.map((pair) => pair.target))].filter((region) => serving.has(region)).sort();
  return targets.map((region) => ({ region, pairs: pairs.filter((pair) => pair.target === region) }));
}

const servingRegions = (world: WorldState) => new Set([...world.routes.values()].flatMap((regions) => [...regions]));
const geosOf = (world: WorldState, region: string) => [...world.routes].filter(([, regions]) => regions.has(region)).map(([geo]) => geo);

/** After an outage: the backlog into and out of the recovered region, its drain rate and ETA. */
function backlog(world: WorldState): Condition[] {
  return world.recentlyRecovered.flatMap((region) => {
    const pairs = world.pairs.filter((pair) => (pair.source === region || pair.target === region) && pair.backlog > CAUGHT_UP_BACKLOG && isUp(world, pair.source) && isUp(world, pair.target));
    if (pairs.length === 0) return [];
    const total = pairs.reduce((sum, pair) => sum + pair.backlog, 0);
    const drained = pairs.reduce((sum, pair) => {
      const previous = world.previousBacklog.get(`${pair.source}->${pair.target}`);
      return previous && world.at > previous.at ? sum + (previous.backlog - pair.backlog) / ((world.at - previous.at) / 1000) : sum;
    }, 0);
    const drainPerSecond = Math.max(0, drained);
    return [
      {
        kind: 'backlog' as const,
        key: `backlog:${region}`,
        regions: [region],
        title: `Replication backlog after the outage of ${region}: ${total} heartbeats behind`,
        details: {
          backlog: total,
          drain_per_second: round(drainPerSecond),
          eta_seconds: drainPerSecond > 0 ? round(total / drainPerSecond) : null,
          pairs: pairs.map(({ source, target, backlog: count }) => ({ source, target, backlog: count })),
        },
      },
    ];
  });
}

/** One geo answered by two regions at once (DNS convergence), or one domain written in two regions. */
function splitBrain(world: WorldState): Condition[] {
  const routing = [...world.routes]
    .filter(([, regions]) => regions.size > 1)
    .map(([geo, regions]) => ({
      kind: 'split_brain' as const,
      key: `split_brain:geo:${geo}`,
      regions: [...regions].sort(),
      title: `Geo ${geo} is being sent to ${[...regions].sort().join(' and ')} at the same time`,
      details: { geo, regions: [...regions].sort() },
    }));
  const writes = [...world.domainWriters]
    .filter(([, writers]) => writers.regions.length > 0)
    .map(([domain, writers]) => ({
      kind: 'split_brain' as const,
      key: `split_brain:domain:${domain}`,
      regions: [writers.home, ...writers.regions].sort(),
      title: `Domain ${domain} is being written in ${[writers.home, ...writers.regions].join(' and ')} (home ${writers.home})`,
      details: { domain, home_region: writers.home, write_regions: writers.regions },
    }));
  return [...routing, ...writes];
}

/**
 * Lag into a region is over the threshold while clients are sent there to read, and no
 * stalled replication explains it (a slow link, a catch-up): stale reads are then the cause.
 */
function staleReads(world: WorldState, stalls: PairState[][]): Condition[] {
  const serving = servingRegions(world);
  const explained = new Set(stalls.flatMap((pairs) => pairs.map((pair) => `${pair.source}->${pair.target}`)));
  // Lag from a region that is down is its outage's story (a failover), not one incident per reader.
  const behind = world.pairs.filter(
    (pair) => pair.lagSeconds > world.lagThresholdSeconds && serving.has(pair.target) && isUp(world, pair.target) && isUp(world, pair.source) && !explained.has(`${pair.source}->${pair.target}`),
  );
  return [...new Set(behind.map((pair) => pair.target))].sort().map((region) => {
    const pairs = behind.filter((pair) => pair.target === region);
    const worst = Math.max(...pairs.map((pair) => pair.lagSeconds));
    return {
      kind: 'stale_reads' as const,
      key: `stale_reads:${region}`,
      regions: [region],
      title: `Clients reading in ${region} see data up to ${round(worst)} s old`,
      details: {
        lagging_sources: pairs.map((pair) => ({ source: pair.source, lag_seconds: round(pair.lagSeconds) })),
        geos: geosOf(world, region),
      },
    };
  });
}

const round = (value: number) => Math.round(value * 100) / 100;
