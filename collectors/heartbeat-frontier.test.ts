import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HeartbeatRow, StoreAdapter } from './adapters/types';
import { HeartbeatCollector } from './heartbeat';
import { notYetLanded } from '@/lib/domain/settlement';

/**
 * Regions whose stores share one heartbeat "log": a write lands in its own region at once and
 * in the others only when the test delivers it. Store clocks are wildly wrong on purpose.
 */
function mesh(regions: string[], clockSkewMs: Record<string, number>) {
  const written = new Map<string, HeartbeatRow[]>(regions.map((region) => [region, []]));
  const visible = new Map<string, Map<string, HeartbeatRow>>(regions.map((region) => [region, new Map()]));
  const store = (region: string): StoreAdapter =>
    ({
      region,
      engine: 'sqlite',
      safeLocation: `mem:${region}`,
      ensureHeartbeatTable: async () => {},
      writeHeartbeat: async (origin: string, seq: number) => {
        const row = { origin, seq, tsMs: Date.now() + (clockSkewMs[region] ?? 0) };
        written.get(origin)!.push(row);
        visible.get(region)!.set(origin, row);
        return row;
      },
      readHeartbeats: async () => ({ rows: [...visible.get(region)!.values()], storeNowMs: Date.now() + (clockSkewMs[region] ?? 0) }),
      close: async () => {},
    }) as unknown as StoreAdapter;
  /** Makes every heartbeat written so far in `source` visible in `target`. */
  const deliver = (source: string, target: string) => {
    const newest = written.get(source)!.at(-1);
    if (newest) visible.get(target)!.set(source, newest);
  };
  return { stores: regions.map(store), deliver };
}

const noReport = { report: () => {} };

test('the frontier is when the newest visible heartbeat was sent, on the collector clock, whatever the store clocks say', async () => {
  const { stores, deliver } = mesh(['r1', 'r2', 'r3'], { r1: 60_000, r2: -45_000, r3: 0 });
  const collector = new HeartbeatCollector(stores, { intervalMs: 100, timeoutMs: 1000, random: () => 0 });
  await collector.runCycle(noReport);
  const sighting = Date.now();
  await new Promise((resolve) => setImmediate(resolve));
  await collector.runCycle(noReport);
  // Nothing replicated yet: every other region's writes may still be in flight to r1 and r2.
  assert.deepEqual(notYetLanded(collector, ['r1', 'r2'], sighting - 1).sort(), ['r1->r2', 'r2->r1', 'r3->r1', 'r3->r2']);

  for (const [source, target] of [
    ['r1', 'r2'],
    ['r2', 'r1'],
    ['r3', 'r2'],
  ])
    deliver(source, target);
  await collector.runCycle(noReport);
  // r3's heartbeats have not reached r1: that third region alone keeps the pair unsettled.
  assert.deepEqual(notYetLanded(collector, ['r1', 'r2'], sighting - 1), ['r3->r1']);
  deliver('r3', 'r1');
  await collector.runCycle(noReport);
  assert.deepEqual(notYetLanded(collector, ['r1', 'r2'], sighting - 1), []);
  // Each moment is one of our own send times, not a store stamp minutes off.
  for (const at of collector.appliedIn('r1').values()) assert.ok(at !== null && Math.abs(at - Date.now()) < 5000, String(at));
});
