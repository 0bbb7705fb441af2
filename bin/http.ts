import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { Registry } from 'prom-client';
import type { Metrics } from '@/lib/metrics/registry';

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

/** An HTTP server for /metrics and, when given, everything else through Next. */
export function createHttpServer(metrics: Metrics, next: NextHandler | null, token?: string): Server {
  return createServer((request, response) => {
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
