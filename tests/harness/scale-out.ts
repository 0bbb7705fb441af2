import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { CLI, sleep, startCollect, startServe, type RunningCollector, type RunningServer } from './demo';
import { scrapeConfig, startPrometheus, startVictoriaMetrics, type RunningTsdb } from './tsdb';
import { Simulation } from '@/sim';
import { parseYaml } from '@/lib/config/load';
import { Scenario } from '@/lib/config/scenario';

/** The simulated regions, and the replication delay between every pair (seconds). */
export const REGIONS = ['a', 'b', 'c'];
export const DELAY_S = 0.15;

/**
 * A scale-out deployment on real servers: simulated regions, one `collect --region` agent per
 * region, a Prometheus evaluating the generated rules and a VictoriaMetrics without them, both
 * scraping the agents, and a `regionwatch dashboard` (no collectors) on each.
 */
export interface ScaleOut {
  agents: RunningCollector[];
  prometheus: RunningTsdb;
  victoria: RunningTsdb;
  onPrometheus: RunningDashboard;
  onVictoria: RunningDashboard;
  stop(): Promise<void>;
}

export async function startScaleOut(): Promise<ScaleOut> {
  const dir = mkdtempSync(join(tmpdir(), 'rw-promql-'));
  // A lag SLO the simulated delay mostly meets: its budget burns a little, and not to nothing.
  const scenario = parseYaml(
    `regions: [${REGIONS.join(', ')}]\nreplication: { delay: 150ms, jitter: 5ms }\nworkload: { writes_per_second: 20, conflict_ratio: 0.2, entities: 500 }\nslos: [ { name: lag, objective: 99, window: 1h, sli: { kind: replication_lag, threshold: 200ms } } ]\n`,
    Scenario,
  );
  scenario.storage.path = join(dir, 'agents.db');
  const sim = new Simulation(scenario, { dataDir: dir });
  const started: Partial<Omit<ScaleOut, 'stop'>> = {};
  const stop = async () => {
    for (const dashboard of [started.onPrometheus, started.onVictoria]) dashboard?.process.kill('SIGTERM');
    for (const agent of started.agents ?? []) agent.stop();
    await Promise.all([started.prometheus?.stop(), started.victoria?.stop()]);
    await sleep(300);
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await sim.start();
    sim.writeConfig(join(dir, 'regionwatch.yaml'));
    const agents = await Promise.all(REGIONS.map((region) => startCollect(join(dir, 'regionwatch.yaml'), ['--region', region])));
    started.agents = agents;
    const targets = agents.map((agent) => new URL(agent.metricsUrl).host);
    // Prometheus evaluates the generated recording rules; VictoriaMetrics has none, so its dashboard reads the raw counters.
    const rules = spawnSync(process.execPath, [CLI, 'rules', '--config', join(dir, 'regionwatch.yaml')], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    assert.equal(rules.status, 0, rules.stderr);
    writeFileSync(join(dir, 'rules.yaml'), rules.stdout);
    [started.prometheus, started.victoria] = await Promise.all([
      startPrometheus(join(dir, 'prometheus'), scrapeConfig(targets, `rule_files: [${join(dir, 'rules.yaml')}]\n`)),
      startVictoriaMetrics(join(dir, 'victoria'), scrapeConfig(targets)),
    ]);
    [started.onPrometheus, started.onVictoria] = await Promise.all([startDashboard(dir, 'on-prometheus', started.prometheus.url), startDashboard(dir, 'on-victoria', started.victoria.url)]);
    return { ...(started as Omit<ScaleOut, 'stop'>), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type RunningDashboard = RunningServer;

/** `regionwatch dashboard` over `backendUrl`, with an embedded history of its own that stays empty. */
async function startDashboard(dir: string, name: string, backendUrl: string): Promise<RunningDashboard> {
  const config = parse(readFileSync(join(dir, 'regionwatch.yaml'), 'utf8'));
  config.prometheus = { url: backendUrl, timeout: '2s', headers: { 'X-Scope-OrgID': 'regionwatch-test' } };
  config.storage = { path: join(dir, `${name}.db`) };
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(config));
  return startServe('dashboard', file);
}

export async function get<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  return { status: response.status, body: (await response.json()) as T };
}

/** Waits until `probe` returns a value (checked every 500 ms). */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(500);
  }
  throw new Error(`${what} within ${timeoutMs} ms${last ? ` (last error: ${(last as Error).message})` : ''}`);
}
