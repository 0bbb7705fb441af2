// Lag accuracy against the injected truth (issue 2's goal: per pair, median |error| ≤ 20 ms,
// p95 ≤ 50 ms; during a stall lag rises ≥ 0.9 s per second). Runs the demo deployment and
// the collectors in this process, exactly as `regionwatch demo` does, for DURATION seconds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYaml, loadConfigFile } from '@/lib/config/load';
import { Scenario } from '@/lib/config/scenario';
import { Simulation } from '@/sim';
import { boot } from '@/bin/boot';
import { quantile } from './stats';

const DURATION_S = Number(process.env.BENCH_ACCURACY_SECONDS ?? 60);
const STALL = { from: 'eu-west', to: 'ap-south', atS: Math.round(DURATION_S * 0.6), durationS: 8 };

const SCENARIO = `
seed: 11
regions: [us-east, us-west, eu-west, ap-south]
replication:
  delay: 300ms
  jitter: 10ms
  pairs:
    "us-east->us-west": 50ms
    "us-west->us-east": 60ms
    "us-east->eu-west": 90ms
    "eu-west->us-east": 120ms
    "us-west->eu-west": 450ms
    "eu-west->us-west": 700ms
    "us-east->ap-south": 1200ms
    "ap-south->us-east": 2000ms
    "us-west->ap-south": 1500ms
    "ap-south->us-west": 950ms
    "eu-west->ap-south": 250ms
    "ap-south->eu-west": 175ms
clock_offset: { us-west: -500ms, eu-west: 230ms, ap-south: 500ms }
workload: { writes_per_second: 20 }
collectors: { heartbeat: { interval: 100ms } }
faults:
  - { at: ${STALL.atS}s, kind: replication_stall, from: ${STALL.from}, to: ${STALL.to}, duration: ${STALL.durationS}s }
`;

const dir = mkdtempSync(join(tmpdir(), 'rw-bench-accuracy-'));
const scenario = parseYaml(SCENARIO, Scenario);
scenario.storage.path = join(dir, 'regionwatch.db');
const sim = new Simulation(scenario, { dataDir: dir });
await sim.start();
sim.writeConfig(join(dir, 'regionwatch.yaml'));
const booted = await boot(loadConfigFile(join(dir, 'regionwatch.yaml')), { log: () => {} });

const samples: { at: number; pair: string; lagMs: number; boundMs: number }[] = [];
const sampler = setInterval(() => {
  const at = Date.now();
  for (const pair of booted.runtime.signals.lag.snapshot(at).pairs) {
    if (pair.lagSeconds !== null && pair.errorBoundSeconds !== null)
      samples.push({ at, pair: `${pair.source}->${pair.target}`, lagMs: pair.lagSeconds * 1000, boundMs: pair.errorBoundSeconds * 1000 });
  }
}, 50);
process.stderr.write(`accuracy: running ${DURATION_S} s ...\n`);
await new Promise((resolve) => setTimeout(resolve, DURATION_S * 1000));
clearInterval(sampler);
const truth = sim.getTruth();
await booted.stop();
await sim.stop();
rmSync(dir, { recursive: true, force: true });

const stall = truth.faults[0];
const warmup = truth.started_at + 3000;
const stallPair = `${STALL.from}->${STALL.to}`;
const rows = Object.entries(truth.delays).map(([pair, delayMs]) => {
  const steady = samples.filter((s) => s.pair === pair && s.at > warmup && !(pair === stallPair && s.at > stall.started_at! - 200 && s.at < stall.ended_at! + 3000));
  const errors = steady.map((s) => Math.abs(s.lagMs - delayMs));
  const covered = steady.filter((s) => Math.abs(s.lagMs - delayMs) <= s.boundMs + 10).length / steady.length;
  return { pair, delay_ms: delayMs, samples: steady.length, median_error_ms: quantile(errors, 0.5), p95_error_ms: quantile(errors, 0.95), bound_coverage: covered };
});
const during = samples.filter((s) => s.pair === stallPair && s.at > stall.started_at! + 1000 && s.at < stall.ended_at! - 300);
const slope = (during.at(-1)!.lagMs - during[0].lagMs) / (during.at(-1)!.at - during[0].at);

console.log(`\nLag accuracy: 4 regions, 12 pairs, delays 50 ms–2 s, jitter ±10 ms, clock offsets up to ±500 ms, 100 ms heartbeats, ${DURATION_S} s`);
console.log('pair                   delay  samples  median|err|  p95|err|  bound covers');
for (const row of rows) {
  console.log(
    `${row.pair.padEnd(22)} ${String(row.delay_ms).padStart(5)}  ${String(row.samples).padStart(7)}  ${row.median_error_ms.toFixed(1).padStart(8)} ms  ${row.p95_error_ms.toFixed(1).padStart(5)} ms  ${(row.bound_coverage * 100).toFixed(0).padStart(5)} %`,
  );
}
console.log(`worst median ${Math.max(...rows.map((r) => r.median_error_ms)).toFixed(1)} ms, worst p95 ${Math.max(...rows.map((r) => r.p95_error_ms)).toFixed(1)} ms (goal ≤ 20 / ≤ 50)`);
console.log(`stall ${stallPair} for ${STALL.durationS} s: lag rose ${slope.toFixed(3)} s per second (goal ≥ 0.9)`);
console.log(`clock offsets (truth, ms): ${JSON.stringify(truth.clock_offsets)}`);
process.exit(0);
