// A day of one pair's lag, read as /api/lag/series does (600 points), from the embedded history
// and from a local Prometheus holding the same day (backfilled with promtool, 5 s samples), in
// the same run. Goal: the PromQL read no worse than 2x the embedded one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYaml } from '@/lib/config/load';
import { Config } from '@/lib/config/schema';
import { PromClient } from '@/lib/promql/client';
import { lagSeries } from '@/lib/server/lag';
import type { Runtime } from '@/lib/server/runtime';
import { openEmbeddedDb } from '@/lib/store/db';
import { History, lagSeriesName } from '@/lib/store/history';
import { requireBinary } from '../tests/harness/binaries';
import { scrapeConfig, startPrometheus } from '../tests/harness/tsdb';
import { quantile } from './stats';

const DAY = 86_400_000;
const RUNS = 40;
const dir = mkdtempSync(join(tmpdir(), 'rw-bench-promql-'));
const now = Math.floor(Date.now() / 1000) * 1000;
const lagAt = (at: number) => 0.12 + 0.05 * Math.sin(at / 600_000) + (Math.floor(at / 3_600_000) % 7 === 3 ? 2 : 0);

// Embedded: one sample a second for a day, rolled up as a running process would have.
const db = openEmbeddedDb(join(dir, 'history.db'));
const history = new History(db, 35 * DAY);
for (let start = now - DAY; start < now; start += 3_600_000) {
  history.record(Array.from({ length: 3600 }, (_, second) => ({ series: lagSeriesName('a', 'b'), at: start + second * 1000, value: lagAt(start + second * 1000) })));
}
history.maintain(now);

// Prometheus: the same day at a 5 s scrape interval, written as TSDB blocks by promtool.
const promtool = requireBinary('promtool', 'prometheus');
const lines = ['# TYPE regionwatch_replication_lag_seconds gauge'];
for (let at = now - DAY; at < now; at += 5000) lines.push(`regionwatch_replication_lag_seconds{source_region="a",target_region="b"} ${lagAt(at)} ${at / 1000}`);
lines.push('# EOF');
writeFileSync(join(dir, 'lag.om'), `${lines.join('\n')}\n`);
const backfill = spawnSync(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'lag.om'), join(dir, 'prometheus', 'tsdb')], { encoding: 'utf8' });
if (backfill.status !== 0) throw new Error(`promtool backfill failed: ${backfill.stderr}`);
const prometheus = await startPrometheus(join(dir, 'prometheus'), scrapeConfig([]));

const config = parseYaml('regions: [ { name: a, store: "sqlite:/x" }, { name: b, store: "sqlite:/y" } ]\n', Config);
const embedded = { config, history, prom: null } as unknown as Runtime;
const remote = { config, history, prom: new PromClient({ url: prometheus.url, headers: {}, timeout: 10_000 }) } as unknown as Runtime;

async function measure(runtime: Runtime): Promise<{ p50: number; p95: number; points: number }> {
  const times: number[] = [];
  let points = 0;
  for (let run = 0; run < RUNS + 3; run++) {
    const started = performance.now();
    const series = await lagSeries(runtime, { source: 'a', target: 'b', from: now - DAY, to: now, points: 600 });
    if (run >= 3) times.push(performance.now() - started);
    points = series.points.length;
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), points };
}

try {
  console.log(`\nLag series, 24 h at 600 points, ${RUNS} reads each`);
  const local = await measure(embedded);
  const promql = await measure(remote);
  for (const [name, result] of [
    ['embedded history', local],
    ['Prometheus (PromQL)', promql],
  ] as const) {
    console.log(`${name.padEnd(20)} ${String(result.points).padStart(4)} points: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms`);
  }
  console.log(`PromQL / embedded: p50 ${(promql.p50 / local.p50).toFixed(2)}x, p95 ${(promql.p95 / local.p95).toFixed(2)}x (goal <= 2x)`);
} finally {
  await prometheus.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
