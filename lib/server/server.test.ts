import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RESOLUTION_POLICIES, type ConflictRecord } from '@/lib/domain/conflict';
import { lagStatus } from '@/lib/domain/lag-status';
import { goodSeries, totalSeries } from '@/lib/slo/status';
import { conflictDetail } from './conflicts';
import { divergenceEntities, divergenceOverview, findCheck } from './divergence';
import { failoverList, regionHealth } from './failovers';
import { health, lagMatrix, topology } from './lag';
import { sloSummary } from './slo';
import { NOW, REGIONS, config, FAILOVER, buildRuntime } from './test-runtime';

test('lag matrix cells are the lag snapshot: lag, error bound with the source clock error, status at the threshold edges', () => {
  const { runtime, lag } = buildRuntime();
  const matrix = lagMatrix(runtime, NOW);
  const snapshot = lag.snapshot(NOW);
  assert.deepEqual(
    matrix.cells,
    snapshot.pairs.map((pair) => ({
      source_region: pair.source,
      target_region: pair.target,
      lag_seconds: pair.lagSeconds,
      error_bound_seconds: pair.errorBoundSeconds,
      status: pair.status,
      backlog: pair.backlog,
    })),
  );
  assert.equal(matrix.at, NOW);
  assert.equal(matrix.threshold_seconds, 2);
  assert.deepEqual(matrix.regions, REGIONS);
  const cell = (source: string, target: string) => matrix.cells.find((candidate) => candidate.source_region === source && candidate.target_region === target)!;
  assert.deepEqual(
    matrix.cells.map((candidate) => [`${candidate.source_region}->${candidate.target_region}`, candidate.lag_seconds, candidate.status]),
    [
      ['us-east->eu-west', 0.999, 'ok'],
      ['us-east->ap-south', 1, 'warning'],
      ['eu-west->us-east', 2, 'breach'],
      ['eu-west->ap-south', 1.999, 'warning'],
      ['ap-south->us-east', null, 'unknown'],
      ['ap-south->eu-west', 2.5, 'breach'],
    ],
  );
  for (const candidate of matrix.cells) assert.equal(candidate.status, lagStatus(candidate.lag_seconds, matrix.threshold_seconds));
  assert.equal(cell('us-east', 'eu-west').error_bound_seconds, (10 + 4) / 1000);
  assert.equal(cell('eu-west', 'us-east').error_bound_seconds, (12 + 30) / 1000, "the source's clock-offset error widens the bound");
  assert.equal(cell('ap-south', 'eu-west').error_bound_seconds, 14 / 1000, 'an unknown clock error adds nothing');
  assert.deepEqual([cell('ap-south', 'us-east').error_bound_seconds, cell('ap-south', 'us-east').backlog], [null, null]);
  assert.equal(cell('eu-west', 'ap-south').backlog, 3);
});

test('health is starting until the runner is ready, then ok or degraded by every collector; topology carries clocks and reachability', () => {
  const { runtime, statuses, collectors } = buildRuntime();
  statuses.push({ name: 'heartbeat', region: 'us-east', up: true, lastRun: NOW, error: null }, { name: 'heartbeat', region: 'eu-west', up: true, lastRun: NOW, error: null });
  assert.equal(health(runtime).status, 'starting');
  collectors.isReady = true;
  assert.equal(health(runtime).status, 'ok');
  statuses.push({ name: 'conflicts', region: 'eu-west', up: false, lastRun: NOW - 1000, error: 'conflict log read in eu-west: no such table' });
  const degraded = health(runtime);
  assert.equal(degraded.status, 'degraded');
  assert.deepEqual(degraded.collectors[2], { name: 'conflicts', region: 'eu-west', up: false, last_run: NOW - 1000, error: 'conflict log read in eu-west: no such table' });

  const view = topology(runtime);
  assert.deepEqual(view.regions, [
    { name: 'us-east', geos: ['na-east'], heartbeat_write_success: true, clock_offset_seconds: 0, clock_offset_error_seconds: 0.004, up: true },
    { name: 'eu-west', geos: ['europe', 'na-east'], heartbeat_write_success: false, clock_offset_seconds: -0.25, clock_offset_error_seconds: 0.03, up: false },
    { name: 'ap-south', geos: [], heartbeat_write_success: null, clock_offset_seconds: null, clock_offset_error_seconds: null, up: false },
  ]);
  assert.deepEqual(view.geos, ['na-east', 'europe']);
  assert.deepEqual(view.domains, [{ name: 'carts', mode: 'active-active', home: 'us-east' }]);
  assert.equal(view.pairs.length, 6);
  assert.equal(view.demo, false);
});

const entity = (key: string) => ({ key, kind: 'differs' as const, a: { hash: 'aa', row: { email: 'a@x' } }, b: { hash: 'bb', row: { email: 'b@x' } } });
const STATS = { rowsA: 100, rowsB: 101, bucketsCompared: 16, roundTrips: 4, bytes: 2048, durationMs: 1500, candidates: 1 };

