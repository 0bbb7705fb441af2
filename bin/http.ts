import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { Registry } from 'prom-client';
import type { Metrics } from '@/lib/metrics/registry';
import { FailureLimiter, RateLimiter, TOKEN_COOKIE } from '@/lib/security/auth';
import { ANONYMOUS_HEADER, COMMON_HEADERS, HSTS } from '@/lib/security/headers';
import type { TlsSettings, WebSettings } from './web';

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
  /** Authentication, TLS, extra headers and limits (bin/web.ts). */
  web: WebSettings;
  /** The config's regions: a page for any other region is the not-found page, with 404. */
  regions?: readonly string[];
}

/**
 * An HTTP(S) server for /metrics and, when given, everything else through Next. In order:
 * security headers; the client's failure lock-out; authentication (the dashboard's, or
 * /metrics' own); the API rate limit; then the route.
 */
export function createHttpServer(metrics: Metrics, next: NextHandler | null, options: HttpOptions): Server {
  const { web, regions } = options;
  const failures = new FailureLimiter(web.maxAuthFailures);
  const limiter = new RateLimiter(web.rateLimit);
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    for (const [name, value] of Object.entries({ ...COMMON_HEADERS, ...web.headers })) response.setHeader(name, value);
    if (web.tls) response.setHeader('strict-transport-security', HSTS);
    delete request.headers[ANONYMOUS_HEADER];
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    // Routes decode their parameters; bytes that are not UTF-8 would reach them as an error, not a value.
    if (!decodable(path)) return refuse(response, 400, 'bad_request', '(path): not percent-encoded UTF-8');
    const client = request.socket.remoteAddress ?? 'unknown';
    const authenticator = path === '/metrics' ? (web.metrics ?? null) : (web.dashboard ?? null);
    if (authenticator) {
      const wait = failures.blockedFor(client);
      if (wait > 0) return refuse(response, 429, 'too_many_failures', 'too many failed authentications from this client; try again later', { 'retry-after': String(Math.ceil(wait / 1000)) });
      const outcome = await authenticator.check({ authorization: request.headers.authorization, cookie: request.headers.cookie });
      if (!outcome.ok) {
        // A browser opens `/?token=…` once; the token moves into an HttpOnly cookie and out of the URL.
        const offered = url.searchParams.get('token');
        if (authenticator.acceptsTokenParameter(offered)) {
          url.searchParams.delete('token');
          response.writeHead(302, {
            'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(offered!)}; HttpOnly; SameSite=Strict; Path=/${web.tls ? '; Secure' : ''}`,
            location: url.pathname + url.search,
          });
          return void response.end();
        }
        if (outcome.presented || offered !== null) failures.fail(client);
        // An orchestrator's probe may ask whether the process is up; it learns nothing else.
        if (path === '/api/health') request.headers[ANONYMOUS_HEADER] = '1';
        else {
          const challenge = authenticator.schemes.map((scheme) => `${scheme} realm="regionwatch"`).join(', ');
          return refuse(response, 401, 'unauthorized', `credentials required: ${authenticator.schemes.join(' or ')} (a browser may also open /?token=… once)`, { 'www-authenticate': challenge });
        }
      }
    }
    if (path.startsWith('/api/')) {
      const wait = limiter.take(client);
      if (wait > 0) return refuse(response, 429, 'rate_limited', `more than ${web.rateLimit} API requests a second from this client; slow down`, { 'retry-after': String(Math.ceil(wait / 1000)) });
    }
    if (path === '/metrics') return serveMetrics(metrics, request, response);
    // `/api/{missing}` answers deeper misses; `/api` itself is no route's, so it is answered here.
    if (path === '/api' || path === '/api/') return refuse(response, 404, 'not_found', `no API route at ${path}`);
    const grafana = grafanaPath(path);
    if (grafana !== null) request.url = grafana + url.search;
    if (next && regions && namesUnknownRegion(path, regions, url.searchParams)) {
      // A streamed page can no longer change its status once it finds the region unknown: decide here.
      request.url = UNKNOWN_PAGE;
      response.statusCode = 404;
    }
    if (next) return next(request, response);
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('regionwatch collector: see /metrics\n');
  };
  const listener = (request: IncomingMessage, response: ServerResponse) =>
    void handle(request, response).catch((error) => {
      console.error(`http: ${request.method} ${(request.url ?? '').split('?')[0]}: ${(error as Error).message}`);
      if (!response.headersSent) refuse(response, 500, 'internal', 'internal error; see the server log');
      else response.destroy();
    });
  return web.tls ? createTlsServer(web.tls, listener) : createServer(listener);
}

/** HTTPS with the exporter toolkit's client-certificate modes, enforced at the handshake or right after it. */
function createTlsServer(tls: TlsSettings, listener: (request: IncomingMessage, response: ServerResponse) => void): Server {
  const requestCert = tls.clientAuthType !== 'NoClientCert';
  const server = createHttpsServer(
    {
      key: tls.key,
      cert: tls.cert,
      ca: tls.ca,
      requestCert,
      rejectUnauthorized: tls.clientAuthType === 'RequireAndVerifyClientCert',
      minVersion: tls.minVersion,
      maxVersion: tls.maxVersion,
    },
    listener,
  );
  server.on('secureConnection', (socket: TLSSocket) => {
    const presented = Object.keys(socket.getPeerCertificate() ?? {}).length > 0;
    if (tls.clientAuthType === 'RequireAnyClientCert' && !presented) socket.destroy();
    if (tls.clientAuthType === 'VerifyClientCertIfGiven' && presented && !socket.authorized) socket.destroy();
  });
  return server as unknown as Server;
}

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function refuse(response: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify({ error: { code, message } }));
}

/**
 * A Grafana JSON data source whose URL ends in `/` GETs `/api/grafana/` for its health check
 * and POSTs `/api/grafana//query`; Next would answer both with a 308. Null: leave the path be.
 */
export function grafanaPath(path: string): string | null {
  if (path !== '/api/grafana/' && !path.startsWith('/api/grafana//')) return null;
  return path.replace(/\/{2,}/g, '/').replace(/\/$/, '');
}

/** A path no page serves: Next answers it with the app's not-found page and 404. */
const UNKNOWN_PAGE = '/_regionwatch/unknown-region';

/** Page paths whose segments name regions: `/pairs/{source}/{target}` and `/divergence/{dataset}/{a}/{b}`. */
const REGION_SEGMENTS: [RegExp, number[]][] = [
  [/^\/pairs\/([^/]+)\/([^/]+)\/?$/, [1, 2]],
  [/^\/divergence\/[^/]+\/([^/]+)\/([^/]+)\/?$/, [1, 2]],
];

/** Pages whose `source` and `target` query parameters name regions (the conflict list's filters). */
const REGION_QUERY_PAGES = new Set(['/conflicts', '/conflicts/queue']);

/** True when a page names a region the config does not have (in its path or filters), or the same region twice in its path. */
export function namesUnknownRegion(path: string, regions: readonly string[], query?: URLSearchParams): boolean {
  if (query && REGION_QUERY_PAGES.has(path.replace(/\/$/, ''))) {
    const named = ['source', 'target'].flatMap((name) => query.getAll(name)).filter((value) => value !== '');
    if (named.some((region) => !regions.includes(region))) return true;
  }
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

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
