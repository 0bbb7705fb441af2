import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, sleep } from './harness/demo';

// r1 is healthy; r2 is dead (nothing listens: connection refused); r3 is blackholed (accepts, never answers).
const dir = mkdtempSync(join(tmpdir(), 'rw-dead-'));
let healthy: Server;
let blackhole: TcpServer;
const held: Socket[] = [];
let collector: ChildProcess;
let metricsUrl: string;

const listen = (server: Server | TcpServer) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));

before(async () => {
  healthy = createHttpServer((request, response) => {
    if (request.url === '/resolve?geo=geo-3') {
      return; // the GTM, too, never answers for the blackholed region's geo
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(request.url?.startsWith('/resolve') ? '{"region":"r1"}' : '{"status":"ok"}');
  });
  const healthyPort = await listen(healthy);
  const dead = createTcpServer();
  const deadPort = await listen(dead);
  await new Promise((resolve) => dead.close(resolve));
  blackhole = createTcpServer((socket) => held.push(socket));
  const blackholePort = await listen(blackhole);
  const config = `
regions:
  - { name: r1, store: "sqlite:${join(dir, 'r1.db')}", health: "http://127.0.0.1:${healthyPort}/healthz", geos: [geo-1] }
  - { name: r2, store: "sqlite:${join(dir, 'r2.db')}", health: "http://127.0.0.1:${deadPort}/healthz", geos: [geo-2] }
  - { name: r3, store: "sqlite:${join(dir, 'r3.db')}", health: "http://127.0.0.1:${blackholePort}/healthz", geos: [geo-3] }
gtm: { resolve: "http://127.0.0.1:${healthyPort}/resolve?geo={geo}" }
collectors: { probes: { interval: 250ms, timeout: 3s } }
storage: { path: "${join(dir, 'history.db')}" }
`;
  writeFileSync(join(dir, 'regionwatch.yaml'), config);
  collector = spawn(process.execPath, [CLI, 'collect', '--config', join(dir, 'regionwatch.yaml'), '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  metricsUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    collector.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+\/metrics)/.exec(output);
      if (match) resolve(match[1]);
    });
    collector.stderr!.on('data', (chunk) => (output += chunk));
    collector.on('exit', (code) => reject(new Error(`collect exited ${code}: ${output}`)));
  });
  await sleep(4000); // past the 3 s probe timeout, so the blackholed probe has failed at least once
});

after(async () => {
  collector?.kill('SIGTERM');
  for (const socket of held) socket.destroy();
  blackhole?.close();
  healthy?.closeAllConnections();
  healthy?.close();
  await sleep(300);
  rmSync(dir, { recursive: true, force: true });
});

const value = (metrics: string, series: string) => {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

test('a dead and a blackholed region never hold up the scrape', async () => {
  for (let scrape = 0; scrape < 5; scrape++) {
    const started = Date.now();
    const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(10_000) });
    await response.text();
    assert.equal(response.status, 200);
    // The blackholed probe takes 3 s to time out; a scrape that waited on it would take that long.
    assert.ok(Date.now() - started < 1500, `scrape ${scrape} took ${Date.now() - started} ms`);
    await sleep(200);
  }
});

test('both bad regions are down, with the reason; the healthy one and every store metric stay intact', async () => {
  const metrics = await (await fetch(metricsUrl)).text();
  assert.equal(value(metrics, 'regionwatch_region_up{region="r1"}'), 1);
  assert.equal(value(metrics, 'regionwatch_region_up{region="r2"}'), 0);
  assert.equal(value(metrics, 'regionwatch_region_up{region="r3"}'), 0);
  assert.equal(value(metrics, 'regionwatch_collector_up{collector="probes",region="r1"}'), 1);
  assert.equal(value(metrics, 'regionwatch_collector_up{collector="probes",region="r2"}'), 0);
  assert.equal(value(metrics, 'regionwatch_collector_up{collector="probes",region="r3"}'), 0);
  assert.ok(value(metrics, 'regionwatch_probe_failures_total{region="r2"}')! >= 5, 'r2 fails every probe at once');
  assert.equal(value(metrics, 'regionwatch_probe_failures_total{region="r1"}'), 0, 'r1 never failed');
  assert.equal(value(metrics, 'regionwatch_gtm_route{geo="geo-1",region="r1"}'), 1);
  for (const region of ['r1', 'r2', 'r3']) {
    assert.equal(value(metrics, `regionwatch_heartbeat_write_success{region="${region}"}`), 1, `${region} store metrics intact`);
    assert.equal(value(metrics, `regionwatch_collector_up{collector="heartbeat",region="${region}"}`), 1);
  }
});
