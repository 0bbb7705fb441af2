import type { Failover } from '@/lib/domain/failover';

export { type Failover, failoverSeconds } from '@/lib/domain/failover';

export interface Observation {
  /** When the routes were read: the end of the probe cycle. */
  at: number;
  /** Probe outcome per region (regions without a health target are absent). */
  up: Map<string, boolean>;
  /**
   * When each region's probe in `up` answered (or timed out). Detection and recovery date from
   * that moment, not from the cycle that read the answer, which can come a cycle later; nor
   * from the probe's send, which can precede the change it found. A region absent here dates from `at`.
   */
  answeredAt?: Map<string, number>;
  /** Every answer each geo got this cycle (several when resolvers disagree). */
  routes: Map<string, Set<string>>;
}

/**
 * Turns probe and GTM observations into failover events. A failover starts when a
 * region's probe fails (detected), completes when every geo it served resolves only to
 * other regions that answer their probes (rerouted), and ends with recovery and failback.
 */
export class FailoverTracker {
  private readonly failovers: Failover[] = [];
  private lastRoutes = new Map<string, Set<string>>();
  private nextId = 1;

  constructor(
    private readonly configuredGeos: (region: string) => string[],
    private readonly onRerouted?: (failover: Failover) => void,
    private readonly onChange?: (failover: Failover) => void,
  ) {}

  /** Failovers restored from storage, so ids continue and open ones are still tracked. */
  restore(failovers: Failover[]): void {
    this.failovers.push(...failovers);
    this.nextId = Math.max(this.nextId, ...failovers.map((failover) => failover.id + 1));
  }

  observe({ at, up, answeredAt, routes }: Observation): void {
    for (const [region, isUp] of up) {
      const open = this.open(region);
      const probedAt = Math.min(answeredAt?.get(region) ?? at, at);
      if (!isUp && !open) this.start(region, probedAt);
      if (isUp && open && open.recoveredAt === null) this.update(open, { recoveredAt: Math.max(probedAt, open.detectedAt) });
    }
    for (const failover of this.failovers) {
      if (failover.reroutedAt === null && failover.recoveredAt === null) this.checkRerouted(failover, at, up, routes);
      if (failover.recoveredAt !== null && failover.failbackAt === null && this.servesAgain(failover, routes)) this.update(failover, { failbackAt: at });
    }
    this.lastRoutes = routes;
  }

  list(): Failover[] {
    return this.failovers.map((failover) => ({ ...failover }));
  }

  private start(region: string, at: number): void {
    const routed = [...this.lastRoutes].filter(([, regions]) => regions.has(region)).map(([geo]) => geo);
    const geos = [...new Set([...this.configuredGeos(region), ...routed])].sort();
    const failover: Failover = { id: this.nextId++, region, geos, detectedAt: at, reroutedAt: null, toRegions: [], recoveredAt: null, failbackAt: null };
    this.failovers.push(failover);
    this.onChange?.(failover);
    // A region that served no geo needs no rerouting.
    if (geos.length === 0) this.update(failover, { reroutedAt: at });
  }

  private checkRerouted(failover: Failover, at: number, up: Map<string, boolean>, routes: Map<string, Set<string>>): void {
    const targets = new Set<string>();
    for (const geo of failover.geos) {
      const answers = routes.get(geo);
      if (!answers || answers.size === 0 || answers.has(failover.region)) return;
      for (const region of answers) {
        if (up.get(region) === false) return;
        targets.add(region);
      }
    }
    this.update(failover, { reroutedAt: at, toRegions: [...targets].sort() });
    this.onRerouted?.(this.failovers.find((candidate) => candidate.id === failover.id)!);
  }

  private servesAgain(failover: Failover, routes: Map<string, Set<string>>): boolean {
    return failover.geos.length > 0 && failover.geos.every((geo) => routes.get(geo)?.has(failover.region));
  }

  private open(region: string): Failover | undefined {
    return this.failovers.findLast((failover) => failover.region === region && failover.recoveredAt === null);
  }

  private update(failover: Failover, changes: Partial<Failover>): void {
    Object.assign(failover, changes);
    this.onChange?.(failover);
  }
}
