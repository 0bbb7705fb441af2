import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import * as dnsPacket from 'dns-packet';
import { FakeClock, flushPromises } from '@/lib/domain/fake-clock';
import { FailoverTracker } from './failover/tracker';
import { ProbeCollector, type ProbeFetch, type ProbeResult, type ProbeTargets } from './probes';
import type { CycleContext } from './types';

const HOME_GEOS: Record<string, string[]> = { 'us-east': ['na-east'], 'eu-west': ['europe'], 'ap-south': ['asia'] };

function targets(gtm: string[] = ['http://gtm.test/route?geo={geo}']): ProbeTargets {
  return { regions: Object.entries(HOME_GEOS).map(([name, geos]) => ({ name, health: `http://${name}.test/health`, geos })), gtm: { resolve: gtm } };
}

type Answer = number | 'hang' | 'refused' | { region: string };

/** An in-process network: each URL answers as `answers` says at the moment it is asked. */
function fakeNetwork(answers: Record<string, Answer>) {
  const calls: { url: string; signal: AbortSignal }[] = [];
  const fetch: ProbeFetch = async (url, { signal }) => {
    calls.push({ url, signal });
    const answer = answers[url];
    if (answer === 'hang') return new Promise<Response>(() => {}); // ignores the signal, the worst case
    if (answer === 'refused' || answer === undefined) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    if (typeof answer === 'number') return new Response('', { status: answer });
    return Response.json(answer);
  };
  return { fetch, calls };
}

function recorder() {
  const reports = new Map<string, { up: boolean; error: unknown }>();
  const context: CycleContext = { report: (region, up, error) => reports.set(region, { up, error }) };
  return { reports, context };
}

function setup(answers: Record<string, Answer>, options: { intervalMs?: number; timeoutMs?: number; gtm?: string[] } = {}) {
  const clock = new FakeClock(0);
  const network = fakeNetwork(answers);
  const probes: ProbeResult[] = [];
  const tracker = new FailoverTracker((region) => HOME_GEOS[region] ?? []);
  const collector = new ProbeCollector(targets(options.gtm), tracker, {
    intervalMs: options.intervalMs ?? 1000,
    timeoutMs: options.timeoutMs ?? 500,
    onProbe: (result) => probes.push(result),
    clock,
    fetch: network.fetch,
  });
  return { clock, collector, tracker, probes, answers, calls: network.calls, ...recorder() };
}

const health = (region: string) => `http://${region}.test/health`;
const route = (geo: string) => `http://gtm.test/route?geo=${geo}`;
const homeRoutes = { [route('na-east')]: { region: 'us-east' }, [route('europe')]: { region: 'eu-west' }, [route('asia')]: { region: 'ap-south' } };

test('each region is up or down by its health answer; a 503 still counts as reached, a refusal does not', async () => {
  const { clock, collector, probes, reports, context } = setup({ [health('us-east')]: 200, [health('eu-west')]: 503, [health('ap-south')]: 'refused', ...homeRoutes });
  await clock.advance(250);
  await collector.runCycle(context);
  const byRegion = Object.fromEntries(collector.latestProbes().map((result) => [result.region, result]));
  assert.deepEqual([byRegion['us-east'].up, byRegion['us-east'].error, byRegion['us-east'].sentAt], [true, null, 250]);
  assert.deepEqual([byRegion['eu-west'].up, byRegion['eu-west'].error], [false, 'HTTP 503']);
  assert.deepEqual([byRegion['ap-south'].up, byRegion['ap-south'].error], [false, 'http://ap-south.test/health: ECONNREFUSED']);
  assert.deepEqual([...reports].map(([region, { up }]) => [region, up]).sort(), [
    ['ap-south', false],
    ['eu-west', true],
    ['us-east', true],
  ]);
  assert.equal(probes.length, 3);
  assert.equal(collector.probesSince('us-east', 0).length, 1);
});

test('a hanging region times out on the clock and does not delay the others', async () => {
  const { clock, collector, probes, reports, context, calls } = setup({ [health('us-east')]: 200, [health('eu-west')]: 200, [health('ap-south')]: 'hang', ...homeRoutes }, { timeoutMs: 500 });
  let cycleDone = false;
  void collector.runCycle(context).then(() => (cycleDone = true));
  await flushPromises();
  assert.deepEqual(probes.map((result) => result.region).sort(), ['eu-west', 'us-east'], 'answered before the hanging one gives up');
  await clock.advance(499);
  assert.equal(reports.has('ap-south'), false);
  assert.equal(cycleDone, false);
  await clock.advance(1);
  assert.deepEqual(reports.get('ap-south'), { up: false, error: 'no answer from http://ap-south.test/health within the timeout' });
  assert.equal(calls.find((call) => call.url === health('ap-south'))?.signal.aborted, true, 'the request itself is aborted');
  assert.equal(cycleDone, true);
});

