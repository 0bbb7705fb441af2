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
  return [...isolation(world), ...backlog(world), ...splitBrain(world), ...staleReads(world)];
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

/** Healthy to probes, but replication into or out of the region has stalled. */
function isolation(world: WorldState): Condition[] {
  const stalledPairs = world.pairs.filter((pair) => pair.lagSeconds > world.lagThresholdSeconds && stalled(world, pair) && isUp(world, pair.source) && isUp(world, pair.target));
  const regions = [...new Set(stalledPairs.flatMap((pair) => [pair.source, pair.target]))].sort();
  return regions.map((region) => {
    const pairs = stalledPairs.filter((pair) => pair.source === region || pair.target === region);
    return {
      kind: 'isolation',
      key: `isolation:${region}`,
      regions: [region],
      title: `${region} is up but replication ${describePairs(region, pairs)} has stalled`,
      details: { stalled_pairs: pairs.map((pair) => ({ source: pair.source, target: pair.target, lag_seconds: round(pair.lagSeconds) })) },
    };
  });
}

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

/** Lag into a region is over the threshold while clients are sent there to read. */
function staleReads(world: WorldState): Condition[] {
  const serving = new Set([...world.routes.values()].flatMap((regions) => [...regions]));
  // Lag from a region that is down is its outage's story (a failover), not one incident per reader.
  const behind = world.pairs.filter((pair) => pair.lagSeconds > world.lagThresholdSeconds && serving.has(pair.target) && isUp(world, pair.target) && isUp(world, pair.source));
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
        geos: [...world.routes].filter(([, regions]) => regions.has(region)).map(([geo]) => geo),
      },
    };
  });
}

function describePairs(region: string, pairs: PairState[]): string {
  const into = pairs.filter((pair) => pair.target === region).map((pair) => pair.source);
  const out = pairs.filter((pair) => pair.source === region).map((pair) => pair.target);
  return [into.length > 0 ? `from ${into.join(', ')}` : '', out.length > 0 ? `to ${out.join(', ')}` : ''].filter(Boolean).join(' and ');
}

const round = (value: number) => Math.round(value * 100) / 100;
