import type { Config } from '@/lib/config/schema';

/** Where links point when the config names no `server.external_url` (the default port, on this host). */
export const DEFAULT_EXTERNAL_URL = 'http://localhost:3000';

/** The dashboard's pages, by what they show: alerts and Grafana panels link here. */
export const PAGES = {
  overview: '/',
  pair: (source: string, target: string) => `/pairs/${encodeURIComponent(source)}/${encodeURIComponent(target)}`,
  conflicts: '/conflicts',
  conflictQueue: '/conflicts/queue',
  divergence: '/divergence',
  failovers: '/failovers',
  slos: '/slo',
  slo: (name: string) => `/slo/${encodeURIComponent(name)}`,
  runbook: (name: string) => `/runbooks/${encodeURIComponent(name)}`,
} as const;

/** The absolute URL of a page under `server.external_url`. */
export function pageUrl(config: Pick<Config, 'server'>, path: string): string {
  return `${config.server.external_url ?? DEFAULT_EXTERNAL_URL}${path}`;
}