test('a probe outliving its cycle reports when it gives up, and is not sent again meanwhile', async () => {
  const { clock, collector, reports, context, calls } = setup(
    { [health('us-east')]: 200, [health('eu-west')]: 200, [health('ap-south')]: 'hang', ...homeRoutes },
    { intervalMs: 1000, timeoutMs: 2500 },
  );
  const first = collector.runCycle(context);
  await clock.advance(1000);
  await first;
  void collector.runCycle(context);
  await clock.advance(1000);
  assert.equal(calls.filter((call) => call.url === health('ap-south')).length, 1);
  assert.equal(calls.filter((call) => call.url === health('us-east')).length, 2);
  assert.equal(reports.has('ap-south'), false);
  await clock.advance(500);
  assert.equal(reports.get('ap-south')?.up, false);
});

test('GTM answers become each geo’s routes; a resolver that fails leaves its geo unrouted', async () => {
  const second = 'http://gtm-b.test/route?geo={geo}';
  const { clock, collector, answers, context } = setup(
    { [health('us-east')]: 200, [health('eu-west')]: 200, [health('ap-south')]: 200, ...homeRoutes, 'http://gtm-b.test/route?geo=asia': { region: 'eu-west' } },
    { gtm: ['http://gtm.test/route?geo={geo}', second] },
  );
  await collector.runCycle(context);
  const routes = (map: Map<string, Set<string>>) => Object.fromEntries([...map].map(([geo, regions]) => [geo, [...regions].sort()]));
  // Resolvers that disagree both count: during DNS convergence a geo has several answers.
  assert.deepEqual(routes(collector.currentRoutes()), { 'na-east': ['us-east'], europe: ['eu-west'], asia: ['ap-south', 'eu-west'] });
  answers[route('asia')] = { region: 'Not A Region!' };
  answers['http://gtm-b.test/route?geo=asia'] = 500;
  await clock.advance(1000);
  await collector.runCycle(context);
  assert.deepEqual(routes(collector.currentRoutes()).asia, []);
});

test('the failover tracker is fed every cycle at the clock’s time: detected, then rerouted', async () => {
  const { clock, collector, tracker, answers, context } = setup({ [health('us-east')]: 200, [health('eu-west')]: 200, [health('ap-south')]: 200, ...homeRoutes });
  await collector.runCycle(context);
  assert.deepEqual(tracker.list(), []);
  await clock.advance(1000);
  answers[health('ap-south')] = 'refused';
  await collector.runCycle(context);
  assert.deepEqual(
    tracker.list().map((failover) => [failover.region, failover.detectedAt, failover.reroutedAt]),
    [['ap-south', 1000, null]],
  );
  await clock.advance(1000);
  answers[route('asia')] = { region: 'eu-west' };
  await collector.runCycle(context);
  const [failover] = tracker.list();
  assert.deepEqual([failover.geos, failover.reroutedAt, failover.toRegions], [['asia'], 2000, ['eu-west']]);
});

test('with the real fetch: a local health endpoint, a 503 and a closed port', async () => {
  const server = createServer((request, response) => response.writeHead(request.url === '/health' ? 200 : 503).end()).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const closed = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => closed.once('listening', resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const regions = [
      { name: 'us-east', health: `${base}/health`, geos: [] },
      { name: 'eu-west', health: `${base}/draining`, geos: [] },
      { name: 'ap-south', health: `http://127.0.0.1:${closedPort}/health`, geos: [] },
    ];
    const collector = new ProbeCollector({ regions }, { observe: () => {} }, { intervalMs: 1000, timeoutMs: 5000, clock: new FakeClock(0) });
    // Only real sockets are awaited here: the fake clock never moves, so nothing can time out.
    await collector.runCycle(recorder().context);
    const errors = Object.fromEntries(collector.latestProbes().map((result) => [result.region, result.error]));
    assert.deepEqual(errors, { 'us-east': null, 'eu-west': 'HTTP 503', 'ap-south': `http://127.0.0.1:${closedPort}/health: ECONNREFUSED` });
  } finally {
    server.close();
  }
});

test('a DNS GTM resolver is asked for each geo’s TXT record', async () => {
  const dns = createSocket('udp4');
  dns.on('message', (message, remote) => {
    const query = dnsPacket.decode(message);
    const name = query.questions?.[0]?.name ?? '';
    const answers = name === 'asia.gtm.test' ? [{ type: 'TXT' as const, name, ttl: 0, data: 'ap-south' }] : [];
    dns.send(dnsPacket.encode({ id: query.id, type: 'response', flags: dnsPacket.AUTHORITATIVE_ANSWER | (answers.length ? 0 : 3), questions: query.questions, answers }), remote.port, remote.address);
  });
  await new Promise<void>((resolve) => dns.bind(0, '127.0.0.1', resolve));
  try {
    const regions = [
      { name: 'ap-south', geos: ['asia'] },
      { name: 'eu-west', geos: ['europe'] },
    ];
    const gtm = { resolve: [`dns://127.0.0.1:${dns.address().port}/{geo}.gtm.test`] };
    const collector = new ProbeCollector({ regions, gtm }, { observe: () => {} }, { intervalMs: 1000, timeoutMs: 5000, clock: new FakeClock(0) });
    await collector.runCycle(recorder().context);
    const routes = Object.fromEntries([...collector.currentRoutes()].map(([geo, answered]) => [geo, [...answered]]));
    assert.deepEqual(routes, { asia: ['ap-south'], europe: [] });
  } finally {
    dns.close();
  }
});
