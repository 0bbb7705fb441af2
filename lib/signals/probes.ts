import { failoverSeconds, type Failover, type ProbeResult } from '@/lib/domain/failover';

/** What the probe signal reads: the probe collector and the failover tracker. */
export interface ProbeReadings {
  latestProbes(): ProbeResult[];
  probesSince(region: string, since: number): ProbeResult[];
  currentRoutes(): Map<string, Set<string>>;
}

export interface FailoverReadings {
  list(): Failover[];
}

export interface ProbeObservers {
  observeProbe(result: ProbeResult): void;
  observeFailover(failover: Failover): void;
}

export interface RegionHealthSnapshot {
  region: string;
  /** The last probe's outcome; null when the region has not been probed (no health target). */
  up: boolean | null;
  probes: number;
  errorRate: number | null;
  latencySeconds: { p50: number; p95: number; p99: number } | null;
  lastError: string | null;
}

export interface ProbeSnapshot {
  at: number;
  windowMs: number;
  regions: RegionHealthSnapshot[];
  /** Every answer each geo got in the last probe cycle, sorted. */
  routes: { geo: string; regions: string[] }[];
  failovers: Failover[];
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** The owner of region health, GTM routes and failovers. */
export class ProbeSignal {
  constructor(
    private readonly probes: ProbeReadings,
    private readonly failovers: FailoverReadings,
    private readonly options: { regions: string[]; observers: ProbeObservers[] },
  ) {}

  /** Every configured region, in config order. */
  get regions(): readonly string[] {
    return this.options.regions;
  }

  /** One probe answered (or failed): counters, latency histogram and availability SLIs together. */
  observeProbe(result: ProbeResult): void {
    for (const observer of this.options.observers) observer.observeProbe(result);
  }

  /** A failover completed (traffic rerouted): its duration histogram and failover-time SLIs together. */
  observeFailover(failover: Failover): void {
    if (failoverSeconds(failover) === null) return;
    for (const observer of this.options.observers) observer.observeFailover(failover);
  }

  /** The last probe's outcome per region, the routes and the failovers: no windowed statistics (cheap, for every second). */
  current(): Pick<ProbeSnapshot, 'routes' | 'failovers'> & { up: Map<string, boolean> } {
    return {
      up: new Map(this.probes.latestProbes().map((probe) => [probe.region, probe.up])),
      routes: this.routes(),
      failovers: this.failovers.list(),
    };
  }

  /** Region health over the trailing window, the routes and the failovers. */
  snapshot(windowMs = 5 * 60_000, now = Date.now()): ProbeSnapshot {
    const { up, routes, failovers } = this.current();
    const regions = this.options.regions.map((region): RegionHealthSnapshot => {
      const probes = this.probes.probesSince(region, now - windowMs);
      const latencies = probes
        .filter((probe) => probe.up)
        .map((probe) => probe.seconds)
        .sort((a, b) => a - b);
      const failures = probes.filter((probe) => !probe.up);
      return {
        region,
        up: up.get(region) ?? null,
        probes: probes.length,
        errorRate: probes.length === 0 ? null : failures.length / probes.length,
        latencySeconds: latencies.length === 0 ? null : { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), p99: quantile(latencies, 0.99) },
        lastError: failures.at(-1)?.error ?? null,
      };
    });
    return { at: now, windowMs, regions, routes, failovers };
  }

  private routes(): ProbeSnapshot['routes'] {
    return [...this.probes.currentRoutes()].map(([geo, answers]) => ({ geo, regions: [...answers].sort() }));
  }
}
