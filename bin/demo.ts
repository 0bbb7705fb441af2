import { join, resolve } from 'node:path';
import { loadConfigFile, loadScenarioFile, parseYaml } from '@/lib/config/load';
import { Scenario } from '@/lib/config/scenario';
// The demo command is the one production entry point that runs the simulator.
import { Simulation } from '@/sim';
import { BUILTIN_CYCLE_MS, BUILTIN_SCENARIO } from '@/sim/builtin';
import { gateStore } from '@/sim/gate';
import { boot } from './boot';
import { onShutdown, serveDashboard } from './commands';

const DEFAULT_STORAGE_PATH = './data/regionwatch.db';

export interface DemoOptions {
  scenario?: string;
  port: number;
  host: string;
  data: string;
}

/** `regionwatch demo`: the simulated deployment, its collectors, dashboard and /metrics. */
export async function runDemo(options: DemoOptions): Promise<void> {
  const scenario = options.scenario ? loadScenarioFile(options.scenario) : parseYaml(BUILTIN_SCENARIO, Scenario, 'built-in scenario');
  const dataDir = resolve(options.data);
  if (scenario.storage.path === DEFAULT_STORAGE_PATH) scenario.storage.path = join(dataDir, 'regionwatch.db');
  const sim = new Simulation(scenario, { dataDir, repeatFaultsEveryMs: options.scenario ? undefined : BUILTIN_CYCLE_MS });
  await sim.start();
  const configFile = join(dataDir, 'regionwatch.yaml');
  sim.writeConfig(configFile);
  const booted = await boot(loadConfigFile(configFile), {
    simTruth: () => sim.getTruth(),
    wrapStore: (store) => gateStore(store, () => sim.traffic.isDown(store.region)),
    deferStart: true,
  });
  const server = await serveDashboard(booted, options.port, options.host);
  // Next's start-up blocks the event loop for a while; probes sent during it would time out.
  booted.start();
  console.log(`regionwatch demo: ${scenario.regions.length} regions, data in ${dataDir}, config ${configFile}`);
  onShutdown(async () => {
    server.close();
    await booted.stop();
    await sim.stop();
  });
}
