import { RegionHealthServer } from './health';
import { Gtm } from './gtm';
import type { SimTruth } from './truth';

/** The client geo each demo region serves first: a continent for the built-in names, else the region's own name. */
const BUILTIN_GEOS: Record<string, string> = { 'us-east': 'na-east', 'us-west': 'na-west', 'eu-west': 'europe', 'ap-south': 'asia' };
export const demoGeo = (region: string) => BUILTIN_GEOS[region] ?? `${region}-clients`;

export interface TrafficOptions {
  regions: string[];
  delayMs: (source: string, target: string) => number;
  checkIntervalMs: number;
  ttlMs: number;
  truth: SimTruth;
}

/**
 * How clients reach the demo's regions: a health endpoint per region, a GTM routing each
 * geo to its nearest healthy region, and region outages. Records GTM changes and failovers
 * (started, rerouted = no client can be sent there any more, recovered) in the truth.
 */
export class Traffic {
  private readonly down = new Set<string>();
  private readonly health: RegionHealthServer[];
  private gtm: Gtm | null = null;
  resolvers: string[] = [];

  constructor(private readonly options: TrafficOptions) {
    this.health = options.regions.map((region) => new RegionHealthServer(region, () => !this.down.has(region)));
  }

  async start(): Promise<void> {
    await Promise.all(this.health.map((server) => server.start()));
    const { regions, delayMs } = this.options;
    // Nearest first: the home region, then the others by replication delay from it.
    const preferences = new Map(regions.map((home) => [demoGeo(home), [home, ...regions.filter((other) => other !== home).sort((a, b) => delayMs(home, a) - delayMs(home, b))]]));
    this.gtm = new Gtm({
      preferences,
      healthUrls: new Map(this.health.map((server) => [server.region, server.url])),
      checkIntervalMs: this.options.checkIntervalMs,
      ttlMs: this.options.ttlMs,
      onRouteChange: (geo, region, at) => this.onRouteChange(geo, region, at),
    });
    const { httpUrl, dnsUrl } = await this.gtm.start();
    this.resolvers = [httpUrl, dnsUrl];
  }

  async stop(): Promise<void> {
    await Promise.all([...this.health.map((server) => server.stop()), this.gtm?.stop()]);
  }

  healthUrl(region: string): string {
    return this.health.find((server) => server.region === region)!.url;
  }

  isDown(region: string): boolean {
    return this.down.has(region);
  }

  /** Starts or ends a region outage: health fails, the region takes no writes and does not replicate. */
  setDown(region: string, down: boolean): void {
    const now = Date.now();
    const { failovers } = this.options.truth;
    if (down) {
      this.down.add(region);
      const served = this.gtm?.routedTo(region) ?? [];
      failovers.push({ region, started_at: now, rerouted_at: served.length === 0 ? now : null, recovered_at: null });
    } else {
      this.down.delete(region);
      const open = failovers.findLast((failover) => failover.region === region && failover.recovered_at === null);
      if (open) open.recovered_at = now;
    }
  }

  private onRouteChange(geo: string, region: string, at: number): void {
    this.options.truth.gtm_changes.push({ at, geo, region });
    for (const failover of this.options.truth.failovers) {
      if (failover.rerouted_at !== null || failover.recovered_at !== null) continue;
      if (this.gtm!.routedTo(failover.region).length === 0) failover.rerouted_at = this.gtm!.lastCachedAnswerFor(failover.region, at);
    }
  }
}