test('divergence overview and entities show the signal’s verdict, age, currency and unsettled candidates', () => {
  const { runtime, frontier, divergence } = buildRuntime();
  const checkedAt = NOW - 10_000;
  divergence.recordCheck({
    dataset: 'users',
    regionA: 'eu-west',
    regionB: 'us-east',
    checkedAt,
    entities: [],
    unsettled: [{ ...entity('7'), firstSeenAt: checkedAt - 5_000, waitingOn: ['ap-south->eu-west'] }],
    stats: STATS,
  });
  divergence.recordCheck({ dataset: 'users', regionA: 'ap-south', regionB: 'us-east', checkedAt, entities: [entity('9')], unsettled: [], stats: STATS });
  divergence.recordFailure('users', 'ap-south', 'eu-west', 'divergence build on ap-south: timed out after 60000 ms', checkedAt);

  const overview = divergenceOverview(runtime, NOW);
  assert.deepEqual(overview.datasets, [{ name: 'users', table: 'users', key: ['id'], columns: ['email'] }]);
  assert.deepEqual(overview.regions, REGIONS);
  const row = (a: string, b: string) => overview.checks.find((check) => check.region_a === a && check.region_b === b)!;
  assert.deepEqual(row('eu-west', 'us-east'), {
    dataset: 'users',
    region_a: 'eu-west',
    region_b: 'us-east',
    checked_at: checkedAt,
    divergent_entities: 0,
    unsettled_entities: 1,
    verdict: 'in_flight',
    age_seconds: 10,
    current: true,
    rows_a: 100,
    rows_b: 101,
    duration_seconds: 1.5,
    round_trips: 4,
    bytes: 2048,
    error: null,
  });
  assert.deepEqual([row('ap-south', 'us-east').verdict, row('ap-south', 'us-east').divergent_entities, row('ap-south', 'us-east').current], ['divergent', 1, true]);
  assert.deepEqual([row('ap-south', 'eu-west').verdict, row('ap-south', 'eu-west').current, row('ap-south', 'eu-west').rows_a], ['error', false, null]);

  const asked = divergenceEntities('users', 'us-east', 'eu-west', findCheck(runtime, 'users', 'us-east', 'eu-west', NOW));
  assert.equal(asked.region_a, 'eu-west', 'regions come back in name order whichever order was asked');
  assert.deepEqual(asked.entities, []);
  assert.deepEqual(asked.unsettled, [
    { key: '7', region_a: 'eu-west', region_b: 'us-east', kind: 'differs', a: entity('7').a, b: entity('7').b, first_seen_at: checkedAt - 5_000, waiting_on: ['ap-south->eu-west'] },
  ]);
  assert.deepEqual([asked.verdict, asked.current, asked.checked_at], ['in_flight', true, checkedAt]);

  // Every region has since applied every other's writes from after the check: the in-flight verdict is stale.
  frontier.setAll(checkedAt);
  assert.equal(divergenceOverview(runtime, NOW).checks.find((check) => check.region_a === 'eu-west')!.current, true, 'landed up to the check, not past it');
  frontier.setAll(checkedAt + 1);
  const later = divergenceOverview(runtime, NOW + 20_000);
  const laterRow = (a: string, b: string) => later.checks.find((check) => check.region_a === a && check.region_b === b)!;
  assert.deepEqual([laterRow('eu-west', 'us-east').verdict, laterRow('eu-west', 'us-east').current, laterRow('eu-west', 'us-east').age_seconds], ['in_flight', false, 30]);
  assert.equal(laterRow('ap-south', 'us-east').current, true, 'a settled divergent verdict stays current');
  assert.equal(findCheck(runtime, 'users', 'eu-west', 'us-east', NOW + 20_000)?.current, false);
});

