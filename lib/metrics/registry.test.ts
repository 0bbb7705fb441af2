import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRuntime } from '@/lib/server/test-runtime';
import { conflictRecord } from '@/lib/grafana/datasource/test-fixtures';
import { createMetrics } from './registry';

test('a counter keeps its _total in text scrapes after, and during, OpenMetrics scrapes', async () => {
  const { runtime } = buildRuntime();
  runtime.ingestConflicts([conflictRecord(1, 'cart', 'lww')]);
  const metrics = createMetrics(runtime.config.slos, () => runtime.signals);
  const line = /^regionwatch_conflicts_total\{[^}]*\} 1$/m;
  assert.match(await metrics.render(false), line);
  // Prometheus asks for OpenMetrics, VictoriaMetrics and curl for text: interleaved, as when both scrape one agent.
  const bodies = await Promise.all([metrics.render(true), metrics.render(false), metrics.render(true), metrics.render(false)]);
  for (const body of bodies) assert.match(body, line);
  assert.match(await metrics.render(false), /^# TYPE regionwatch_conflicts_total counter$/m);
  assert.match(bodies[0], /^# TYPE regionwatch_conflicts counter$/m, 'OpenMetrics names the family without the suffix');
});
