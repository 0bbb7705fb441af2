import type { Health, LagMatrix, LagSeries, LagStatus, Topology } from '@/lib/api/types';
import { lttb } from '@/lib/series/lttb';
import { lagSeriesName } from '@/lib/store/history';
import type { Runtime } from './runtime';

/** Lag at or above this share of the threshold is a warning. */
const WARNING_SHARE = 0.5;

export function lagStatus(lagSeconds: number | null, thresholdSeconds: number): LagStatus {
  if (lagSeconds === null) return 'unknown';
  if (lagSeconds >= thresholdSeconds) return 'breach';
  return lagSeconds >= thresholdSeconds * WARNING_SHARE ? 'warning' : 'ok';
}

/** One cell per ordered pair, in region order; pairs without an estimate are `unknown`. */
export function lagMatrix(runtime: Runtime, now = Date.now()): LagMatrix {
  const regions = runtime.config.regions.map((region) => region.name);
  const lags = new Map(runtime.heartbeat.pairLags(now).map((lag) => [`${lag.source}->${lag.target}`, lag]));
  const offsetError = new Map(runtime.heartbeat.regionClocks().map((clock) => [clock.region, clock.offsetErrorMs ?? 0]));
  const cells = regions.flatMap((source) =>
    regions
      .filter((target) => target !== source)
      .map((target) => {
        const lag = lags.get(`${source}->${target}`);
        const lagSeconds = lag ? lag.lagMs / 1000 : null;
        return {
          source_region: source,
          target_region: target,
          lag_seconds: lagSeconds,
          error_bound_seconds: lag ? (lag.errorBoundMs + (offsetError.get(source) ?? 0)) / 1000 : null,
          status: lagStatus(lagSeconds, runtime.lagThresholdSeconds),
          backlog: lag?.backlog ?? null,
        };
      }),
  );
  return { at: now, threshold_seconds: runtime.lagThresholdSeconds, regions, cells };
}

export interface SeriesQuery {
  source: string;
  target: string;
  from: number;
  to: number;
  points: number;
}

export function lagSeries(runtime: Runtime, query: SeriesQuery): LagSeries {
  const raw = runtime.history.query(lagSeriesName(query.source, query.target), query.from, query.to);
  return { source: query.source, target: query.target, from: query.from, to: query.to, points: lttb(raw, query.points) };
}

export function health(runtime: Runtime): Health {
  const collectors = runtime.runner.statuses().map((status) => ({
    name: status.name,
    region: status.region,
    up: status.up,
    last_run: status.lastRun,
    error: status.error,
  }));
  const status = !runtime.runner.ready() ? 'starting' : collectors.every((collector) => collector.up) ? 'ok' : 'degraded';
  return { status, collectors };
}

export function topology(runtime: Runtime): Topology {
  const clocks = new Map(runtime.heartbeat.regionClocks().map((clock) => [clock.region, clock]));
  const up = new Map<string, boolean>();
  for (const status of runtime.runner.statuses()) up.set(status.region, (up.get(status.region) ?? true) && status.up);
  const regions = runtime.config.regions.map((region) => {
    const clock = clocks.get(region.name);
    return {
      name: region.name,
      geos: region.geos,
      heartbeat_write_success: clock?.writeSuccess ?? null,
      clock_offset_seconds: clock?.offsetMs == null ? null : clock.offsetMs / 1000,
      clock_offset_error_seconds: clock?.offsetErrorMs == null ? null : clock.offsetErrorMs / 1000,
      up: up.get(region.name) ?? false,
    };
  });
  const names = regions.map((region) => region.name);
  return {
    regions,
    geos: [...new Set(runtime.config.regions.flatMap((region) => region.geos))],
    domains: runtime.config.domains.map(({ name, mode, home }) => ({ name, mode, home })),
    pairs: names.flatMap((source) => names.filter((target) => target !== source).map((target) => ({ source_region: source, target_region: target }))),
    demo: runtime.simTruth !== undefined,
  };
}
