import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T0, incident } from './fixtures';
import { describeKindCounts, firstOfEachKind, incidentFacts, incidentOpenMs, mostUrgentFirst, orderIncidents, splitIncidents } from './incidents';

test('open incidents come first, each group newest first', () => {
  const ordered = orderIncidents([
    incident({ id: 1, opened_at: T0, closed_at: null }),
    incident({ id: 2, opened_at: T0 + 5_000, closed_at: T0 + 6_000 }),
    incident({ id: 3, opened_at: T0 + 1_000, closed_at: null }),
    incident({ id: 4, opened_at: T0 + 2_000, closed_at: T0 + 3_000 }),
  ]);
  assert.deepEqual(
    ordered.map((item) => item.id),
    [3, 1, 2, 4],
  );
  assert.deepEqual(
    splitIncidents(ordered).open.map((item) => item.id),
    [3, 1],
  );
  assert.equal(splitIncidents(ordered).closedCount, 2);
});

test('isolation lists the stalled pairs with their lag', () => {
  const facts = incidentFacts(incident({ kind: 'isolation', details: { stalled_pairs: [{ source: 'r1', target: 'r2', lag_seconds: 5.41 }] } }));
  assert.deepEqual(facts, [{ label: 'Stalled pairs', value: ['r1 → r2: lag 5.41 s'] }]);
  const grouped = incidentFacts(
    incident({
      kind: 'isolation',
      details: { stalled_pairs: [{ source: 'r1', target: 'r2', lag_seconds: 5.41 }], stale_reads: [{ region: 'r2', lag_seconds: 5.41, geos: ['europe'] }] },
    }),
  );
  assert.deepEqual(grouped[1], { label: 'Stale reads it causes', value: ['r2: up to 5.41 s old (europe)'] }, 'the symptoms are listed in the cause');
});

test('a backlog shows its size, drain rate and ETA', () => {
  const facts = incidentFacts(incident({ kind: 'backlog', details: { backlog: 120, drain_per_second: 12.34, eta_seconds: 9.72, pairs: [{ source: 'r2', target: 'r1', backlog: 120 }] } }));
  assert.deepEqual(facts, [
    { label: 'Backlog', value: '120 heartbeats' },
    { label: 'Drain rate', value: '12 heartbeats/s' },
    { label: 'ETA', value: '9.72 s' },
    { label: 'Pairs', value: ['r2 → r1: 120 heartbeats'] },
  ]);
});

test('a backlog that is not draining has no ETA', () => {
  const facts = incidentFacts(incident({ kind: 'backlog', details: { backlog: 40, drain_per_second: 0, eta_seconds: null } }));
  assert.deepEqual(
    facts.slice(1).map((fact) => fact.value),
    ['not draining', 'unknown while not draining'],
  );
});

test('split brain names the geo and its regions, or the domain and where it was written', () => {
  assert.deepEqual(incidentFacts(incident()), [
    { label: 'Geo', value: 'r1-clients' },
    { label: 'Answered by', value: 'r1 and r2' },
  ]);
  const domain = incidentFacts(incident({ details: { domain: 'billing', home_region: 'us-east', write_regions: ['us-west'] } }));
  assert.deepEqual(
    domain.map((fact) => fact.value),
    ['billing', 'us-east', 'us-west'],
  );
});

test('stale reads list the lagging sources and the geos reading there', () => {
  const facts = incidentFacts(incident({ kind: 'stale_reads', details: { lagging_sources: [{ source: 'r1', lag_seconds: 5.41 }], geos: ['r1-clients', 'r2-clients'] } }));
  assert.deepEqual(facts, [
    { label: 'Lagging sources', value: ['r1: 5.41 s behind'] },
    { label: 'Geos reading here', value: 'r1-clients, r2-clients' },
  ]);
});

test('details of an unknown shape are shown key by key', () => {
  const facts = incidentFacts(incident({ kind: 'isolation', details: { stalled_regions: ['r1'], note: 'manual' } }));
  assert.deepEqual(facts, [
    { label: 'Stalled regions', value: '["r1"]' },
    { label: 'Note', value: 'manual' },
  ]);
});

test('an open incident has been open until now', () => {
  assert.equal(incidentOpenMs(incident({ closed_at: null }), T0 + 7_000), 7_000);
  assert.equal(incidentOpenMs(incident(), T0 + 60_000), 4_000);
});

test('a short list puts split brain and isolation before backlog and stale reads', () => {
  const incidents = [
    incident({ id: 1, kind: 'stale_reads', opened_at: T0 + 9_000 }),
    incident({ id: 2, kind: 'isolation', opened_at: T0 }),
    incident({ id: 3, kind: 'split_brain', opened_at: T0 + 1_000 }),
    incident({ id: 4, kind: 'stale_reads', opened_at: T0 + 10_000 }),
  ];
  assert.deepEqual(
    mostUrgentFirst(incidents).map((item) => item.id),
    [3, 2, 4, 1],
  );
  assert.equal(describeKindCounts(incidents), '1 split brain · 1 isolation · 2 stale reads');
  assert.deepEqual([...firstOfEachKind(incidents)], [1, 2, 3]);
});
