import assert from 'node:assert/strict';
import { test } from 'node:test';
import { divergenceEntitiesPath } from './divergence';
import { queryKeys } from './keys';

test('the entities path names the dataset and the pair in canonical order', () => {
  assert.equal(divergenceEntitiesPath('users', 'us-east', 'eu-west'), '/api/divergence/users/entities?region_a=eu-west&region_b=us-east');
  assert.equal(divergenceEntitiesPath('users', 'eu-west', 'us-east'), divergenceEntitiesPath('users', 'us-east', 'eu-west'));
});

test('divergence keys nest under one prefix, so one invalidation refreshes every panel', () => {
  const prefix = queryKeys.divergence();
  for (const key of [queryKeys.divergenceOverview(), queryKeys.divergenceEntities('users', 'r1', 'r2')]) {
    assert.deepEqual(key.slice(0, prefix.length), [...prefix]);
  }
});
