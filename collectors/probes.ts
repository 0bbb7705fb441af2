import { Resolver } from 'node:dns/promises';
import { z } from 'zod';
import { type Clock, type ClockTimer, systemClock } from '@/lib/domain/clock';
import type { ProbeResult } from '@/lib/domain/failover';
import { RegionName } from '@/lib/domain/region';
import type { Collector, CycleContext } from './types';
import type { FailoverTracker } from './failover/tracker';
import { redactSecrets } from './adapters/redact';

export type { ProbeResult } from '@/lib/domain/failover';

/** The part of `fetch` probes use, so tests can answer in-process. */
export type ProbeFetch = (url: string, init: { signal: AbortSignal; headers?: Record<string, string> }) => Promise<Response>;

/** Options of {@link ProbeCollector}. */
export interface ProbeOptions {
  intervalMs: number;
  timeoutMs: number;
  onProbe?: (result: ProbeResult) => void;
  /** Decides when probes are sent, give up and go stale; the system clock by default. */
  clock?: Clock;
  /** Sends health and HTTP GTM requests; the global `fetch` by default. */
  fetch?: ProbeFetch;
}

/** What probing needs from the configuration (a `Config` is one): health targets, geos, GTM resolvers. */
export interface ProbeTargets {
  regions: readonly { name: string; health?: string; geos: readonly string[] }[];
  gtm?: { resolve: readonly string[] };
}

/** Probe outcomes kept per region for error rates and latency percentiles. */
const HISTORY_MS = 15 * 60_000;

const GtmAnswer = z.object({ region: RegionName });

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
  private readonly inFlight = new Set<string>();
  private readonly answers = new Map<string, { geo: string; region: string; at: number }>();
  private readonly history = new Map<string, ProbeResult[]>();
  private routes = new Map<string, Set<string>>();
  private readonly geos: string[];
  private readonly clock: Clock;
  private readonly fetch: ProbeFetch;

  constructor(
    private readonly config: ProbeTargets,
    private readonly tracker: Pick<FailoverTracker, 'observe'>,
    private readonly options: ProbeOptions,
  ) {
    this.intervalMs = options.intervalMs;
    this.clock = options.clock ?? systemClock;
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.regions = config.regions.filter((region) => region.health).map((region) => region.name);
    this.geos = [...new Set(config.regions.flatMap((region) => region.geos))];
  }

  async runCycle(context: CycleContext): Promise<void> {
    const at = this.clock.now();
    const started = [
      ...this.config.regions
        .filter((region) => region.health && !this.inFlight.has(region.name))
        .map((region) =>
          this.track(
            region.name,
            this.probe(region.name, region.health!).then((result) => this.record(result, context)),
          ),
        ),
      ...this.resolutions().map(({ key, resolver, geo }) =>
        this.track(
          key,
          this.resolveOne(resolver, geo).then(
            (region) => this.answers.set(key, { geo, region, at: this.clock.now() }),
            () => this.answers.delete(key),
          ),
        ),
      ),
    ];
    // A probe that hangs must not delay the others: wait at most one interval, then move on.
    let timer: ClockTimer | undefined;
    await Promise.race([Promise.allSettled(started), new Promise((resolve) => (timer = this.clock.setTimeout(() => resolve(undefined), this.intervalMs)))]);
    this.clock.clearTimeout(timer!);
    this.routes = this.currentAnswers();
    const current = [...this.latest.values()].filter((result) => result.sentAt >= at - this.options.timeoutMs - this.intervalMs);
    this.tracker.observe({
      at: this.clock.now(),
      up: new Map(current.map((result) => [result.region, result.up])),
      answeredAt: new Map(current.map((result) => [result.region, result.sentAt + result.seconds * 1000])),
      routes: this.routes,
    });
  }

  /** Runs `work` unless the same key is still in flight from an earlier cycle. */
  private track(key: string, work: Promise<unknown>): Promise<unknown> {
    this.inFlight.add(key);
    return work.finally(() => this.inFlight.delete(key));
  }

  private record(result: ProbeResult, context: CycleContext): void {
    this.latest.set(result.region, result);
    this.remember(result);
    this.options.onProbe?.(result);
    // The collector reached the region if anything answered; a 503 is a finding, not a collector failure.
    context.report(result.region, result.error === null || result.error.startsWith('HTTP '), result.error);
  }

  private resolutions(): { key: string; resolver: string; geo: string }[] {
    const resolvers = this.config.gtm?.resolve ?? [];
    return this.geos.flatMap((geo) => resolvers.map((resolver) => ({ key: `${resolver}|${geo}`, resolver, geo }))).filter(({ key }) => !this.inFlight.has(key));
  }

  /** Each geo's answers that are recent enough to describe routing now. */
  private currentAnswers(): Map<string, Set<string>> {
    const routes = new Map<string, Set<string>>(this.geos.map((geo) => [geo, new Set<string>()]));
    const horizon = this.clock.now() - this.options.timeoutMs - 2 * this.intervalMs;
    for (const answer of this.answers.values()) if (answer.at >= horizon) routes.get(answer.geo)?.add(answer.region);
    return routes;
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
    const sentAt = this.clock.now();
    // Latency is a real round trip, so it is measured on the monotonic timer, not the clock.
    const started = performance.now();
    try {
      const status = await this.withinTimeout(async (signal) => {
        const response = await this.fetch(url, { signal, headers: { connection: 'close' } });
        await response.arrayBuffer();
        return response.status;
      });
      const up = status >= 200 && status < 300;
      return { region, up, seconds: (performance.now() - started) / 1000, sentAt, error: up ? null : `HTTP ${status}` };
    } catch (error) {
      return { region, up: false, seconds: (performance.now() - started) / 1000, sentAt, error: describe(error, url) };
    }
  }

  private async resolveOne(resolver: string, geo: string): Promise<string> {
    const target = resolver.replaceAll('{geo}', encodeURIComponent(geo));
    if (target.startsWith('dns://')) {
      const { host, port, pathname } = new URL(target.replace(/^dns:/, 'http:'));
      const dns = new Resolver({ timeout: this.options.timeoutMs, tries: 1 });
      dns.setServers([`${host.replace(/:\d+$/, '')}:${port}`]);
      const records = await this.withinTimeout((signal) => {
        signal.addEventListener('abort', () => dns.cancel());
        return dns.resolveTxt(decodeURIComponent(pathname.slice(1)));
      });
      return GtmAnswer.parse({ region: records[0]?.join('') }).region;
    }
    const body = await this.withinTimeout(async (signal) => (await this.fetch(target, { signal })).json());
    return GtmAnswer.parse(body).region;
  }

  /**
   * Runs `request`; after `timeoutMs` on the clock its signal aborts and this rejects with a
   * TimeoutError, whether or not the request honours the signal.
   */
  private async withinTimeout<T>(request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: ClockTimer | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = this.clock.setTimeout(() => {
        const reason = new DOMException(`timed out after ${this.options.timeoutMs} ms`, 'TimeoutError');
        controller.abort(reason);
        reject(reason);
      }, this.options.timeoutMs);
    });
    try {
      return await Promise.race([request(controller.signal), timedOut]);
    } finally {
      this.clock.clearTimeout(timer!);
    }
  }
}

function describe(error: unknown, url: string): string {
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  if ((error as Error).name === 'TimeoutError') return `no answer from ${redactSecrets(url)} within the timeout`;
  return `${redactSecrets(url)}: ${cause ?? (error as Error).message}`;
}
