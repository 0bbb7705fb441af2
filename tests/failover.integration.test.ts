import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, getJson, sleep, type RunningDemo } from './harness/demo';
import type { FailoverList, IncidentList, RegionHealth } from '@/lib/api/types';
import type { SimTruth } from '@/sim/truth';

const PROBE_INTERVAL_MS = 250;
const SCENARIO = `
seed: 4
regions: [r1, r2, r3]
replication: { delay: 60ms, jitter: 5ms, pairs: { "r1->r2": 40ms, "r1->r3": 90ms }, catchup_rate: 100 }
workload: { writes_per_second: 30 }
gtm: { check_interval: 500ms, ttl: 2s }
collectors: { probes: { interval: ${PROBE_INTERVAL_MS}ms, timeout: 1s } }
faults:
  - { at: 4s, kind: region_outage, region: r1, duration: 8s }
  - { at: 20s, kind: partition, regions: [r2, r3], duration: 6s }
`;

let demo: RunningDemo;
let truth: SimTruth;
let failovers: FailoverList;
let incidents: IncidentList;
const openBacklogIncidents: IncidentList['items'] = [];
const backlogSamples: { at: number; backlog: number }[] = [];

before(async () => {
  demo = await startDemo(SCENARIO);
  const deadline = Date.now() + 60_000;
  for (;;) {
    await sleep(250);
    truth = await getJson<SimTruth>(`${demo.url}/api/sim/truth`);
    const metrics = await (await fetch(`${demo.url}/metrics`)).text();
    const backlog = [...metrics.matchAll(/^regionwatch_replication_backlog\{source_region="(r2|r3)",target_region="r1"\} (\S+)$/gm)].reduce((sum, match) => sum + Number(match[2]), 0);
    backlogSamples.push({ at: Date.now(), backlog });
    const current = await getJson<IncidentList>(`${demo.url}/api/incidents`);
    openBacklogIncidents.push(...current.items.filter((item) => item.kind === 'backlog' && item.closed_at === null));
    const partition = truth.faults[1];
    if ((partition.ended_at !== null && Date.now() > partition.ended_at + 3000) || Date.now() > deadline) break;
  }
  failovers = await getJson<FailoverList>(`${demo.url}/api/failovers`);
  await sleep(3500); // incidents close once their condition has been gone for 3 s
  incidents = await getJson<IncidentList>(`${demo.url}/api/incidents`);
});

after(async () => {
  await demo?.stop();
});

test('the measured failover duration matches the injected one within a probe interval + 100 ms', () => {
  const [injected] = truth.failovers;
  assert.ok(injected && injected.rerouted_at !== null, JSON.stringify(truth.failovers));
  const measured = failovers.items.filter((item) => item.region === 'r1');
  assert.equal(measured.length, 1, JSON.stringify(failovers.items));
  const [failover] = measured;
  const truthSeconds = (injected.rerouted_at! - injected.started_at) / 1000;
  const tolerance = (PROBE_INTERVAL_MS + 100) / 1000;
  assert.ok(Math.abs(failover.duration_seconds! - truthSeconds) <= tolerance, `measured ${failover.duration_seconds} s, injected ${truthSeconds} s`);
  const detectionMs = failover.detected_at - injected.started_at;
  assert.ok(detectionMs >= 0 && detectionMs <= PROBE_INTERVAL_MS + 100, `detected within one probe interval (+100 ms): ${detectionMs} ms after the outage began`);
  assert.deepEqual(failover.geos, ['r1-clients']);
  assert.deepEqual(failover.to_regions, ['r2'], 'the nearest healthy region takes the traffic');
  assert.ok(failover.recovered_at !== null && Math.abs(failover.recovered_at - injected.recovered_at!) <= PROBE_INTERVAL_MS + 100);
  assert.ok(failover.failback_at !== null && failover.failback_at >= failover.recovered_at!);
});

test('a partition is not a failover', () => {
  assert.ok(!failovers.items.some((item) => item.region === 'r2' || item.region === 'r3'));
});

