import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomainConfig } from '@/lib/config/schema';
import { FakeClock, flushPromises } from '@/lib/domain/fake-clock';
import { OwnershipCollector, type OwnershipSink, type OwnershipViolation, type WriteLogSource, domainFor, isViolation } from './ownership';
import type { CycleContext } from './types';

const DOMAINS: DomainConfig[] = [
  { name: 'orders', mode: 'active-passive', home: 'us-east' },
  { name: 'profiles', mode: 'read-local', home: 'eu-west', entity_types: ['profile', 'avatar'] },
  { name: 'carts', mode: 'limited-writes', home: 'us-east' },
  { name: 'sessions', mode: 'active-active', home: 'us-east' },
];

/** Keeps cursors and violations in memory, moving both in one call as the real sink does. */
class MemorySink implements OwnershipSink {
  readonly cursors = new Map<string, number>();
  readonly added: { violations: OwnershipViolation[]; region: string; position: number }[] = [];
  /** Regions whose cursor another collector holds. */
  readonly heldElsewhere = new Set<string>();
  owns(_collector: string, region: string): boolean {
    return !this.heldElsewhere.has(region);
  }
  cursor(collector: string, region: string): number {
    return this.cursors.get(`${collector}/${region}`) ?? 0;
  }
  addViolations(violations: OwnershipViolation[], cursor: { region: string; position: number }): void {
    this.added.push({ violations, ...cursor });
    this.cursors.set(`ownership/${cursor.region}`, cursor.position);
  }
}

/** A region's write log; while `hold` is set, reads wait until `release()`. */
class WriteLog implements WriteLogSource {
  readonly writes: { id: number; entity_type: string }[] = [];
  reads = 0;
  hold = false;
  private waiting: (() => void)[] = [];
  constructor(readonly region: string) {}
  write(...entityTypes: string[]): void {
    for (const entityType of entityTypes) this.writes.push({ id: this.writes.length + 1, entity_type: entityType });
  }
  async readWrites(afterId: number, limit: number): Promise<Record<string, unknown>[]> {
    this.reads++;
    if (this.hold) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.writes.filter((write) => write.id > afterId).slice(0, limit);
  }
  release(): void {
    this.hold = false;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

function setup() {
  const clock = new FakeClock(0);
  const sink = new MemorySink();
  const logs = { 'us-east': new WriteLog('us-east'), 'eu-west': new WriteLog('eu-west') };
  const collector = new OwnershipCollector(Object.values(logs), DOMAINS, sink, 1000, 500, { clock });
  const reports = new Map<string, { up: boolean; error?: string }>();
  const context: CycleContext = { report: (region, up, error) => reports.set(region, { up, error: (error as Error | undefined)?.message }) };
  return { clock, sink, logs, collector, reports, context };
}

test('only active-passive and read-local domains reject writes away from home', () => {
  const mode = (name: string) => DOMAINS.find((domain) => domain.name === name)!;
  assert.deepEqual([isViolation(mode('orders'), 'eu-west'), isViolation(mode('orders'), 'us-east')], [true, false]);
  assert.deepEqual([isViolation(mode('profiles'), 'us-east'), isViolation(mode('profiles'), 'eu-west')], [true, false]);
  assert.deepEqual([isViolation(mode('carts'), 'eu-west'), isViolation(mode('sessions'), 'eu-west')], [false, false]);
});

test('an entity type belongs to the domain that lists it, else to the one named like it', () => {
  assert.equal(domainFor(DOMAINS, 'avatar')?.name, 'profiles');
  assert.equal(domainFor(DOMAINS, 'orders')?.name, 'orders');
  assert.equal(domainFor(DOMAINS, 'profiles'), undefined, 'a domain listing its types does not also claim its own name');
  assert.equal(domainFor(DOMAINS, 'invoice'), undefined);
});

test('writes away from their domain’s home are counted once, and the cursor moves past every write read', async () => {
  const { sink, logs, collector, reports, context } = setup();
  logs['eu-west'].write('orders', 'sessions', 'avatar', 'invoice', 'orders');
  logs['us-east'].write('orders', 'avatar');
  await collector.runCycle(context);
  const orders = { domain: 'orders', homeRegion: 'us-east', writeRegion: 'eu-west' };
  const avatar = { domain: 'profiles', homeRegion: 'eu-west', writeRegion: 'us-east' };
  assert.deepEqual(
    sink.added.sort((a, b) => a.region.localeCompare(b.region)),
    [
      { violations: [orders, orders], region: 'eu-west', position: 5 },
      { violations: [avatar], region: 'us-east', position: 2 },
    ],
  );
  assert.deepEqual([reports.get('eu-west')?.up, reports.get('us-east')?.up], [true, true]);
  await collector.runCycle(context);
  assert.equal(sink.added.length, 2, 'nothing new, nothing added');
  logs['eu-west'].write('orders');
  await collector.runCycle(context);
  assert.deepEqual(sink.added.at(-1), { violations: [orders], region: 'eu-west', position: 6 });
});

test('a region whose cursor another collector holds is not read, and is read from that cursor once held here', async () => {
  const { sink, logs, collector, reports, context } = setup();
  sink.heldElsewhere.add('eu-west');
  logs['eu-west'].write('orders');
  await collector.runCycle(context);
  assert.deepEqual(sink.added, [], 'standing by reads nothing');
  assert.equal(reports.get('eu-west')?.up, true, 'standing by is not a failure');
  // The other collector got to write 1 and gave up its claim.
  sink.cursors.set('ownership/eu-west', 1);
  sink.heldElsewhere.clear();
  logs['eu-west'].write('orders');
  await collector.runCycle(context);
  assert.deepEqual(sink.added, [{ violations: [{ domain: 'orders', homeRegion: 'us-east', writeRegion: 'eu-west' }], region: 'eu-west', position: 2 }]);
});

test('a hanging write log times out on the clock alone, and is not read again until that read lands', async () => {
  const { clock, sink, logs, collector, reports, context } = setup();
  logs['eu-west'].write('orders');
  logs['eu-west'].hold = true;
  const first = collector.runCycle(context);
  await clock.advance(499);
  assert.equal(reports.has('eu-west'), false);
  assert.equal(reports.get('us-east')?.up, true, 'the other region answered without waiting');
  await clock.advance(1);
  await first;
  assert.deepEqual(reports.get('eu-west'), { up: false, error: 'write log of eu-west: timed out after 500 ms' });
  await collector.runCycle(context);
  assert.deepEqual(reports.get('eu-west'), { up: false, error: 'write log of eu-west: previous read still pending' });
  assert.equal(logs['eu-west'].reads, 1);
  logs['eu-west'].release();
  await flushPromises();
  assert.deepEqual(
    sink.added.map(({ region, position }) => [region, position]),
    [['eu-west', 1]],
    'the late read still lands, once',
  );
  await collector.runCycle(context);
  assert.deepEqual([reports.get('eu-west')?.up, logs['eu-west'].reads, sink.added.length], [true, 2, 1]);
});
