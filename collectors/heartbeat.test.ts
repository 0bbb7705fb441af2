import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteAdapter } from './adapters/sqlite';
import type { StoreAdapter } from './adapters';
import { HeartbeatCollector } from './heartbeat';
import { CollectorRunner } from './runner';
import { LagSignal } from '@/lib/signals/lag';
import { createMetrics } from '@/lib/metrics/registry';
import { FakeClock } from '@/lib/domain/fake-clock';

/** A real store whose calls stop answering while `hung` is set (a blackholed region). */
class HangingStore implements StoreAdapter {
  hung = false;
  constructor(private readonly inner: StoreAdapter) {}
  get region() {
    return this.inner.region;
  }
  get engine() {
    return this.inner.engine;
  }
  get safeLocation() {
    return this.inner.safeLocation;
  }
  ensureHeartbeatTable() {
    return this.inner.ensureHeartbeatTable();
  }
  writeHeartbeat(origin: string, seq: number) {
    return this.hung ? new Promise<never>(() => {}) : this.inner.writeHeartbeat(origin, seq);
  }
  readHeartbeats() {
    return this.hung ? new Promise<never>(() => {}) : this.inner.readHeartbeats();
  }
  readConflicts(afterId: number, limit: number) {
    return this.inner.readConflicts(afterId, limit);
  }
  readConflictStatus(ids: number[]) {
    return this.inner.readConflictStatus(ids);
  }
  readWrites(afterId: number, limit: number) {
    return this.inner.readWrites(afterId, limit);
  }
  openChecksum(timeoutMs: number) {
    return this.inner.openChecksum(timeoutMs);
  }
  close() {
    return this.inner.close();
  }
}

/** Moves the fake clock in heartbeat-sized steps, so every cycle's reads and writes really run. */
async function advance(clock: FakeClock, ms: number): Promise<void> {
  for (let step = 0; step < ms; step += 25) await clock.advance(25);
}

test('a hanging region goes down alone; the scrape and the other regions are unaffected', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-heartbeat-'));
  // One shared file stands in for instant replication: every region sees every heartbeat.
  const stores = ['a', 'b', 'c'].map((region) => new SqliteAdapter(join(dir, 'shared.db'), { region, timeoutMs: 300, heartbeatTable: 'hb' }));
  const hanging = new HangingStore(stores[2]);
  const adapters: StoreAdapter[] = [stores[0], stores[1], hanging];
  for (const store of adapters) await store.ensureHeartbeatTable();
  const clock = new FakeClock(Date.now());
  const collector = new HeartbeatCollector(adapters, { intervalMs: 50, timeoutMs: 300, clock });
  const runner = new CollectorRunner([collector], { log: () => {}, clock });
  const lag = new LagSignal(collector, { regions: ['a', 'b', 'c'], thresholdSeconds: 1, observers: [], clock });
  const metrics = createMetrics([], () => ({ lag, collectors: runner }));
  runner.start();
  try {
    await advance(clock, 500);
    assert.ok(
      runner.statuses().every((status) => status.up),
      JSON.stringify(runner.statuses()),
    );
    hanging.hung = true;
    await advance(clock, 1200);
    const statuses = Object.fromEntries(runner.statuses().map((status) => [status.region, status]));
    assert.equal(statuses.c.up, false);
    assert.match(statuses.c.error ?? '', /timed out after 300 ms|still pending/);
    assert.equal(statuses.a.up, true);
    assert.equal(statuses.b.up, true);
    // The scrape reads snapshots: it answers although region c never does.
    const scrape = await metrics.registry.metrics();
    assert.match(scrape, /regionwatch_collector_up\{collector="heartbeat",region="c"\} 0/);
    assert.match(scrape, /regionwatch_collector_up\{collector="heartbeat",region="a"\} 1/);
    assert.match(scrape, /regionwatch_heartbeat_write_success\{region="c"\} 0/);
    // Pairs into healthy regions keep their lag; pairs into the hung region are no longer reported.
    assert.match(scrape, /regionwatch_replication_lag_seconds\{source_region="a",target_region="b"\}/);
    assert.doesNotMatch(scrape, /regionwatch_replication_lag_seconds\{source_region="a",target_region="c"\}/);
  } finally {
    await runner.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('store errors are reported without credentials', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-heartbeat-'));
  try {
    assert.throws(
      () => new SqliteAdapter(join(dir, 'missing', 'dir', 'x.db'), { region: 'a', timeoutMs: 100, heartbeatTable: 'hb' }),
      (error: Error) => /open sqlite:.* for a:/.test(error.message),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
