import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sleepOn } from '@/lib/domain/clock';
import { FakeClock, flushPromises } from '@/lib/domain/fake-clock';
import { CollectorRunner } from './runner';
import { WhileHolding } from './standby';
import type { Collector, CycleContext } from './types';

type Script = (context: CycleContext, cycle: number) => Promise<void> | void;

/** A collector whose n-th cycle runs `script(context, n)`; counts cycles and how many ran at once. */
class ScriptedCollector implements Collector {
  readonly regions: string[];
  readonly cycleDeadlineMs?: number;
  readonly starts: number[] = [];
  maxConcurrent = 0;
  closed = false;
  private running = 0;

  constructor(
    private readonly clock: FakeClock,
    readonly name: string,
    readonly intervalMs: number,
    private readonly script: Script,
    options: { regions?: string[]; deadlineMs?: number } = {},
  ) {
    this.regions = options.regions ?? ['eu-west', 'us-east'];
    this.cycleDeadlineMs = options.deadlineMs;
  }

  async runCycle(context: CycleContext): Promise<void> {
    this.starts.push(this.clock.now());
    this.maxConcurrent = Math.max(this.maxConcurrent, ++this.running);
    try {
      await this.script(context, this.starts.length);
    } finally {
      this.running--;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

const T0 = 1_000_000;
const never = () => new Promise<void>(() => {});
const allUp = (context: CycleContext) => ['eu-west', 'us-east'].forEach((region) => context.report(region, true));

function setup(build: (clock: FakeClock) => Collector[]) {
  const clock = new FakeClock(T0);
  const logs: string[] = [];
  const collectors = build(clock);
  const runner = new CollectorRunner(collectors, { clock, log: (line) => logs.push(line) });
  const byRegion = () => Object.fromEntries(runner.statuses().map((status) => [`${status.name}/${status.region}`, status]));
  return { clock, logs, runner, byRegion };
}

test('cycles start every interval on the clock and never overlap, even when one overruns', async () => {
  let quick!: ScriptedCollector;
  let slow!: ScriptedCollector;
  const { clock, runner } = setup((clock) => {
    quick = new ScriptedCollector(clock, 'quick', 100, () => sleepOn(clock, 30));
    slow = new ScriptedCollector(clock, 'slow', 100, () => sleepOn(clock, 150));
    return [quick, slow];
  });
  runner.start();
  await clock.advance(350);
  assert.deepEqual(
    quick.starts.map((at) => at - T0),
    [0, 100, 200, 300],
  );
  // An overrunning cycle delays only its own collector: the next starts as soon as it ends.
  assert.deepEqual(
    slow.starts.map((at) => at - T0),
    [0, 150, 300],
  );
  assert.equal(quick.maxConcurrent, 1);
  assert.equal(slow.maxConcurrent, 1);
  assert.deepEqual(runner.durations(), [
    { name: 'quick', seconds: 0.03 },
    { name: 'slow', seconds: 0.15 },
  ]);
  await runner.stop();
});

test('a cycle that throws marks every region down with the redacted error, logged once per region', async () => {
  const { clock, logs, runner, byRegion } = setup((clock) => [
    new ScriptedCollector(clock, 'conflicts', 100, () => {
      throw new Error('connect postgres://rw:s3cret@db.internal/app ECONNREFUSED');
    }),
  ]);
  runner.start();
  await clock.advance(250);
  const status = byRegion()['conflicts/eu-west'];
  assert.equal(status.up, false);
  assert.equal(status.lastRun, T0 + 200);
  assert.equal(status.error, 'connect postgres://rw:***@db.internal/app ECONNREFUSED');
  assert.equal(byRegion()['conflicts/us-east'].up, false);
  assert.deepEqual(logs, [
    'collector conflicts eu-west: connect postgres://rw:***@db.internal/app ECONNREFUSED',
    'collector conflicts us-east: connect postgres://rw:***@db.internal/app ECONNREFUSED',
  ]);
  assert.ok(!JSON.stringify(runner.statuses()).includes('s3cret'));
  await runner.stop();
});

test('each region is reported on its own, and its recovery is logged', async () => {
  const { clock, logs, runner, byRegion } = setup((clock) => [
    new ScriptedCollector(clock, 'heartbeat', 100, (context, cycle) => {
      context.report('eu-west', true);
      context.report('us-east', cycle >= 3, new Error('heartbeat read from us-east: timed out after 50 ms'));
    }),
  ]);
  assert.equal(
    runner.statuses().every((status) => !status.up && status.lastRun === null),
    true,
  );
  runner.start();
  await clock.advance(0);
  assert.equal(byRegion()['heartbeat/eu-west'].up, true);
  assert.equal(byRegion()['heartbeat/us-east'].error, 'heartbeat read from us-east: timed out after 50 ms');
  await clock.advance(200);
  assert.equal(byRegion()['heartbeat/us-east'].up, true);
  assert.equal(byRegion()['heartbeat/us-east'].error, null);
  assert.deepEqual(logs, ['collector heartbeat us-east: heartbeat read from us-east: timed out after 50 ms', 'collector heartbeat us-east: recovered']);
  await runner.stop();
});

test('a hanging cycle is abandoned at the default deadline: regions down, logged once, next cycles still run', async () => {
  let collector!: ScriptedCollector;
  const { clock, logs, runner, byRegion } = setup((clock) => {
    // Cycles 2 to 4 never settle; the 5th answers again.
    collector = new ScriptedCollector(clock, 'divergence', 1000, (context, cycle) => (cycle >= 2 && cycle <= 4 ? never() : allUp(context)));
    return [collector];
  });
  runner.start();
  await clock.advance(1000 + 30_000 - 1);
  assert.equal(byRegion()['divergence/eu-west'].up, true, 'not abandoned before the deadline');
  await clock.advance(1);
  const status = byRegion()['divergence/us-east'];
  assert.deepEqual([status.up, status.error, status.lastRun], [false, 'collector divergence: cycle abandoned after 30000 ms', T0 + 31_000]);
  assert.deepEqual(runner.durations(), [{ name: 'divergence', seconds: 30 }]);
  assert.deepEqual(
    collector.starts.map((at) => at - T0),
    [0, 1000, 31_000],
    'the next cycle starts right after the abandoned one',
  );
  await clock.advance(60_000);
  assert.deepEqual(runner.abandonedCycles(), [{ name: 'divergence', count: 3 }]);
  assert.equal(byRegion()['divergence/eu-west'].up, true, 'the 5th cycle finished');
  assert.deepEqual(logs, ['collector divergence: cycle abandoned after 30000 ms; its regions are down until a cycle finishes', 'collector divergence: recovered, a cycle finished after 3 abandoned']);
  await runner.stop();
});

test('stuck again after recovering is logged again', async () => {
  const { clock, logs, runner } = setup((clock) => [new ScriptedCollector(clock, 'ownership', 100, (context, cycle) => (cycle === 1 || cycle === 3 ? never() : allUp(context)), { deadlineMs: 500 })]);
  runner.start();
  await clock.advance(500 + 100 + 500);
  const abandoned = 'collector ownership: cycle abandoned after 500 ms; its regions are down until a cycle finishes';
  const recovered = 'collector ownership: recovered, a cycle finished after 1 abandoned';
  assert.deepEqual(logs, [abandoned, recovered, abandoned, recovered]);
  await runner.stop();
});

test('after an abandonment, a region the next cycle finds down has its own error logged', async () => {
  const { clock, logs, runner, byRegion } = setup((clock) => [
    new ScriptedCollector(
      clock,
      'heartbeat',
      100,
      (context, cycle) => {
        if (cycle === 1) return never();
        context.report('eu-west', true);
        context.report('us-east', false, new Error('heartbeat read from us-east: ECONNRESET'));
      },
      { deadlineMs: 500 },
    ),
  ]);
  runner.start();
  await clock.advance(500);
  assert.equal(byRegion()['heartbeat/us-east'].error, 'heartbeat read from us-east: ECONNRESET');
  assert.deepEqual(logs, [
    'collector heartbeat: cycle abandoned after 500 ms; its regions are down until a cycle finishes',
    'collector heartbeat us-east: heartbeat read from us-east: ECONNRESET',
    'collector heartbeat: recovered, a cycle finished after 1 abandoned',
  ]);
  await runner.stop();
});

test("an abandoned cycle's late reports and rejection are ignored, even for regions no newer cycle reported", async () => {
  let release!: () => void;
  const { clock, runner, byRegion } = setup((clock) => [
    new ScriptedCollector(
      clock,
      'probes',
      100,
      async (context, cycle) => {
        if (cycle === 1) {
          await new Promise<void>((resolve) => (release = resolve));
          context.report('eu-west', true);
          context.report('us-east', true);
          throw new Error('late failure');
        }
        context.report('eu-west', false, new Error('fresh answer'));
        await never();
      },
      { deadlineMs: 500 },
    ),
  ]);
  runner.start();
  await clock.advance(500);
  assert.equal(byRegion()['probes/eu-west'].error, 'fresh answer');
  release();
  await flushPromises();
  assert.equal(byRegion()['probes/eu-west'].error, 'fresh answer');
  assert.deepEqual([byRegion()['probes/us-east'].up, byRegion()['probes/us-east'].error], [false, 'collector probes: cycle abandoned after 500 ms']);
  await runner.stop();
});

test("a finished cycle's late report counts, unless a newer cycle already reported that region", async () => {
  const { clock, runner, byRegion } = setup((clock) => [
    // Like probes: a cycle may leave work running that reports after the cycle returned.
    new ScriptedCollector(clock, 'probes', 100, (context, cycle) => {
      if (cycle === 1) void sleepOn(clock, 150).then(() => ['eu-west', 'us-east'].forEach((region) => context.report(region, false, new Error('stale'))));
      if (cycle === 2) context.report('eu-west', true);
    }),
  ]);
  runner.start();
  await clock.advance(150);
  assert.deepEqual([byRegion()['probes/eu-west'].up, byRegion()['probes/eu-west'].lastRun], [true, T0 + 100]);
  assert.deepEqual([byRegion()['probes/us-east'].up, byRegion()['probes/us-east'].error], [false, 'stale']);
  await runner.stop();
});

test('ready once every collector has finished or abandoned a cycle', async () => {
  const { clock, runner } = setup((clock) => [new ScriptedCollector(clock, 'heartbeat', 100, allUp), new ScriptedCollector(clock, 'divergence', 100, never, { deadlineMs: 400 })]);
  assert.equal(runner.ready(), false);
  runner.start();
  await clock.advance(399);
  assert.equal(runner.ready(), false);
  await clock.advance(1);
  assert.equal(runner.ready(), true);
  await runner.stop();
});

test('stop closes every collector and leaves nothing scheduled, a pending deadline included', async () => {
  let quick!: ScriptedCollector;
  let stuck!: ScriptedCollector;
  const { clock, runner } = setup((clock) => {
    quick = new ScriptedCollector(clock, 'quick', 100, allUp);
    stuck = new ScriptedCollector(clock, 'stuck', 100, never, { deadlineMs: 1000 });
    return [quick, stuck];
  });
  runner.start();
  await clock.advance(250);
  await runner.stop();
  assert.equal(clock.pending(), 0);
  await clock.advance(5000);
  assert.equal(quick.starts.length, 3);
  assert.equal(stuck.starts.length, 1);
  assert.deepEqual([quick.closed, stuck.closed], [true, true]);
});

test('a collector held by a lease runs, and reports its regions, only while the lease is held', async () => {
  let held = false;
  let cycles = 0;
  const inner: Collector = {
    name: 'probes',
    intervalMs: 10,
    regions: ['a', 'b'],
    async runCycle(context) {
      cycles++;
      context.report('a', true);
      context.report('b', true);
    },
    async close() {},
  };
  const standby = new WhileHolding(inner, () => held);
  await standby.runCycle({ report: () => {} });
  assert.deepEqual([cycles, standby.regions], [0, []], 'standing by: no cycle, no regions');
  held = true;
  await standby.runCycle({ report: () => {} });
  assert.deepEqual([cycles, standby.regions], [1, ['a', 'b']]);
});
