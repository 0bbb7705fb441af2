import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from './https';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'bin', 'regionwatch.js');

export interface RunningDemo {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts `regionwatch demo` on a free port in a fresh data dir (with `scenarioYaml`, or
 * the built-in scenario) and waits until /api/health says the first cycle completed.
 */
export interface DemoOptions {
  env?: Record<string, string>;
  /** Reuse this data dir (a restart); it is then left in place on stop. */
  dataDir?: string;
  /** Listen on this port (when the scenario must know its own URL); a free one otherwise. */
  port?: number;
  /** The demo serves HTTPS: the CA (PEM) and, if it asks for one, the client certificate to check readiness with. */
  tls?: { ca: string | Buffer; cert?: string | Buffer; key?: string | Buffer };
}

export async function startDemo(scenarioYaml?: string, options: DemoOptions = {}): Promise<RunningDemo> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'regionwatch-test-'));
  const args = [CLI, 'demo', '--port', String(options.port ?? 0), '--host', '127.0.0.1', '--data', dataDir];
  if (scenarioYaml) {
    const file = join(dataDir, 'scenario.yaml');
    writeFileSync(file, scenarioYaml);
    args.push('--scenario', file);
  }
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '', ...options.env } });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(5000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await waitFor(
      () => /listening on (https?:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1],
      60_000,
      () => `demo did not start:\n${output}`,
      child,
    );
    await waitFor(
      async () => (await request(`${url}/api/health`, options.tls ?? {}).catch(() => null))?.status === 200 || undefined,
      30_000,
      () => `demo never became ready:\n${output}`,
      child,
    );
    return { url, dataDir, process: child, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface RunningCollector {
  /** The collector's /metrics URL. */
  metricsUrl: string;
  process: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  stop(): void;
}

/** Starts `regionwatch collect --config FILE` on a free port and waits until /metrics listens. */
export async function startCollect(configPath: string, extraArgs: string[] = []): Promise<RunningCollector> {
  const child = spawn(process.execPath, [CLI, 'collect', '--config', configPath, '--listen', '127.0.0.1:0', ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const stop = () => void child.kill('SIGTERM');
  try {
    const metricsUrl = await waitFor(
      () => /listening on (http:\/\/\S+\/metrics)/.exec(output)?.[1],
      60_000,
      () => `collect did not start:\n${output}`,
      child,
    );
    return { metricsUrl, process: child, output: () => output, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output: () => string;
}

/**
 * Starts `regionwatch start|dashboard --config FILE` on a free port and waits until it listens
 * (and, with `ready`, until that says so).
 */
export async function startServe(
  command: 'start' | 'dashboard',
  configPath: string,
  options: { env?: Record<string, string>; ready?: (url: string) => Promise<boolean> } = {},
): Promise<RunningServer> {
  const child = spawn(process.execPath, [CLI, command, '--config', configPath, '--port', '0', '--host', '127.0.0.1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '', ...options.env },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  try {
    const url = await waitFor(
      async () => {
        const listening = /listening on (https?:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
        return listening && (!options.ready || (await options.ready(listening).catch(() => false))) ? listening : undefined;
      },
      90_000,
      () => `regionwatch ${command} did not become ready:\n${output}`,
      child,
    );
    return { url, process: child, output: () => output };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

export async function getJson<T = unknown>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, describe: () => string, child: ChildProcess): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}: ${describe()}`);
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(describe());
}
