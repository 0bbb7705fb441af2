// Runs only the simulated deployment of a scenario file, so a collector in another
// process can be measured on its own. Prints `ready CONFIG_PATH` once the stores exist.
import { resolve, join } from 'node:path';
import { loadScenarioFile } from '@/lib/config/load';
import { Simulation } from '@/sim';

const [scenarioFile, dataDir] = process.argv.slice(2);
const scenario = loadScenarioFile(scenarioFile);
scenario.storage.path = join(resolve(dataDir), 'regionwatch.db');
const sim = new Simulation(scenario, { dataDir: resolve(dataDir) });
await sim.start();
const config = join(resolve(dataDir), 'regionwatch.yaml');
sim.writeConfig(config);
console.log(`ready ${config}`);
process.on('SIGTERM', () => void sim.stop().finally(() => process.exit(0)));
