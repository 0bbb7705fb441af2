import type { Health, LagMatrix, LagSeries, Topology } from '@/lib/api/types';
import { quote, stepFor, type PromClient } from '@/lib/promql/client';
import { LAG_METRIC } from '@/lib/metrics/names';
import { lttb, type Point } from '@/lib/series/lttb';
import { lagSeriesName } from '@/lib/store/history';
import { orderedPairs } from '@/lib/domain/region';
import type { Runtime } from './runtime';

/** One cell per ordered pair, in region order, from the lag signal; pairs without an estimate are `unknown`. */
export function lagMatrix(runtime: Runtime, now = Date.now()): LagMatrix {
  runtime.remote?.assertAnswering();
  const snapshot = runtime.signals.lag.snapshot(now);
  const cells = snapshot.pairs.map((pair) => ({
    source_region: pair.source,
    target_region: pair.target,
    lag_seconds: pair.lagSeconds,
    error_bound_seconds: pair.errorBoundSeconds,
    status: pair.status,
    backlog: pair.backlog,
  }));
  return { at: snapshot.at, threshold_seconds: snapshot.thresholdSeconds, regions: snapshot.regions, cells };
}

export interface SeriesQuery {
  source: string;
  target: string;
  from: number;
  to: number;
  points: number;
}

/**
 * A pair's lag over [from, to] in at most `points` points: from the PromQL backend when
 * `prometheus` is configured (the step derived from the points), else the embedded history.
 */
export async function lagSeries(runtime: Runtime, query: SeriesQuery): Promise<LagSeries> {
  const raw = runtime.prom ? await promLagPoints(runtime.prom, query) : runtime.history.query(lagSeriesName(query.source, query.target), query.from, query.to);
  return { source: query.source, target: query.target, from: query.from, to: query.to, points: lttb(raw, query.points) };
}

/** Several agents or replicas may export the same pair: the worst estimate is the pair's lag. */
async function promLagPoints(prom: PromClient, query: SeriesQuery): Promise<Point[]> {
  const expr = `max(${LAG_METRIC}{source_region=${quote(query.source)},target_region=${quote(query.target)}})`;
  const series = await prom.queryRange(expr, query.from, query.to, stepFor(query.from, query.to, query.points));
  return series[0]?.points ?? [];
}

export function health(runtime: Runtime): Health {
  const collectors = runtime.signals.collectors.statuses().map((status) => ({
    name: status.name,
    region: status.region,
    up: status.up,
    last_run: status.lastRun,
    error: status.error,
  }));
  const events = runtime.eventStore?.();
  const eventStore = events && { connected: events.connected, error: events.lastError, pending: events.pending, cursors: events.owned };
  const up = collectors.every((collector) => collector.up) && (events?.connected ?? true);
  const status = !runtime.signals.collectors.ready() ? 'starting' : up ? 'ok' : 'degraded';
  return eventStore ? { status, collectors, event_store: eventStore } : { status, collectors };
}

export function topology(runtime: Runtime): Topology {
  const clocks = new Map(runtime.signals.lag.snapshot().clocks.map((clock) => [clock.region, clock]));
  const up = new Map<string, boolean>();
  for (const status of runtime.signals.collectors.statuses()) up.set(status.region, (up.get(status.region) ?? true) && status.up);
  const regions = runtime.config.regions.map((region) => {
    const clock = clocks.get(region.name);
    return {
      name: region.name,
      geos: region.geos,
      heartbeat_write_success: clock?.heartbeatWriteSuccess ?? null,
      clock_offset_seconds: clock?.clockOffsetSeconds ?? null,
      clock_offset_error_seconds: clock?.clockOffsetErrorSeconds ?? null,
      up: up.get(region.name) ?? false,
    };
  });
  const names = regions.map((region) => region.name);
  return {
    regions,
    geos: [...new Set(runtime.config.regions.flatMap((region) => region.geos))],
    domains: runtime.config.domains.map(({ name, mode, home }) => ({ name, mode, home })),
    pairs: orderedPairs(names).map(([source, target]) => ({ source_region: source, target_region: target })),
    demo: runtime.simTruth !== undefined,
  };
}
