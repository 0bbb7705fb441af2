import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionOptions } from './mysql';
import { withLibpqSslModes } from './postgres';
import { openStore } from '../index';
import { chooseLeafBits } from '@/collectors/merkle/sql-session';

test('a MySQL URL becomes driver options: host, port, user, password, database, TLS', () => {
  const options = connectionOptions('mysql://rw:p%40ss@db.internal:3307/app?ssl-mode=REQUIRED');
  assert.equal(options.host, 'db.internal');
  assert.equal(options.port, 3307);
  assert.equal(options.user, 'rw');
  assert.equal(options.password, 'p@ss');
  assert.equal(options.database, 'app');
  assert.deepEqual(options.ssl, { ca: undefined, cert: undefined, key: undefined, rejectUnauthorized: false });
  assert.equal(connectionOptions('mariadb://rw@db/app').port, 3306);
  assert.equal(connectionOptions('mysql://rw@db/app').ssl, undefined);
});

test('a bad MySQL URL is an error naming what is wrong, never echoing the password', () => {
  assert.throws(
    () => connectionOptions('mysql://rw:hunter2@db/app?sslmode=require'),
    (error: Error) => /unknown parameter "sslmode"/.test(error.message) && !error.message.includes('hunter2'),
  );
  assert.throws(() => connectionOptions('mysql://rw:hunter2@db/'), /names no database/);
  assert.throws(() => connectionOptions('mysql://rw:hunter2@db/app?ssl-mode=SOMETIMES'), /ssl-mode must be one of/);
  assert.throws(
    () => connectionOptions('mysql://rw:hunter2@db/app?ssl-mode=VERIFY_IDENTITY&ssl-ca=/nonexistent/ca.pem'),
    (error: Error) => /ssl-ca \/nonexistent\/ca.pem cannot be read/.test(error.message) && !error.message.includes('hunter2'),
  );
});

test('a PostgreSQL URL with an sslmode asks pg for libpq semantics, unless it says otherwise', () => {
  assert.equal(withLibpqSslModes('postgres://rw@db/app?sslmode=require'), 'postgres://rw@db/app?sslmode=require&uselibpqcompat=true');
  assert.equal(withLibpqSslModes('postgres://rw@db/app?sslrootcert=/ca.pem&sslmode=verify-ca'), 'postgres://rw@db/app?sslrootcert=/ca.pem&sslmode=verify-ca&uselibpqcompat=true');
  assert.equal(withLibpqSslModes('postgres://rw@db/app'), 'postgres://rw@db/app');
  assert.equal(withLibpqSslModes('postgres://rw@db/app?sslmode=require&uselibpqcompat=false'), 'postgres://rw@db/app?sslmode=require&uselibpqcompat=false');
});

test('store adapters keep credentials out of their location and their errors', async () => {
  for (const url of ['postgres://rw:hunter2@127.0.0.1:1/app', 'mysql://rw:hunter2@127.0.0.1:1/app']) {
    const store = openStore(url, { region: 'r1', timeoutMs: 500, heartbeatTable: 'regionwatch_heartbeat' });
    assert.doesNotMatch(store.safeLocation, /hunter2/);
    // Port 1 refuses connections: the error names the region and the redacted store.
    await assert.rejects(store.readHeartbeats(), (error: Error) => error.message.includes('r1') && error.message.includes(':***@127.0.0.1:1/app') && !error.message.includes('hunter2'));
    await store.close();
  }
});

test('SQL stores pick leaves of about 512 rows from the table statistics', () => {
  assert.equal(chooseLeafBits(1_000_000, 20, 4), 11);
  assert.equal(chooseLeafBits(0, 20, 4), 4, 'an empty or unanalysed table still gets one level of buckets');
  assert.equal(chooseLeafBits(1e12, 20, 4), 20, 'never deeper than the check allows');
});
