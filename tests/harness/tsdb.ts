import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireBinary } from './binaries';
import { freePort } from './free-port';

/** A PromQL server the harness started: Prometheus or VictoriaMetrics, on 127.0.0.1. */
export interface RunningTsdb {
  url: string;
  /** Stops the server (its data stays in `dir`). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  restart(): Promise<void>;
  output(): string;
}

/** A scrape config for `targets` (host:port) every second. */
export function scrapeConfig(targets: string[], extra = ''): string {
  return `global: { scrape_interval: 1s, evaluation_interval: 1s }\n${extra}scrape_configs:\n  - job_name: regionwatch\n    static_configs: [ { targets: [${targets.map((target) => `'${target}'`).join(', ')}] } ]\n`;
}

async function startTsdb(binary: string, args: (port: number) => string[], readyPath: string): Promise<RunningTsdb> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = '';
  const launch = async () => {
    const started = spawn(binary, args(port), { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    const keep = (chunk: Buffer) => (output = (output + chunk).slice(-20_000));
    started.stdout!.on('data', keep);
    started.stderr!.on('data', keep);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (started.exitCode !== null) throw new Error(`${binary} exited with ${started.exitCode}:\n${output}`);
      const ready = await fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
      if (ready?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${binary} never became ready:\n${output}`);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (running.exitCode === null) running.kill('SIGKILL');
  };
  await launch();
  return { url, stop, restart: launch, output: () => output };
}

/** A real Prometheus (Debian `prometheus`) with `config` (prometheus.yml text) and its TSDB in `dir`. */
export function startPrometheus(dir: string, config: string): Promise<RunningTsdb> {
  const binary = requireBinary('prometheus', 'prometheus');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'prometheus.yml'), config);
  return startTsdb(binary, (port) => [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`], '/-/ready');
}

/**
 * A real VictoriaMetrics (Debian `victoria-metrics`) scraping with `config`, its data in `dir`.
 * Recent samples are queryable at once and nothing is cached, so a test sees what it imported.
 */
export function startVictoriaMetrics(dir: string, config: string): Promise<RunningTsdb> {
  const binary = requireBinary('victoria-metrics', 'victoria-metrics');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'scrape.yml'), config);
  return startTsdb(
    binary,
    (port) => [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${join(dir, 'data')}`,
      `-promscrape.config=${join(dir, 'scrape.yml')}`,
      '-search.latencyOffset=0s',
      '-search.disableCache',
      '-retentionPeriod=2y',
      // A Prometheus config may hold fields only Prometheus reads (evaluation_interval, rule_files).
      '-promscrape.config.strictParse=false',
    ],
    '/health',
  );
}
