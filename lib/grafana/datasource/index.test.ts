import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRuntime } from '@/lib/server/test-runtime';
import { sloSummary } from '@/lib/server/slo';
import { METRIC_NAMES, listMetrics, metricPayloadOptions } from './catalog';
import { tagKeys, tagValues, variableValues } from './variables';
import { grafanaAnswer, grafanaEndpoint, grafanaHealth, noGrafanaEndpoint, parseJsonBody } from './index';
import { conflictRecord, failure } from './test-fixtures';

test('/metrics lists every metric with its selectors; fixed options inline, deployment names left to /metric-payload-options', () => {
  const metrics = listMetrics({ metric: 'lag', payload: {} });
  assert.deepEqual(
    metrics.map((metric) => metric.value),
    ['lag', 'conflicts', 'divergence', 'failovers', 'slo', 'annotations'],
  );
  const payloads = Object.fromEntries(metrics.map((metric) => [metric.value, metric.payloads.map((payload) => `${payload.name}:${payload.type}`)]));
  assert.deepEqual(payloads.lag, ['source:multi-select', 'target:multi-select', 'pair:multi-select']);
  assert.deepEqual(payloads.conflicts, ['format:select', 'source:multi-select', 'target:multi-select', 'pair:multi-select', 'entity_type:multi-select', 'resolution:multi-select', 'limit:input']);
  assert.deepEqual(payloads.slo, ['format:select', 'slo:multi-select', 'value:multi-select', 'window:multi-select']);
  const conflicts = metrics[1].payloads;
  assert.deepEqual(
    conflicts[0].options?.map((option) => option.value),
    ['time_series', 'table'],
  );
  assert.equal(conflicts[1].options, undefined, 'regions come from /metric-payload-options, so they are never stale');
  assert.deepEqual(listMetrics(undefined), metrics, 'the body is optional');
  assert.match(failure(() => listMetrics({ payload: 3 })).message, /^payload: /);
});

test('/metric-payload-options fills each selector from the deployment: regions, pairs, entity types seen, resolutions, datasets, SLOs, burn windows', () => {
  const { runtime } = buildRuntime();
  runtime.ingestConflicts([conflictRecord(1, 'cart', 'lww'), conflictRecord(2, 'user', 'crdt')]);
  const options = (metric: string, name: string, payload: Record<string, unknown> = {}) => metricPayloadOptions(runtime, { metric, name, payload }).map((option) => option.value);
  assert.deepEqual(options('lag', 'source'), ['us-east', 'eu-west', 'ap-south']);
  assert.deepEqual(options('lag', 'pair'), ['us-east->eu-west', 'us-east->ap-south', 'eu-west->us-east', 'eu-west->ap-south', 'ap-south->us-east', 'ap-south->eu-west']);
  assert.deepEqual(options('divergence', 'pair'), ['eu-west->us-east', 'ap-south->us-east', 'ap-south->eu-west'], 'divergence pairs are unordered, in name order');
  assert.deepEqual(options('conflicts', 'entity_type'), ['cart', 'user']);
  assert.deepEqual(options('conflicts', 'resolution'), ['lww', 'crdt', 'merge', 'manual']);
  assert.deepEqual(options('divergence', 'dataset'), ['users']);
  assert.deepEqual(options('slo', 'slo'), ['lag-eu', 'consistency']);
  assert.deepEqual(options('slo', 'window', { slo: 'lag-eu' }), Object.keys(sloSummary(runtime, runtime.config.slos[0]).burn_rates));
  assert.ok(options('slo', 'window', { slo: 'lag-eu' }).includes('1h'));
  assert.deepEqual(options('conflicts', 'format'), ['time_series', 'table']);
  assert.deepEqual(
    failure(() => options('latency', 'source')),
    { status: 400, code: 'bad_request', message: 'metric: unknown metric "latency" (lag, conflicts, divergence, failovers, slo, annotations)' },
  );
  assert.match(failure(() => options('lag', 'limit')).message, /^name: metric "lag" has no selector "limit" \(source, target, pair\)$/);
  assert.deepEqual(
    failure(() => options('slo', 'window', { slo: 'nope' })),
    { status: 404, code: 'not_found', message: 'payload.slo: unknown SLO "nope" (known: lag-eu, consistency)' },
  );
  assert.match(failure(() => metricPayloadOptions(runtime, { metric: 'lag', payload: {} })).message, /^name: /);
});