test('SLO summaries are the SLO signal’s last computed status, events included (divergence counts from their owner)', () => {
  const { runtime, history, lag, divergence, slo } = buildRuntime();
  history.record([
    { series: goodSeries('lag-eu'), at: NOW - 90 * 60_000, value: 0 },
    { series: totalSeries('lag-eu'), at: NOW - 90 * 60_000, value: 0 },
    { series: goodSeries('lag-eu'), at: NOW - 10 * 60_000, value: 10 },
    { series: totalSeries('lag-eu'), at: NOW - 10 * 60_000, value: 10 },
  ]);
  for (let index = 0; index < 20; index++) lag.observe('us-east', 'eu-west', index < 15 ? 0.5 : 2.5);
  lag.observe('eu-west', 'us-east', 9); // another pair: not this SLO's
  divergence.recordCheck({ dataset: 'users', regionA: 'eu-west', regionB: 'us-east', checkedAt: NOW, entities: [], unsettled: [], stats: STATS });
  divergence.recordCheck({ dataset: 'users', regionA: 'eu-west', regionB: 'us-east', checkedAt: NOW, entities: [entity('1')], unsettled: [], stats: STATS });
  const refreshed = slo.refresh(NOW);

  for (const { slo: sloConfig, status } of refreshed.slos) {
    const summary = sloSummary(runtime, sloConfig);
    assert.equal(summary.error_budget_remaining, status.budgetRemaining);
    assert.deepEqual(summary.burn_rates, status.burnRates);
    assert.deepEqual(summary.events, status.events);
    assert.deepEqual(
      summary.alerts.map((alert) => [alert.long_window, alert.firing]),
      status.alerts.map((alert) => [alert.longWindow, alert.firing]),
    );
  }
  const lagSummary = sloSummary(runtime, config.slos[0]);
  assert.deepEqual(lagSummary.events, { good: 15, total: 20 });
  assert.ok(Math.abs(lagSummary.burn_rates['5m']! - 50) < 1e-9, `5m burn ${lagSummary.burn_rates['5m']}: 5 bad of 10 since 10 min ago`);
  assert.ok(Math.abs(lagSummary.burn_rates['1h']! - 25) < 1e-9, `1h burn ${lagSummary.burn_rates['1h']}: 5 bad of 20 since 90 min ago`);
  assert.equal(lagSummary.sli.threshold_seconds, 2);
  assert.deepEqual(sloSummary(runtime, config.slos[1]).events, { good: 1, total: 2 });

  // Between recording ticks the summary does not move, even when new events arrive.
  lag.observe('us-east', 'eu-west', 5);
  assert.deepEqual(sloSummary(runtime, config.slos[0]).events, { good: 15, total: 20 });
  slo.refresh(NOW + 1000);
  assert.deepEqual(sloSummary(runtime, config.slos[0]).events, { good: 15, total: 21 });
});

test('region health is the probe signal over the window ending at `now`; failovers come from the store', async () => {
  const { runtime, failoverStore } = buildRuntime();
  const view = await regionHealth(runtime, 5 * 60_000, NOW);
  assert.equal(view.window_seconds, 300);
  assert.deepEqual(view.regions, [
    { region: 'us-east', up: true, probes: 4, error_rate: 0, latency_seconds: { p50: 0.03, p95: 0.04, p99: 0.04 }, last_error: null },
    { region: 'eu-west', up: false, probes: 2, error_rate: 0.5, latency_seconds: { p50: 0.05, p95: 0.05, p99: 0.05 }, last_error: 'connect ECONNREFUSED' },
    { region: 'ap-south', up: null, probes: 0, error_rate: null, latency_seconds: null, last_error: null },
  ]);
  assert.deepEqual(view.routes, [{ geo: 'europe', regions: ['ap-south', 'us-east'] }]);
  assert.equal((await regionHealth(runtime, 15 * 60_000, NOW)).regions[0].error_rate, 0.2, 'a longer window reaches the older failure');

  failoverStore.save(FAILOVER);
  failoverStore.save({ ...FAILOVER, id: 2, region: 'us-east', detectedAt: NOW - 86_400_000, reroutedAt: null, recoveredAt: NOW - 86_000_000, failbackAt: NOW - 85_000_000 });
  assert.deepEqual(failoverList(runtime, NOW - 60_000, NOW).items, [
    { id: 1, region: 'eu-west', geos: ['europe'], detected_at: NOW - 5_000, rerouted_at: NOW - 2_500, recovered_at: null, failback_at: null, duration_seconds: 2.5, to_regions: ['us-east'] },
  ]);
  assert.deepEqual(
    failoverList(runtime).items.map((item) => [item.id, item.duration_seconds]),
    [
      [2, null],
      [1, 2.5],
    ],
  );
});

function conflict(id: number, entityType: string, resolution: ConflictRecord['resolution']): ConflictRecord {
  return {
    sourceKey: `ingest:${id}`,
    origin: 'ingest',
    detectedAt: NOW - id * 1000,
    sourceRegion: 'us-east',
    targetRegion: 'eu-west',
    entityType,
    entityKey: `k${id}`,
    resolution,
    winner: null,
    localVersion: JSON.stringify({ qty: 1, note: 'a' }),
    remoteVersion: JSON.stringify({ qty: 2, note: 'a' }),
    localTs: null,
    remoteTs: null,
    merged: null,
    resolvedAt: NOW,
  };
}

test('a conflict’s policy is the configured one for its entity type, else the text for its resolution kind', () => {
  const { runtime } = buildRuntime();
  runtime.simTruth = () => assert.fail('conflict details must not consult the simulator');
  runtime.ingestConflicts([conflict(1, 'cart', 'lww'), conflict(2, 'user', 'crdt'), conflict(3, 'user', 'manual')]);
  const ids = runtime.conflicts.db.prepare('SELECT id, entity_key FROM conflicts ORDER BY id').all() as { id: number; entity_key: string }[];
  const detail = (key: string) => conflictDetail(runtime, ids.find((row) => row.entity_key === key)!.id)!;
  assert.equal(detail('k1').policy, 'Carts keep the union of line items from both regions.');
  assert.equal(detail('k2').policy, RESOLUTION_POLICIES.crdt);
  assert.equal(detail('k3').policy, RESOLUTION_POLICIES.manual);
  assert.deepEqual(detail('k1').differing_fields, ['qty']);
  assert.equal(conflictDetail(runtime, 999), null);
});
