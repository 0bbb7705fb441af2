import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, startDemo, sleep, type RunningDemo } from './harness/demo';
import { requireBinary } from './harness/binaries';
import { freePorts } from './harness/free-port';
import { scrapeConfig, startPrometheus, type RunningTsdb } from './harness/tsdb';

/**
 * End to end: the demo's generated rules in a real Prometheus, its alerts routed by a real
 * Alertmanager on `alerts.labels` to a webhook, and the links they carry open real pages.
 * r1 goes down (availability burns its budget) while r2 and r3 are partitioned (replication
 * between two live regions stops: isolation and stale reads).
 */
const scenario = (externalUrl: string) => `
seed: 5
regions: [r1, r2, r3]
replication: { delay: 60ms, jitter: 10ms }
workload: { writes_per_second: 20 }
gtm: { check_interval: 500ms, ttl: 1s }
collectors: { probes: { interval: 250ms, timeout: 1s } }
server: { external_url: "${externalUrl}" }
alerts: { labels: { team: databases } }
slos:
  - { name: avail, objective: 99, window: 2h, sli: { kind: availability } }
  - { name: lag, objective: 99, window: 2h, sli: { kind: replication_lag, threshold: 1s } }
faults:
  - { at: 5s, kind: region_outage, region: r1, duration: 240s }
  - { at: 5s, kind: partition, regions: [r2, r3], duration: 240s }
`;

interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

const dir = mkdtempSync(join(tmpdir(), 'rw-alertmanager-'));
const children: ChildProcess[] = [];
let demo: RunningDemo | undefined;
let prometheus: RunningTsdb | undefined;
let webhook: Server | undefined;

after(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await prometheus?.stop();
  await demo?.stop();
  await new Promise((resolve) => (webhook ? webhook.close(resolve) : resolve(undefined)));
  await sleep(500);
  rmSync(dir, { recursive: true, force: true });
});

/** A webhook receiver that keeps every alert Alertmanager posts to it. */
async function startWebhook(port: number): Promise<WebhookAlert[]> {
  const received: WebhookAlert[] = [];
  webhook = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push(...(JSON.parse(body) as { alerts: WebhookAlert[] }).alerts);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => webhook!.listen(port, '127.0.0.1', resolve));
  return received;
}

function run(binary: string, args: string[]): ChildProcess {
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  child.once('exit', (code) => {
    if (code !== null && code !== 0) console.error(`${binary} exited with ${code}:\n${output}`);
  });
  children.push(child);
  return child;
}

test('alerts from the generated rules reach the team through Alertmanager, and their links open', { timeout: 420_000 }, async () => {
  const alertmanagerBinary = requireBinary('prometheus-alertmanager', 'prometheus-alertmanager');
  const [demoPort, amPort, hookPort] = await freePorts(3);
  const received = await startWebhook(hookPort);
  const externalUrl = `http://127.0.0.1:${demoPort}`;
  demo = await startDemo(scenario(externalUrl), { port: demoPort });

  writeFileSync(
    join(dir, 'alertmanager.yml'),
    `route:
  receiver: nobody
  group_by: [alertname, slo, source_region, target_region]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
  routes:
    - matchers: ['team="databases"']
      receiver: databases
receivers:
  - name: nobody
  - name: databases
    webhook_configs:
      - url: http://127.0.0.1:${hookPort}/hook
        send_resolved: true
`,
  );
  run(alertmanagerBinary, [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'am')}`, `--web.listen-address=127.0.0.1:${amPort}`, '--cluster.listen-address=']);

  const rules = spawnSync(process.execPath, [CLI, 'rules', '--config', join(demo.dataDir, 'regionwatch.yaml')], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.equal(rules.status, 0, rules.stderr);
  writeFileSync(join(dir, 'rules.yaml'), rules.stdout);
  prometheus = await startPrometheus(
    dir,
    scrapeConfig([`127.0.0.1:${demoPort}`], `rule_files: [rules.yaml]\nalerting:\n  alertmanagers:\n    - static_configs: [ { targets: ['127.0.0.1:${amPort}'] } ]\n`),
  );

  const firing = (alertname: string, match: Record<string, string> = {}) =>
    received.find((alert) => alert.status === 'firing' && alert.labels.alertname === alertname && Object.entries(match).every(([key, value]) => alert.labels[key] === value));
  const deadline = Date.now() + 300_000;
  const wanted = () => firing('RegionwatchErrorBudgetBurn', { slo: 'avail', severity: 'page' }) && (firing('RegionwatchReplicationIsolated') ?? firing('RegionwatchStaleReads'));
  while (!wanted() && Date.now() < deadline) await sleep(1000);

  const seen = [...new Set(received.map((alert) => `${alert.status} ${alert.labels.alertname} ${JSON.stringify(alert.labels)}`))].join('\n');
  const burn = firing('RegionwatchErrorBudgetBurn', { slo: 'avail', severity: 'page' });
  assert.ok(burn, `the availability budget burn never reached the webhook; it received:\n${seen}`);
  const replication = firing('RegionwatchReplicationIsolated') ?? firing('RegionwatchStaleReads');
  assert.ok(replication, `neither isolation nor stale reads reached the webhook during the r2/r3 partition; it received:\n${seen}`);
  for (const alert of [burn, replication]) {
    assert.equal(alert.labels.team, 'databases', 'alerts.labels reach Alertmanager and route the alert');
    assert.ok(alert.annotations.summary, `${alert.labels.alertname} has a summary`);
    for (const link of ['runbook_url', 'dashboard']) {
      const url = alert.annotations[link];
      assert.ok(url?.startsWith(`${externalUrl}/`), `${alert.labels.alertname} ${link} is under server.external_url: ${url}`);
      const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      assert.equal(response.status, 200, `${alert.labels.alertname} ${link} ${url} opens`);
      assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    }
  }
  assert.equal(burn.annotations.runbook_url, `${externalUrl}/runbooks/error-budget-burn`);
  assert.equal(burn.annotations.dashboard, `${externalUrl}/slo/avail`);
  // The partition is between r2 and r3: nothing about the region that is merely down.
  for (const alert of received.filter((alert) => alert.labels.alertname === 'RegionwatchReplicationIsolated')) {
    assert.ok(!Object.values(alert.labels).includes('r1'), `isolation is not raised for the region that is down: ${JSON.stringify(alert.labels)}`);
  }
});