test('/variable returns text, value, __text and __value for regions, pairs (narrowable), datasets, SLOs and more', () => {
  const { runtime } = buildRuntime();
  const values = (payload: Record<string, unknown>) => variableValues(runtime, { payload, range: { from: '2024-01-01T00:00:00Z', to: '2024-01-01T01:00:00Z' } });
  assert.deepEqual(values({ target: 'regions' })[0], { text: 'us-east', value: 'us-east', __text: 'us-east', __value: 'us-east' });
  assert.deepEqual(
    values({ target: 'regions' }).map((item) => item.value),
    ['us-east', 'eu-west', 'ap-south'],
  );
  assert.equal(values({ target: 'pairs' }).length, 6);
  assert.deepEqual(
    values({ target: 'pairs', source_region: '(us-east|ap-south)', target_region: ['eu-west'] }).map((item) => item.value),
    ['us-east->eu-west', 'ap-south->eu-west'],
  );
  assert.deepEqual(
    values({ target: 'datasets' }).map((item) => item.value),
    ['users'],
  );
  assert.deepEqual(
    values({ target: 'slos' }).map((item) => item.value),
    ['lag-eu', 'consistency'],
  );
  assert.deepEqual(
    values({ target: 'resolutions' }).map((item) => item.value),
    ['lww', 'crdt', 'merge', 'manual'],
  );
  assert.deepEqual(failure(() => values({ target: 'hosts' })).message, 'payload.target: unknown variable "hosts" (regions, pairs, datasets, slos, entity_types, resolutions, windows)');
  assert.deepEqual(
    failure(() => values({ target: 'pairs', source_region: 'nope' })),
    { status: 404, code: 'unknown_region', message: 'payload.source_region: unknown region "nope" (known: us-east, eu-west, ap-south)' },
  );
  assert.match(failure(() => variableValues(runtime, {})).message, /^payload\.target: required/);
  assert.equal(failure(() => variableValues(runtime, { payload: { target: 3 } })).message, 'payload.target: must be a string');
});

test('/tag-keys and /tag-values offer the ad hoc filter keys and their values', () => {
  const { runtime } = buildRuntime();
  runtime.ingestConflicts([conflictRecord(1, 'cart', 'lww')]);
  assert.deepEqual(tagKeys(), [
    { type: 'string', text: 'source_region' },
    { type: 'string', text: 'target_region' },
    { type: 'string', text: 'entity_type' },
    { type: 'string', text: 'dataset' },
  ]);
  assert.deepEqual(tagValues(runtime, { key: 'target_region' }), [{ text: 'us-east' }, { text: 'eu-west' }, { text: 'ap-south' }]);
  assert.deepEqual(tagValues(runtime, { key: 'entity_type' }), [{ text: 'cart' }]);
  assert.deepEqual(tagValues(runtime, { key: 'dataset' }), [{ text: 'users' }]);
  assert.equal(failure(() => tagValues(runtime, { key: 'geo' })).message, 'key: unknown filter key "geo" (source_region, target_region, entity_type, dataset)');
  assert.match(failure(() => tagValues(runtime, {})).message, /^key: required/);
});

test('endpoints by path; health; bad JSON and unknown paths are JSON errors, never 500s', async () => {
  const { runtime } = buildRuntime();
  assert.deepEqual(grafanaHealth(runtime), { status: 'ok', service: 'regionwatch', regions: ['us-east', 'eu-west', 'ap-south'], metrics: METRIC_NAMES });
  for (const path of ['metrics', 'metric-payload-options', 'query', 'variable', 'tag-keys', 'tag-values']) assert.ok(grafanaEndpoint(path), path);
  for (const path of ['', 'constructor', 'toString', 'search', 'query/x']) assert.equal(grafanaEndpoint(path), undefined, path);

  assert.deepEqual(parseJsonBody('  '), {});
  assert.match(failure(() => parseJsonBody('{"targets": [')).message, /^\(body\): not valid JSON: /);

  const bad = await grafanaAnswer(() => parseJsonBody('nope'));
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'bad_request');
  const ok = await grafanaAnswer(() => tagKeys());
  assert.equal(ok.status, 200);
  await assert.rejects(() =>
    grafanaAnswer(() => {
      throw new TypeError('a bug');
    }),
  );

  const missing = noGrafanaEndpoint('POST', 'search');
  assert.equal(missing.status, 404);
  assert.match(((await missing.json()) as { error: { message: string } }).error.message, /^no Grafana data source endpoint "\/search" \(GET \/, POST \/metrics, /);
  const wrongMethod = noGrafanaEndpoint('GET', 'query');
  assert.deepEqual([wrongMethod.status, wrongMethod.headers.get('allow')], [405, 'POST']);
  assert.equal(noGrafanaEndpoint('POST', '').status, 405);
});
