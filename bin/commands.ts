import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import type { Config } from '@/lib/config/schema';
import { boot, bootDashboard, type Booted } from './boot';
import { createHttpServer, listen } from './http';
import { webSettings, type WebSettings } from './web';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** `regionwatch start`: collectors, dashboard and /metrics for a real deployment. */
export async function runStart(options: { config: Config; port: number; host: string }): Promise<void> {
  const web = prepareWeb(options.config);
  const booted = await boot(options.config, { deferStart: true });
  const server = await serveDashboard(booted, options.port, options.host, web);
  booted.start();
  onShutdown(async () => {
    server.close();
    await booted.stop();
  });
}

/** `regionwatch dashboard`: dashboard, API and Grafana API over PromQL and the event store; no collectors. */
export async function runDashboard(options: { config: Config; port: number; host: string }): Promise<void> {
  const web = prepareWeb(options.config);
  const booted = await bootDashboard(options.config);
  const server = await serveDashboard(booted, options.port, options.host, web);
  onShutdown(async () => {
    server.close();
    await booted.stop();
  });
}

/** `regionwatch collect`: collectors and /metrics only. */
export async function runCollect(options: { config: Config; region?: string; listen: string }): Promise<void> {
  const { host, port } = parseListen(options.listen);
  if (options.region && !options.config.regions.some((region) => region.name === options.region)) {
    throw new Error(`--region: unknown region "${options.region}" (known: ${options.config.regions.map((region) => region.name).join(', ')})`);
  }
  const web = prepareWeb(options.config);
  const booted = await boot(options.config, { region: options.region });
  const server = createHttpServer(booted.metrics, null, { web });
  const bound = await listen(server, port, host);
  console.log(`regionwatch collect: /metrics listening on ${web.tls ? 'https' : 'http'}://${host}:${bound}/metrics`);
  onShutdown(async () => {
    server.close();
    await booted.stop();
  });
}

/** Dashboard, API and /metrics on one port (needs the Next build). */
export async function serveDashboard(booted: Booted, port: number, host: string, web: WebSettings = prepareWeb(booted.runtime.config)): Promise<Server> {
  if (!existsSync(join(ROOT, '.next', 'BUILD_ID'))) {
    throw new Error('the dashboard is not built: run `npm run build` (or `npm start`, which builds when needed)');
  }
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: ROOT, hostname: host, port });
  await app.prepare();
  const server = createHttpServer(booted.metrics, app.getRequestHandler(), { web, regions: booted.runtime.config.regions.map((region) => region.name) });
  const bound = await listen(server, port, host);
  console.log(`regionwatch listening on ${web.tls ? 'https' : 'http'}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${bound}`);
  return server;
}

/** Authentication, TLS and limits from `server`, read before anything starts so a bad setting fails at once. */
function prepareWeb(config: Config): WebSettings {
  const web = webSettings(config);
  for (const warning of web.warnings) console.error(`warning: ${warning}`);
  return web;
}

function parseListen(listen: string): { host: string; port: number } {
  const match = /^(.*):(\d+)$/.exec(listen);
  if (!match) throw new Error(`--listen: "${listen}" is not HOST:PORT`);
  return { host: match[1] || '0.0.0.0', port: Number(match[2]) };
}

/** Stops cleanly on SIGINT/SIGTERM; a second signal exits at once. */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`regionwatch: ${signal}, stopping`);
    void stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}
