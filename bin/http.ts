import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { Registry } from 'prom-client';
import type { Metrics } from '@/lib/metrics/registry';
import { COMMON_HEADERS } from '@/lib/security/headers';

type NextHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Serves /metrics in the format the scraper asks for (OpenMetrics or text 0.0.4). */
export async function serveMetrics(metrics: Metrics, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const wantsOpenMetrics = (request.headers.accept ?? '').includes('application/openmetrics-text');
  try {
    const body = await metrics.render(wantsOpenMetrics);
    response.writeHead(200, { 'content-type': wantsOpenMetrics ? Registry.OPENMETRICS_CONTENT_TYPE : Registry.PROMETHEUS_CONTENT_TYPE });
    response.end(body);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' });
    response.end(`# metrics collection failed: ${(error as Error).message}\n`);
  }
}

export interface HttpOptions {
  /** Bearer token every request but `/api/health` needs. */
  token?: string;
  /** The config's regions: a page for any other region is the not-found page, with 404. */
  regions?: readonly string[];
}

/** An HTTP server for /metrics and, when given, everything else through Next. */
export function createHttpServer(metrics: Metrics, next: NextHandler | null, options: HttpOptions = {}): Server {
  const { token, regions } = options;
  return createServer((request, response) => {
    for (const [name, value] of Object.entries(COMMON_HEADERS)) response.setHeader(name, value);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (token && path !== '/api/health' && !authorized(request, token)) {
      // A browser opens `/?token=…` once; the token moves into an HttpOnly cookie and out of the URL.
      if (url.searchParams.get('token') === token) {
        url.searchParams.delete('token');
        response.writeHead(302, {
          'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
          location: url.pathname + url.search,
        });
        response.end();
        return;
      }
      response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' });
      response.end(JSON.stringify({ error: { code: 'unauthorized', message: 'a valid bearer token is required (header, or open /?token=… once in a browser)' } }));
      return;
    }
    if (path === '/metrics') return void serveMetrics(metrics, request, response);
    const grafana = grafanaPath(path);
    if (grafana !== null) request.url = grafana + url.search;
    if (next && regions && namesUnknownRegion(path, regions)) {
      // A streamed page can no longer change its status once it finds the region unknown: decide here.
      request.url = UNKNOWN_PAGE;
      response.statusCode = 404;
    }
    if (next) return void next(request, response);
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('regionwatch collector: see /metrics\n');
  });
}

/**
 * A Grafana JSON data source whose URL ends in `/` GETs `/api/grafana/` for its health check
 * and POSTs `/api/grafana//query`; Next would answer both with a 308. Null: leave the path be.
 */
export function grafanaPath(path: string): string | null {
  if (path !== '/api/grafana/' && !path.startsWith('/api/grafana//')) return null;
  return path.replace(/\/{2,}/g, '/').replace(/\/$/, '');
}

const TOKEN_COOKIE = 'regionwatch_token';

/** A path no page serves: Next answers it with the app's not-found page and 404. */
const UNKNOWN_PAGE = '/_regionwatch/unknown-region';

/** Page paths whose segments name regions: `/pairs/{source}/{target}` and `/divergence/{dataset}/{a}/{b}`. */
const REGION_SEGMENTS: [RegExp, number[]][] = [
  [/^\/pairs\/([^/]+)\/([^/]+)\/?$/, [1, 2]],
  [/^\/divergence\/[^/]+\/([^/]+)\/([^/]+)\/?$/, [1, 2]],
];

/** True when a page path names a region the config does not have, or the same region twice. */
export function namesUnknownRegion(path: string, regions: readonly string[]): boolean {
  for (const [pattern, groups] of REGION_SEGMENTS) {
    const match = pattern.exec(path);
    if (!match) continue;
    const named = groups.map((group) => safeDecode(match[group]));
    return named.some((region) => region === null || !regions.includes(region)) || named[0] === named[1];
  }
  return false;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Bearer token in the Authorization header, or the cookie the browser keeps; compared in constant time. */
function authorized(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization ?? '';
  if (header.startsWith('Bearer ') && sameSecret(header.slice('Bearer '.length), token)) return true;
  const cookie = (request.headers.cookie ?? '').split(/;\s*/).find((part) => part.startsWith(`${TOKEN_COOKIE}=`));
  return cookie !== undefined && sameSecret(decodeURIComponent(cookie.slice(TOKEN_COOKIE.length + 1)), token);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
