import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBatch } from './ingest';

const NOW = Date.UTC(2026, 11, 4, 12);
const event = (overrides: Record<string, unknown>) =>
  JSON.stringify({
    id: 'e1',
    detected_at: NOW - 1000,
    source_region: 'us-east',
    target_region: 'eu-west',
    entity_type: 'order',
    entity_key: 'order-1',
    resolution: 'lww',
    ...overrides,
  });
const fields = (body: string) => parseBatch(`[${body}]`, ['us-east', 'eu-west'], NOW).rejected.flatMap((rejected) => rejected.errors.map((error) => `${error.field}: ${error.message}`));

test('events with impossible times, a region paired with itself or an unknown region are refused, each with its field', () => {
  assert.deepEqual(fields(event({})), [], 'a sane event passes');
  assert.deepEqual(fields(event({ detected_at: NOW + 4 * 60_000 })), [], 'a writer’s clock a few minutes ahead is allowed');
  assert.match(fields(event({ detected_at: Date.UTC(5138, 0, 1) })).join(), /^detected_at: .* more than 5 minutes in the future$/);
  assert.match(fields(event({ detected_at: '1999-12-31T23:59:59Z' })).join(), /^detected_at: .* before 2000$/);
  assert.match(fields(event({ resolved_at: NOW + 3_600_000 })).join(), /^resolved_at: /);
  assert.deepEqual(fields(event({ target_region: 'us-east' })), ['target_region: must differ from source_region ("us-east"): a conflict is between two regions']);
  assert.deepEqual(fields(event({ source_region: 'nope' })), ['source_region: unknown region "nope"']);
});
