import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecrets } from './redact';

test('passwords in DSNs and query strings are masked', () => {
  assert.equal(redactSecrets('postgres://rw:s3cret@db-use1:5432/app'), 'postgres://rw:***@db-use1:5432/app');
  assert.equal(redactSecrets('connect mysql://root:hunter2@10.0.0.1/app failed'), 'connect mysql://root:***@10.0.0.1/app failed');
  assert.equal(redactSecrets('postgres://db/app?sslmode=require&password=abc'), 'postgres://db/app?sslmode=require&password=***');
  assert.equal(redactSecrets('sqlite:/var/lib/app.db'), 'sqlite:/var/lib/app.db');
});
