import { Resolver } from 'node:dns/promises';
import { z } from 'zod';
import type { Config } from '@/lib/config/schema';
import type { Collector, CycleContext } from './types';
import type { FailoverTracker } from './failover/tracker';
import { redactSecrets } from './adapters/redact';

export interface ProbeResult {
  region: string;
  up: boolean;
  /** Seconds until the answer (or the failure). */
  seconds: number;
  sentAt: number;
  error: string | null;
}

export interface ProbeOptions {
  intervalMs: number;
  timeoutMs: number;
  onProbe?: (result: ProbeResult) => void;
}

/** Probe outcomes kept per region for error rates and latency percentiles. */
const HISTORY_MS = 15 * 60_000;

const GtmAnswer = z.object({ region: z.string().regex(/^[a-z0-9-]+$/) });

/**
 * Probes every region's health endpoint and resolves every geo through each configured
 * GTM resolver (HTTP or DNS) once per interval, all in parallel and each with a timeout,
 * then feeds the failover tracker.
 */
export class ProbeCollector implements Collector {
  readonly name = 'probes';
  readonly intervalMs: number;
  readonly regions: string[];
  private latest = new Map<string, ProbeResult>();
  private readonly history = new Map<string, ProbeResult[]>();
  private routes = new Map<string, Set<string>>();
  private readonly geos: string[];

  constructor(
    private readonly config: Config,
    private readonly tracker: FailoverTracker,
    private readonly options: ProbeOptions,
  ) {
    this.intervalMs = options.intervalMs;
    this.regions = config.regions.filter((region) => region.health).map((region) => region.name);
    this.geos = [...new Set(config.regions.flatMap((region) => region.geos))];
  }

  async runCycle(context: CycleContext): Promise<void> {
    const at = Date.now();
    const [probes, routes] = await Promise.all([Promise.all(this.config.regions.filter((region) => region.health).map((region) => this.probe(region.name, region.health!))), this.resolveAll()]);
    for (const result of probes) {
      this.latest.set(result.region, result);
      this.remember(result);
      this.options.onProbe?.(result);
      // The collector reached the region if anything answered; a 503 is a finding, not a collector failure.
      context.report(result.region, result.error === null || result.error.startsWith('HTTP '), result.error);
    }
    this.routes = routes;
    this.tracker.observe({ at, up: new Map(probes.map((result) => [result.region, result.up])), routes });
  }

  async close(): Promise<void> {}

  latestProbes(): ProbeResult[] {
    return [...this.latest.values()];
  }

  /** Probe results of a region sent since `since`, oldest first. */
  probesSince(region: string, since: number): ProbeResult[] {
    return (this.history.get(region) ?? []).filter((result) => result.sentAt >= since);
  }

  private remember(result: ProbeResult): void {
    const history = this.history.get(result.region) ?? [];
    history.push(result);
    const horizon = result.sentAt - HISTORY_MS;
    let drop = 0;
    while (drop < history.length && history[drop].sentAt < horizon) drop++;
    this.history.set(result.region, drop > 0 ? history.slice(drop) : history);
  }

  /** The answers each geo got in the last cycle. */
  currentRoutes(): Map<string, Set<string>> {
    return this.routes;
  }

  private async probe(region: string, url: string): Promise<ProbeResult> {
    const sentAt = Date.now();
    const started = performance.now();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs), headers: { connection: 'close' } });
      await response.arrayBuffer();
      const up = response.status >= 200 && response.status < 300;
      return { region, up, seconds: (performance.now() - started) / 1000, sentAt, error: up ? null : `HTTP ${response.status}` };
    } catch (error) {
      return { region, up: false, seconds: (performance.now() - started) / 1000, sentAt, error: describe(error, url) };
    }
  }

  private async resolveAll(): Promise<Map<string, Set<string>>> {
    const routes = new Map<string, Set<string>>(this.geos.map((geo) => [geo, new Set<string>()]));
    const resolvers = this.config.gtm?.resolve ?? [];
    await Promise.all(
      this.geos.flatMap((geo) =>
        resolvers.map(async (resolver) => {
          const region = await this.resolveOne(resolver, geo).catch(() => null);
          if (region) routes.get(geo)!.add(region);
        }),
      ),
    );
    return routes;
  }

  private async resolveOne(resolver: string, geo: string): Promise<string> {
    const target = resolver.replaceAll('{geo}', encodeURIComponent(geo));
    if (target.startsWith('dns://')) {
      const { host, port, pathname } = new URL(target.replace(/^dns:/, 'http:'));
      const dns = new Resolver({ timeout: this.options.timeoutMs, tries: 1 });
      dns.setServers([`${host.replace(/:\d+$/, '')}:${port}`]);
      const records = await dns.resolveTxt(decodeURIComponent(pathname.slice(1)));
      return GtmAnswer.parse({ region: records[0]?.join('') }).region;
    }
    const response = await fetch(target, { signal: AbortSignal.timeout(this.options.timeoutMs) });
    return GtmAnswer.parse(await response.json()).region;
  }
}

function describe(error: unknown, url: string): string {
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  if ((error as Error).name === 'TimeoutError') return `no answer from ${redactSecrets(url)} within the timeout`;
  return `${redactSecrets(url)}: ${cause ?? (error as Error).message}`;
}
