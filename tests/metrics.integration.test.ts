import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startDemo, sleep, type RunningDemo } from './harness/demo';
import { requireBinary } from './harness/binaries';

let demo: RunningDemo;

before(async () => {
  demo = await startDemo();
  await sleep(1500);
});

after(async () => {
  await demo?.stop();
});

async function scrape(accept?: string): Promise<{ body: string; contentType: string }> {
  const response = await fetch(`${demo.url}/metrics`, { headers: accept ? { accept } : {} });
  assert.equal(response.status, 200);
  return { body: await response.text(), contentType: response.headers.get('content-type') ?? '' };
}

test('/metrics passes promtool check metrics with no output', async () => {
  const promtool = requireBinary('promtool', 'prometheus');
  const { body, contentType } = await scrape();
  assert.match(contentType, /^text\/plain; version=0\.0\.4/);
  const result = spawnSync(promtool, ['check', 'metrics'], { input: body, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.equal((result.stdout + result.stderr).trim(), '');
});

test('every lag metric of the contract is exported with exactly its labels', async () => {
  const { body } = await scrape();
  const pairLabels = /^\{source_region="[a-z0-9-]+",target_region="[a-z0-9-]+"\}$/;
  const expect: [string, RegExp, number][] = [
    ['regionwatch_replication_lag_seconds', pairLabels, 12],
    ['regionwatch_replication_lag_error_bound_seconds', pairLabels, 12],
    ['regionwatch_heartbeat_last_applied_timestamp_seconds', pairLabels, 12],
    ['regionwatch_replication_backlog', pairLabels, 12],
    ['regionwatch_heartbeat_write_success', /^\{region="[a-z0-9-]+"\}$/, 4],
    ['regionwatch_clock_offset_seconds', /^\{region="[a-z0-9-]+"\}$/, 4],
    // heartbeat, conflicts, ownership, probes and divergence per region; incidents has no region
    ['regionwatch_collector_up', /^\{collector="(heartbeat|conflicts|ownership|probes|divergence)",region="[a-z0-9-]+"\}$/, 20],
    ['regionwatch_collector_duration_seconds', /^\{collector="(heartbeat|conflicts|ownership|probes|incidents|divergence)"\}$/, 6],
    ['regionwatch_replication_lag_observed_seconds_count', pairLabels, 12],
  ];
  for (const [name, labels, count] of expect) {
    const series = body.split('\n').filter((line) => line.startsWith(`${name}{`));
    assert.equal(series.length, count, `${name}: ${series.length} series`);
    for (const line of series) assert.match(line.slice(name.length, line.lastIndexOf(' ')), labels, line);
  }
  // The demo's SLO threshold (2 s, not a default bucket) is a bucket boundary, so the SLI can be read off the histogram exactly.
  assert.match(body, /regionwatch_replication_lag_observed_seconds_bucket\{le="2",/);
});

test('OpenMetrics is served when the scraper asks for it', async () => {
  const { body, contentType } = await scrape('application/openmetrics-text; version=1.0.0');
  assert.match(contentType, /^application\/openmetrics-text/);
  assert.match(body, /# EOF\n?$/);
  assert.match(body, /regionwatch_replication_lag_seconds\{/);
});
