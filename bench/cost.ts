// Cost of the collector at 4 and at 20 regions (380 pairs) with 100 ms heartbeats:
// /metrics scrape time, collector CPU and RSS. The simulated deployment runs in its own
// process so only `regionwatch collect` is measured.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantile } from './stats';

const MEASURE_S = Number(process.env.BENCH_COST_SECONDS ?? 30);
const CLK_TCK = 100;

function startAndWait(args: string[], pattern: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) resolve({ child, match });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${output}`)));
  });
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.split(/\s+/)[1]) / 1024;
}

async function measure(regionCount: number) {
  const dir = mkdtempSync(join(tmpdir(), `rw-bench-cost-${regionCount}-`));
  const regions = Array.from({ length: regionCount }, (_, index) => `r${String(index + 1).padStart(2, '0')}`);
  writeFileSync(join(dir, 'scenario.yaml'), `regions: [${regions.join(', ')}]\nreplication: { delay: 80ms, jitter: 10ms }\nworkload: { writes_per_second: 0 }\n`);
  const sim = await startAndWait(['--import', 'tsx', 'bench/sim-only.ts', join(dir, 'scenario.yaml'), dir], /ready (\S+)/);
  const collector = await startAndWait(['bin/regionwatch.js', 'collect', '--config', sim.match[1], '--listen', '127.0.0.1:0'], /listening on (http:\/\/\S+\/metrics)/);
  const url = collector.match[1];
  const pid = collector.child.pid!;
  try {
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const cpuStart = cpuSeconds(pid);
    const started = Date.now();
    const scrapeMs: number[] = [];
    let body = '';
    while (Date.now() - started < MEASURE_S * 1000) {
      const t0 = performance.now();
      body = await (await fetch(url)).text();
      scrapeMs.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const cpu = (cpuSeconds(pid) - cpuStart) / ((Date.now() - started) / 1000);
    return {
      regions: regionCount,
      pairs: regionCount * (regionCount - 1),
      series: body.split('\n').filter((line) => line && !line.startsWith('#')).length,
      scrape_bytes: body.length,
      scrape_p50_ms: quantile(scrapeMs, 0.5),
      scrape_p99_ms: quantile(scrapeMs, 0.99),
      cpu_percent_of_one_core: cpu * 100,
      rss_mb: rssMb(pid),
    };
  } finally {
    collector.child.kill('SIGTERM');
    sim.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (const regionCount of [4, 20]) {
  process.stderr.write(`cost: ${regionCount} regions, measuring ${MEASURE_S} s ...\n`);
  results.push(await measure(regionCount));
}
console.log('\nCollector cost (`regionwatch collect`, 100 ms heartbeats, sim in a separate process)');
console.log('regions  pairs  series  scrape KiB  scrape p50  scrape p99  CPU (1 core)  RSS');
for (const r of results) {
  console.log(
    `${String(r.regions).padStart(7)}  ${String(r.pairs).padStart(5)}  ${String(r.series).padStart(6)}  ${(r.scrape_bytes / 1024).toFixed(0).padStart(10)}  ${r.scrape_p50_ms.toFixed(1).padStart(8)} ms  ${r.scrape_p99_ms.toFixed(1).padStart(8)} ms  ${r.cpu_percent_of_one_core.toFixed(1).padStart(10)} %  ${r.rss_mb.toFixed(0)} MB`,
  );
}
process.exit(0);
