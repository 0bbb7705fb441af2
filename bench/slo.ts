// The burn-down of a 30-day SLO window at 1-minute resolution (43,200 points per series),
// computed and serialised as /api/slo/{name} does. Goal: < 200 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedDb } from '@/lib/store/db';
import { History } from '@/lib/store/history';
import { ConflictStore } from '@/lib/store/conflicts';
import { FailoverStore } from '@/lib/store/failovers';
import { goodSeries, sloStatus, totalSeries } from '@/lib/slo/status';
import { sloDetail } from '@/lib/server/slo';
import type { Runtime } from '@/lib/server/runtime';
import { parseYaml } from '@/lib/config/load';
import { Config } from '@/lib/config/schema';
import { quantile } from './stats';

const DAY = 86_400_000;
const MINUTE = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'rw-bench-slo-'));
const db = openEmbeddedDb(join(dir, 'history.db'));
const history = new History(db, 35 * DAY);
const config = parseYaml('regions: [ { name: a, store: "sqlite:/x" } ]\nslos: [ { name: avail, objective: 99.9, window: 30d, sli: { kind: availability } } ]\n', Config);
const now = Math.floor(Date.now() / MINUTE) * MINUTE;

// 30 days, one reading per minute: 1,000 probes a minute, 0.05 % failing, with a 2-hour outage on day 12.
let good = 0;
let total = 0;
const samples = [];
for (let minute = 30 * 24 * 60; minute >= 0; minute--) {
  total += 1000;
  const outage = minute > 18 * 24 * 60 - 120 && minute <= 18 * 24 * 60;
  good += outage ? 700 : 999.5;
  samples.push({ series: goodSeries('avail'), at: now - minute * MINUTE, value: good }, { series: totalSeries('avail'), at: now - minute * MINUTE, value: total });
}
history.record(samples);
history.maintain(now + MINUTE);
// The SLO signal's snapshot, as the recorder leaves it each second.
const slo = { snapshot: () => ({ at: now, slos: [{ slo: config.slos[0], status: sloStatus(config.slos[0], history, { good, total }, now) }] }) };
const runtime = { config, history, prom: null, signals: { slo }, conflicts: new ConflictStore(db), failoverStore: new FailoverStore(db) } as unknown as Runtime;

console.log(`\nSLO burn-down, 30-day window, ${history.query(goodSeries('avail'), now - 30 * DAY, now, now).length.toLocaleString('en')} one-minute points per series`);
for (const points of [1000, 43_200]) {
  const times: number[] = [];
  let bytes = 0;
  let returned = 0;
  for (let run = 0; run < 15; run++) {
    const started = performance.now();
    const detail = await sloDetail(runtime, config.slos[0], points, now);
    bytes = JSON.stringify(detail).length;
    times.push(performance.now() - started);
    returned = detail.burn_down.length;
  }
  console.log(
    `points=${String(points).padEnd(6)} burn-down ${String(returned).padStart(6)} points, ${(bytes / 1024).toFixed(0)} KiB JSON: p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms (goal < 200 ms)`,
  );
}
db.close();
rmSync(dir, { recursive: true, force: true });
