import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, startDemo, sleep, type RunningDemo } from './harness/demo';
import { requireBinary } from './harness/binaries';

// A real Prometheus scrapes the demo every second and evaluates the generated rules; after a
// few minutes its burn rates and budget must agree with what regionwatch exports itself.
const RUN_MS = Number(process.env.PROMETHEUS_AGREEMENT_MS ?? 150_000);
const SCENARIO = `
seed: 13
regions: [r1, r2, r3]
replication: { delay: 80ms, jitter: 30ms }
workload: { writes_per_second: 20 }
gtm: { check_interval: 500ms, ttl: 1s }
collectors: { probes: { interval: 250ms, timeout: 1s } }
slos:
  - { name: avail, objective: 99, window: 2m, sli: { kind: availability } }
  - { name: lag-fast, objective: 95, window: 1d, sli: { kind: replication_lag, threshold: 100ms } }
faults:
  - { at: 60s, kind: region_outage, region: r1, duration: 20s }
  - { at: 100s, kind: replication_stall, from: r2, to: r3, duration: 10s }
`;

let demo: RunningDemo;
let prometheus: ChildProcess | undefined;
let promUrl = '';
/** When Prometheus first scraped the demo: windows longer than its data cannot be compared. */
let firstScrapeAt = 0;
const dir = mkdtempSync(join(tmpdir(), 'rw-prometheus-'));

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

before(async () => {
  const binary = requireBinary('prometheus', 'prometheus');
  demo = await startDemo(SCENARIO);
  const rules = spawnSync(process.execPath, [CLI, 'rules', '--config', join(demo.dataDir, 'regionwatch.yaml')], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.equal(rules.status, 0, rules.stderr);
  writeFileSync(join(dir, 'rules.yaml'), rules.stdout);
  const target = new URL(demo.url).host;
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global: { scrape_interval: 1s, evaluation_interval: 1s }\nrule_files: [rules.yaml]\nscrape_configs:\n  - job_name: regionwatch\n    static_configs: [ { targets: ['${target}'] } ]\n`,
  );
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  prometheus = spawn(binary, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
  while (firstScrapeAt === 0 && Date.now() - started < 60_000) {
    await sleep(500);
    const up = await promQuery('up{job="regionwatch"} == 1').catch(() => []);
    if (up.length > 0) firstScrapeAt = Date.now();
  }
  assert.ok(firstScrapeAt > 0, 'Prometheus never scraped the demo');
  await sleep(RUN_MS);
});

after(async () => {
  prometheus?.kill('SIGTERM');
  await demo?.stop();
  await sleep(500);
  rmSync(dir, { recursive: true, force: true });
});

async function promQuery(query: string): Promise<{ labels: Record<string, string>; value: number }[]> {
  const response = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(query)}`, { signal: AbortSignal.timeout(5000) });
  const body = (await response.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  return body.data.result.map((sample) => ({ labels: sample.metric, value: Number(sample.value[1]) }));
}

async function exported(): Promise<{ burn: Map<string, number>; budget: Map<string, number> }> {
  const metrics = await (await fetch(`${demo.url}/metrics`)).text();
  const burn = new Map([...metrics.matchAll(/^regionwatch_slo_burn_rate\{slo="([^"]+)",window="([^"]+)"\} (\S+)$/gm)].map((match) => [`${match[1]}/${match[2]}`, Number(match[3])]));
  const budget = new Map([...metrics.matchAll(/^regionwatch_slo_error_budget_remaining_ratio\{slo="([^"]+)"\} (\S+)$/gm)].map((match) => [match[1], Number(match[2])]));
  return { burn, budget };
}

test('the generated rules run in a real Prometheus and their burn rates agree with regionwatch', async (t) => {
  const theirs = await promQuery('slo:regionwatch_burn_rate:ratio');
  const ours = await exported();
  assert.ok(theirs.length >= 8, `Prometheus evaluated ${theirs.length} burn-rate series`);
  const compared: string[] = [];
  const covered = Date.now() - firstScrapeAt - 10_000;
  for (const sample of theirs) {
    const key = `${sample.labels.slo}/${sample.labels.window}`;
    if (windowMs(sample.labels.window) > covered) continue;
    const mine = ours.burn.get(key);
    assert.ok(mine !== undefined, `regionwatch exports no burn rate for ${key}`);
    // Prometheus extrapolates increase() and evaluates up to ~2 s behind the scrape.
    const tolerance = 0.15 * Math.max(1, sample.value);
    assert.ok(Math.abs(mine - sample.value) <= tolerance, `${key}: regionwatch ${mine.toFixed(3)}, Prometheus ${sample.value.toFixed(3)}`);
    compared.push(`${key} ${mine.toFixed(2)}≈${sample.value.toFixed(2)}`);
  }
  t.diagnostic(`burn rates, regionwatch ≈ Prometheus: ${compared.join(', ')}`);
  assert.ok(compared.length >= 3, `compared ${compared.length} windows`);
  assert.ok(
    theirs.some((sample) => sample.labels.slo === 'avail' && sample.value > 0.5),
    `the outage burned the availability budget: ${compared.join(', ')}`,
  );
});

test('the error budget remaining agrees with the generated budget rule', async () => {
  // The 2 m window of `avail` is covered by Prometheus's data; the 1 d window of `lag-fast` is not.
  const theirs = (await promQuery('slo:regionwatch_error_budget_remaining:ratio')).filter((sample) => sample.labels.slo === 'avail');
  const ours = await exported();
  assert.equal(theirs.length, 1);
  for (const sample of theirs) {
    const mine = ours.budget.get(sample.labels.slo)!;
    assert.ok(Math.abs(mine - sample.value) <= 0.15 * Math.max(1, Math.abs(sample.value)), `${sample.labels.slo}: regionwatch ${mine}, Prometheus ${sample.value}`);
    assert.ok(mine < 1, `${sample.labels.slo} spent some budget (${mine})`);
  }
});

function windowMs(window: string): number {
  let ms = 0;
  for (const [, count, unit] of window.matchAll(/(\d+)([dhms])/g)) ms += Number(count) * { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 }[unit as 'd' | 'h' | 'm' | 's'];
  return ms;
}
