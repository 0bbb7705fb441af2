// Accuracy of failover detection and failover duration over many injected outages:
// runs the demo with N region outages (rotating regions) and compares /api/failovers with
// /api/sim/truth. Probe interval 250 ms, GTM check 500 ms, TTL 2 s.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FailoverList } from '@/lib/api/types';
import type { SimTruth } from '@/sim/truth';

const OUTAGES = Number(process.env.BENCH_OUTAGES ?? 12);
const SPACING_S = 14;
const REGIONS = ['r1', 'r2', 'r3', 'r4'];
const faults = Array.from({ length: OUTAGES }, (_, index) => `  - { at: ${5 + index * SPACING_S}s, kind: region_outage, region: ${REGIONS[index % REGIONS.length]}, duration: 6s }`).join('\n');
const scenario = `seed: 21
regions: [${REGIONS.join(', ')}]
replication: { delay: 70ms, jitter: 10ms }
workload: { writes_per_second: 20 }
gtm: { check_interval: 500ms, ttl: 2s }
collectors: { probes: { interval: 250ms, timeout: 1s } }
faults:
${faults}
`;

const dir = mkdtempSync(join(tmpdir(), 'rw-bench-failover-'));
writeFileSync(join(dir, 'scenario.yaml'), scenario);
const child = spawn(process.execPath, ['bin/regionwatch.js', 'demo', '--port', '0', '--data', dir, '--scenario', join(dir, 'scenario.yaml')], { stdio: ['ignore', 'pipe', 'pipe'] });
const url = await new Promise<string>((resolve, reject) => {
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(output);
    if (match) resolve(match[1]);
  });
  child.on('exit', () => reject(new Error(output)));
});
const totalS = 5 + OUTAGES * SPACING_S + 4;
process.stderr.write(`failover: ${OUTAGES} outages, ${totalS} s ...\n`);
await new Promise((resolve) => setTimeout(resolve, totalS * 1000));
const truth = (await (await fetch(`${url}/api/sim/truth`)).json()) as SimTruth;
const measured = (await (await fetch(`${url}/api/failovers`)).json()) as FailoverList;
child.kill('SIGTERM');

const detection: number[] = [];
const durationError: number[] = [];
const rows: string[] = [];
for (const injected of truth.failovers) {
  const match = measured.items.find((item) => item.region === injected.region && Math.abs(item.detected_at - injected.started_at) < 3000);
  if (!match || injected.rerouted_at === null || match.duration_seconds === null) {
    rows.push(`${injected.region}  missed (truth ${JSON.stringify(injected)})`);
    continue;
  }
  const truthSeconds = (injected.rerouted_at - injected.started_at) / 1000;
  detection.push(match.detected_at - injected.started_at);
  durationError.push((match.duration_seconds - truthSeconds) * 1000);
  rows.push(
    `${injected.region}  detected +${match.detected_at - injected.started_at} ms   failover ${match.duration_seconds.toFixed(3)} s vs injected ${truthSeconds.toFixed(3)} s (${((match.duration_seconds - truthSeconds) * 1000).toFixed(0)} ms)`,
  );
}
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const abs = values.map(Math.abs).sort((a, b) => a - b);
  return `mean ${(values.reduce((sum, value) => sum + value, 0) / values.length).toFixed(0)} ms, median |err| ${abs[Math.floor(abs.length / 2)].toFixed(0)} ms, max |err| ${abs.at(-1)!.toFixed(0)} ms, range ${sorted[0].toFixed(0)}…${sorted.at(-1)!.toFixed(0)} ms`;
};
console.log(`\nFailover accuracy over ${truth.failovers.length} injected outages (probe interval 250 ms, GTM check 500 ms, TTL 2 s)`);
for (const row of rows) console.log(`  ${row}`);
console.log(`detection delay (first failed probe − outage start): ${stats(detection)}`);
console.log(`failover duration error (measured − injected):       ${stats(durationError)}`);
console.log(`matched ${detection.length}/${truth.failovers.length}; false failovers: ${measured.items.length - detection.length}`);
rmSync(dir, { recursive: true, force: true });
process.exit(0);
