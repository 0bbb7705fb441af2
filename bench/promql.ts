// A day of one pair's lag, read as /api/lag/series does (600 points), from the embedded history
// and from a local Prometheus holding the same day (backfilled with promtool, 5 s samples), in
// the same run. Goal: the PromQL read no worse than 2x the embedded one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYaml } from '@/lib/config/load';
import { Config } from '@/lib/config/schema';
import { PromClient, stepFor } from '@/lib/promql/client';
import { lagSeries } from '@/lib/server/lag';
import { sloDetail } from '@/lib/server/slo';
import { readSloStatuses } from '@/lib/promql/slo';
import { goodSeries, sloStatus, totalSeries } from '@/lib/slo/status';
import { ConflictStore } from '@/lib/store/conflicts';
import { FailoverStore } from '@/lib/store/failovers';
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

// Lag observations: 10 a second, those over 1 s during the lag spikes (every seventh hour).
const OBSERVATIONS_PER_S = 10;
const countsAt = (at: number) => {
  const seconds = (at - (now - DAY)) / 1000;
  const spikeHours = Math.floor(seconds / 3600 / 7) + (Math.floor(seconds / 3600) % 7 > 3 ? 1 : 0);
  const bad = (spikeHours * 3600 + (Math.floor(seconds / 3600) % 7 === 3 ? seconds % 3600 : 0)) * OBSERVATIONS_PER_S * 0.02;
  return { total: seconds * OBSERVATIONS_PER_S, good: seconds * OBSERVATIONS_PER_S - bad };
};

// Embedded: one sample a second for a day, rolled up as a running process would have.
const db = openEmbeddedDb(join(dir, 'history.db'));
const history = new History(db, 35 * DAY);
for (let start = now - DAY; start < now; start += 3_600_000) {
  history.record(
    Array.from({ length: 3600 }, (_, second) => {
      const at = start + second * 1000;
      const counts = countsAt(at);
      return [
        { series: lagSeriesName('a', 'b'), at, value: lagAt(at) },
        { series: goodSeries('lag'), at, value: counts.good },
        { series: totalSeries('lag'), at, value: counts.total },
      ];
    }).flat(),
  );
}
history.maintain(now);

// Prometheus: the same day at a 5 s scrape interval, written as TSDB blocks by promtool.
const promtool = requireBinary('promtool', 'prometheus');
const lines = ['# TYPE regionwatch_replication_lag_seconds gauge'];
lines.push('# TYPE regionwatch_replication_lag_observed_seconds histogram');
for (let at = now - DAY; at < now; at += 5000) {
  const counts = countsAt(at);
  const pair = 'source_region="a",target_region="b"';
  lines.push(`regionwatch_replication_lag_seconds{${pair}} ${lagAt(at)} ${at / 1000}`);
  lines.push(`regionwatch_replication_lag_observed_seconds_bucket{${pair},le="1"} ${counts.good} ${at / 1000}`);
  lines.push(`regionwatch_replication_lag_observed_seconds_bucket{${pair},le="+Inf"} ${counts.total} ${at / 1000}`);
  lines.push(`regionwatch_replication_lag_observed_seconds_count{${pair}} ${counts.total} ${at / 1000}`);
  lines.push(`regionwatch_replication_lag_observed_seconds_sum{${pair}} ${counts.total * 0.2} ${at / 1000}`);
}
lines.push('# EOF');
writeFileSync(join(dir, 'lag.om'), `${lines.join('\n')}\n`);
const backfill = spawnSync(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'lag.om'), join(dir, 'prometheus', 'tsdb')], { encoding: 'utf8' });
if (backfill.status !== 0) throw new Error(`promtool backfill failed: ${backfill.stderr}`);
const prometheus = await startPrometheus(join(dir, 'prometheus'), scrapeConfig([]));

const config = parseYaml(
  'regions: [ { name: a, store: "sqlite:/x" }, { name: b, store: "sqlite:/y" } ]\nslos: [ { name: lag, objective: 99, window: 1d, sli: { kind: replication_lag, threshold: 1s } } ]\n',
  Config,
);
const slo = config.slos[0];
const prom = new PromClient({ url: prometheus.url, headers: {}, timeout: 10_000 });
const stores = { conflicts: new ConflictStore(db), failoverStore: new FailoverStore(db) };
// Each side's SLO status as its signal holds it: from the embedded history, or read from the backend.
const local = { at: now, slos: [{ slo, status: sloStatus(slo, history, countsAt(now), now) }] };
const fromBackend = { at: now, slos: await readSloStatuses(prom, config.slos, now) };
const embedded = { config, history, prom: null, signals: { slo: { snapshot: () => local } }, ...stores } as unknown as Runtime;
const remote = { config, history, prom, remote: { assertAnswering: () => {} }, signals: { slo: { snapshot: () => fromBackend } }, ...stores } as unknown as Runtime;

async function measure(read: () => Promise<number>): Promise<{ p50: number; p95: number; points: number }> {
  const times: number[] = [];
  let points = 0;
  for (let run = 0; run < RUNS + 3; run++) {
    const started = performance.now();
    points = await read();
    if (run >= 3) times.push(performance.now() - started);
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), points };
}

type Measured = Awaited<ReturnType<typeof measure>>;

function report(title: string, unit: string, local: Measured, promql: Measured, floor?: Measured): void {
  console.log(`\n${title}, ${RUNS} reads each`);
  const rows: [string, Measured][] = [
    ['embedded history', local],
    ['Prometheus (PromQL)', promql],
  ];
  if (floor) rows.push(['the bare HTTP query', floor]);
  for (const [name, result] of rows) {
    console.log(`${name.padEnd(20)} ${String(result.points).padStart(5)} ${unit}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms`);
  }
  console.log(`PromQL / embedded: p50 ${(promql.p50 / local.p50).toFixed(2)}x, p95 ${(promql.p95 / local.p95).toFixed(2)}x (goal <= 2x)`);
}

const lagRead = (runtime: Runtime) => async () => (await lagSeries(runtime, { source: 'a', target: 'b', from: now - DAY, to: now, points: 600 })).points.length;
// The floor any reader pays: the same query_range as a bare fetch and JSON.parse, no validation or shaping.
const bareLagRead = async () => {
  const params = new URLSearchParams({
    query: 'max(regionwatch_replication_lag_seconds{source_region="a",target_region="b"})',
    start: String((now - DAY) / 1000),
    end: String(now / 1000),
    step: String(stepFor(now - DAY, now, 600) / 1000),
  });
  const body = (await (await fetch(`${prometheus.url}/api/v1/query_range?${params}`)).json()) as { data: { result: { values: unknown[] }[] } };
  return body.data.result[0]?.values.length ?? 0;
};
const sloRead = (runtime: Runtime) => async () => (await sloDetail(runtime, slo, 1000, now)).burn_down.length;

try {
  report('Lag series, 24 h at 600 points', 'points', await measure(lagRead(embedded)), await measure(lagRead(remote)), await measure(bareLagRead));
  report('SLO page data, 1-day lag SLO, burn-down at 1000 points', 'points', await measure(sloRead(embedded)), await measure(sloRead(remote)));
  const [budgetLocal, budgetRemote] = [local.slos[0].status.budgetRemaining, fromBackend.slos[0].status.budgetRemaining];
  console.log(`budget remaining: embedded ${budgetLocal.toFixed(4)}, from Prometheus's counters ${budgetRemote.toFixed(4)}`);
} finally {
  await prometheus.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