test('failover metrics are exported', async () => {
  const metrics = await (await fetch(`${demo.url}/metrics`)).text();
  assert.match(metrics, /^regionwatch_failovers_total\{from_region="r1",to_region="r2"\} 1$/m);
  assert.match(metrics, /^regionwatch_failover_duration_seconds_count\{from_region="r1",to_region="r2"\} 1$/m);
  assert.match(metrics, /^regionwatch_region_up\{region="r1"\} 1$/m);
  assert.match(metrics, /^regionwatch_gtm_route\{geo="r1-clients",region="r1"\} 1$/m);
  const failures = Number(/^regionwatch_probe_failures_total\{region="r1"\} (\d+)$/m.exec(metrics)?.[1]);
  assert.ok(failures >= 8000 / PROBE_INTERVAL_MS - 4, `${failures} failed probes during the 8 s outage`);
});

test('after recovery the backlog drains to 0 and its incident reports a drain rate and closes', () => {
  const [injected] = truth.failovers;
  const afterRecovery = backlogSamples.filter(({ at }) => at > injected.recovered_at! + 500);
  assert.ok(Math.max(...afterRecovery.map(({ backlog }) => backlog)) > 20, 'a backlog built up during the outage');
  const settled = backlogSamples.filter(({ at }) => at > truth.faults[1].started_at!);
  assert.ok(
    settled.every(({ backlog }) => backlog <= 6),
    `drained: ${JSON.stringify(settled.slice(0, 4))}`,
  );
  assert.ok(
    openBacklogIncidents.some((item) => item.regions[0] === 'r1' && Number(item.details.drain_per_second) > 0 && Number(item.details.eta_seconds) > 0),
    JSON.stringify(openBacklogIncidents.slice(-2)),
  );
  const backlog = incidents.items.filter((item) => item.kind === 'backlog');
  assert.ok(backlog.length >= 1 && backlog.every((item) => item.closed_at !== null), JSON.stringify(backlog));
  assert.match(backlog[0].runbook, /catching up/);
});

test('a partition is one incident for both regions (not a failover), listing the stale reads it causes, closed after it heals', () => {
  const partition = truth.faults[1];
  const during = incidents.items.filter((item) => item.opened_at > partition.started_at! && item.opened_at < partition.ended_at!);
  assert.deepEqual(
    during.map((item) => [item.kind, item.regions.join(',')]),
    [['isolation', 'r2,r3']],
    `one cause, one incident: ${JSON.stringify(during)}`,
  );
  const [item] = during;
  const pairs = (item.details.stalled_pairs as { source: string; target: string }[]).map((pair) => `${pair.source}->${pair.target}`).sort();
  assert.deepEqual(pairs, ['r2->r3', 'r3->r2'], 'both directions');
  assert.ok(
    (item.details.stale_reads as { region: string }[]).some((entry) => entry.region === 'r3'),
    'clients of r3 read stale data during the partition: listed in the incident',
  );
  // closed_at is the last cycle (1 s apart) at which the stall was still observed.
  assert.ok(item.closed_at !== null && item.closed_at >= partition.ended_at! - 1500, `closed once it healed (${item.closed_at! - partition.ended_at!} ms)`);
});

test('per-region error rate and probe latency percentiles are served', async () => {
  const health = await getJson<RegionHealth>(`${demo.url}/api/regions/health?window=15m`);
  const r1 = health.regions.find((region) => region.region === 'r1')!;
  assert.ok(r1.error_rate! > 0.1 && r1.error_rate! < 0.6, `r1 error rate ${r1.error_rate}`);
  assert.equal(health.regions.find((region) => region.region === 'r2')!.error_rate, 0);
  assert.ok(r1.latency_seconds && r1.latency_seconds.p50 <= r1.latency_seconds.p95 && r1.latency_seconds.p95 <= r1.latency_seconds.p99);
  assert.deepEqual(health.routes.find((route) => route.geo === 'r1-clients')?.regions, ['r1']);
});
