import { Command, InvalidArgumentError, Option } from 'commander';
import { checkFile, ConfigError, loadConfigFile } from '@/lib/config/load';
import { runStart, runCollect, runDashboard } from './commands';
import { webSettings } from './web';
import { runDemo } from './demo';
import { runDiff } from './diff';
import { generateRules, RULE_FORMATS } from '@/lib/alerts/rules';
import { grafanaDashboard } from '@/lib/grafana/dashboard';

const program = new Command().name('regionwatch').description('Replication lag, conflicts, divergence, failovers and SLOs for multi-region active-active deployments').showHelpAfterError();

function port(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new InvalidArgumentError(`"${text}" is not a port number`);
  return value;
}

const defaultPort = () => (process.env.PORT ? port(process.env.PORT) : 3000);

program
  .command('demo')
  .description('run the built-in simulated deployment with collectors, dashboard and /metrics on one port')
  .option('--scenario <file>', 'scenario YAML (default: the built-in 4-region scenario)')
  .option('--port <n>', 'port (default 3000, or $PORT)', port)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--data <dir>', 'directory for the simulated stores and history', './data/demo')
  .action((options) => runDemo({ ...options, port: options.port ?? defaultPort() }));

program
  .command('start')
  .description('collectors, dashboard and /metrics for a real deployment')
  .requiredOption('--config <file>', 'regionwatch.yaml')
  .option('--port <n>', 'port (default 3000, or $PORT)', port)
  .option('--host <host>', 'address to listen on', '0.0.0.0')
  .action((options) => runStart({ config: loadConfigFile(options.config), port: options.port ?? defaultPort(), host: options.host }));

program
  .command('dashboard')
  .description('dashboard, API and Grafana API without collectors: current values and history through prometheus.url, events from storage')
  .requiredOption('--config <file>', 'regionwatch.yaml')
  .option('--port <n>', 'port (default 3000, or $PORT)', port)
  .option('--host <host>', 'address to listen on', '0.0.0.0')
  .action((options) => runDashboard({ config: loadConfigFile(options.config), port: options.port ?? defaultPort(), host: options.host }));

program
  .command('collect')
  .description('collectors only, serving /metrics; run one per region at scale')
  .requiredOption('--config <file>', 'regionwatch.yaml')
  .option('--region <name>', 'write and read only this region (one collector per region)')
  .option('--listen <host:port>', 'where /metrics is served', '0.0.0.0:9470')
  .action((options) => runCollect({ config: loadConfigFile(options.config), region: options.region, listen: options.listen }));

program
  .command('check-config')
  .description('validate a config or scenario file; every error names its YAML path')
  .argument('<file>')
  .action((file: string) => {
    const checked = checkFile(file);
    // What only the running machine can tell (secrets in the environment, certificate files) is a warning here.
    if (checked.kind === 'config') {
      try {
        for (const warning of webSettings(checked.config).warnings) console.error(`warning: ${warning}`);
      } catch (error) {
        console.error(`warning: ${(error as Error).message}`);
      }
    }
    console.log(`${file}: valid ${checked.kind}`);
  });

program
  .command('diff')
  .description('one divergence check now; exit 0 identical, 1 divergent, 2 error')
  .requiredOption('--config <file>', 'regionwatch.yaml')
  .requiredOption('--dataset <name>', 'a dataset of collectors.divergence.datasets')
  .option('--regions <a,b>', 'compare only these regions (default: every pair)')
  .option('--json', 'print the divergence JSON of the API on stdout')
  .action(async (options) => {
    try {
      process.exitCode = await runDiff({ config: loadConfigFile(options.config), dataset: options.dataset, regions: options.regions, json: Boolean(options.json) });
    } catch (error) {
      console.error(`regionwatch diff: ${(error as Error).message}`);
      process.exitCode = 2;
    }
  });

program
  .command('rules')
  .description('Prometheus recording and alerting rules: SLO burn rates, incidents, collector health (YAML on stdout)')
  .requiredOption('--config <file>', 'regionwatch.yaml')
  .addOption(new Option('--format <format>', 'a plain rules file, or a PrometheusRule resource').choices(RULE_FORMATS).default('prometheus'))
  .action((options) => {
    process.stdout.write(generateRules(loadConfigFile(options.config), { format: options.format }));
  });

program
  .command('grafana')
  .description("Grafana dashboard JSON for Grafana's Prometheus data source (on stdout)")
  .requiredOption('--config <file>', 'regionwatch.yaml')
  .action((options) => {
    process.stdout.write(`${JSON.stringify(grafanaDashboard(loadConfigFile(options.config)), null, 2)}\n`);
  });

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(`regionwatch: ${(error as Error).message}`);
  process.exit(2);
}
