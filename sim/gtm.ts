import { createServer, type Server } from 'node:http';
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import * as dnsPacket from 'dns-packet';

export const GTM_DNS_ZONE = 'gtm.regionwatch.test';

export interface GtmOptions {
  /** Regions in order of preference for each geo: its home region first, then by distance. */
  preferences: Map<string, string[]>;
  healthUrls: Map<string, string>;
  checkIntervalMs: number;
  ttlMs: number;
  onRouteChange: (geo: string, region: string, at: number) => void;
}

interface CachedAnswer {
  region: string;
  expiresAt: number;
}

/**
 * A global traffic manager: health-checks every region each `check_interval` and routes
 * each geo to its nearest healthy region. Answers are cached for `ttl`, as DNS resolvers
 * would, over HTTP (`/resolve?geo=`) and DNS (TXT `{geo}.gtm.regionwatch.test`).
 */
export class Gtm {
  private readonly routes = new Map<string, string>();
  /** HTTP and DNS answers are cached apart, as different resolvers are: during convergence they disagree. */
  private readonly caches = { http: new Map<string, CachedAnswer>(), dns: new Map<string, CachedAnswer>() };
  private readonly healthy = new Map<string, boolean>();
  private timer: NodeJS.Timeout | null = null;
  private http: Server | null = null;
  private dns: Socket | null = null;

  constructor(private readonly options: GtmOptions) {
    for (const [geo, regions] of options.preferences) this.routes.set(geo, regions[0]);
    for (const region of options.healthUrls.keys()) this.healthy.set(region, true);
  }

  async start(): Promise<{ httpUrl: string; dnsUrl: string }> {
    this.http = createServer((request, response) => {
      const geo = new URL(request.url ?? '/', 'http://gtm').searchParams.get('geo') ?? '';
      const region = this.resolve(geo, 'http');
      response.writeHead(region ? 200 : 404, { 'content-type': 'application/json', connection: 'close' });
      response.end(JSON.stringify(region ? { region } : { error: `unknown geo "${geo}"` }));
    });
    await new Promise<void>((resolve) => this.http!.listen(0, '127.0.0.1', resolve));
    this.dns = createSocket('udp4');
    this.dns.on('message', (message, remote) => this.answerDns(message, remote.port, remote.address));
    await new Promise<void>((resolve) => this.dns!.bind(0, '127.0.0.1', resolve));
    this.timer = setInterval(() => void this.checkHealth(), this.options.checkIntervalMs);
    return {
      httpUrl: `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/resolve?geo={geo}`,
      dnsUrl: `dns://127.0.0.1:${this.dns.address().port}/{geo}.${GTM_DNS_ZONE}`,
    };
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.dns?.close();
    this.http?.closeAllConnections();
    await new Promise((resolve) => this.http?.close(resolve) ?? resolve(undefined));
  }

  /** The answer a client gets now over `channel`: the cached one while its TTL lasts. */
  resolve(geo: string, channel: 'http' | 'dns', now = Date.now()): string | null {
    const cache = this.caches[channel];
    const cached = cache.get(geo);
    if (cached && now < cached.expiresAt) return cached.region;
    const region = this.routes.get(geo);
    if (!region) return null;
    cache.set(geo, { region, expiresAt: now + this.options.ttlMs });
    return region;
  }

  /** When the last cached answer naming `region` expires, on any channel (now if none does). */
  lastCachedAnswerFor(region: string, now = Date.now()): number {
    let last = now;
    for (const cache of Object.values(this.caches)) for (const answer of cache.values()) if (answer.region === region) last = Math.max(last, answer.expiresAt);
    return last;
  }

  routedTo(region: string): string[] {
    return [...this.routes].filter(([, routed]) => routed === region).map(([geo]) => geo);
  }

  private async checkHealth(): Promise<void> {
    await Promise.all(
      [...this.options.healthUrls].map(async ([region, url]) => {
        const response = await fetch(url, { signal: AbortSignal.timeout(Math.min(1000, this.options.checkIntervalMs)) }).catch(() => null);
        this.healthy.set(region, response?.status === 200);
      }),
    );
    const now = Date.now();
    for (const [geo, regions] of this.options.preferences) {
      const region = regions.find((candidate) => this.healthy.get(candidate)) ?? regions[0];
      if (this.routes.get(geo) !== region) {
        this.routes.set(geo, region);
        this.options.onRouteChange(geo, region, now);
      }
    }
  }

  private answerDns(message: Buffer, port: number, address: string): void {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    const geo = question?.name.toLowerCase().endsWith(`.${GTM_DNS_ZONE}`) ? question.name.slice(0, -GTM_DNS_ZONE.length - 1) : '';
    const region = geo ? this.resolve(geo, 'dns') : null;
    const ttl = Math.max(0, Math.round(((this.caches.dns.get(geo)?.expiresAt ?? Date.now()) - Date.now()) / 1000));
    const answer = dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (region ? 0 : 3),
      questions: query.questions,
      answers: region && question ? [{ type: 'TXT', name: question.name, ttl, data: [region] }] : [],
    });
    this.dns?.send(answer, port, address);
  }
}
