import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { openStore } from '@/collectors/adapters';
import { connectionOptions } from '@/collectors/adapters/sql/mysql';
import { createServerCertificates } from './harness/certs';
import { startMariadbMesh, type MariaMesh, type MariaNode } from './harness/mariadb';
import { startPostgresMesh, type PgMesh, type PgNode } from './harness/postgres';
import { removeTempDir, tempDir } from './harness/processes';

/**
 * The store adapters against real servers that serve TLS with a throwaway CA and only let the
 * collector's user in over TLS: verified connections work and are encrypted, plaintext is refused
 * by the server, and a server the configured CA did not sign is refused by the client.
 */

const USER = 'tls_reader';
const PASSWORD = 'Tls-Pw-7c41e9d';
const OPTIONS = { region: 'r1', timeoutMs: 3000, heartbeatTable: 'regionwatch_heartbeat' };

/** A second CA that signed nothing the servers present. */
let otherCaDir: string;
let otherCa: string;

before(async () => {
  otherCaDir = tempDir('regionwatch-other-ca-');
  otherCa = (await createServerCertificates(otherCaDir)).caFile;
});
after(() => removeTempDir(otherCaDir));

/** `[origin, seq]` of every heartbeat the store at `url` returns, through the adapter. */
async function heartbeatsAt(url: string): Promise<[string, number][]> {
  const store = openStore(url, OPTIONS);
  try {
    return (await store.readHeartbeats()).rows.map((row) => [row.origin, row.seq]);
  } finally {
    await store.close();
  }
}

/** The adapter's failure: it names the region and what was being done, and never the password. */
function adapterRefusal(reason: RegExp): (error: Error) => boolean {
  return (error) => {
    assert.match(error.message, /^heartbeat read in r1 \(/);
    assert.match(error.message, reason);
    assert.ok(!error.message.includes(PASSWORD), `the password leaked: ${error.message}`);
    return true;
  };
}

// The server's certificate chains to no CA the client trusts. PostgreSQL sends only its own
// certificate; MariaDB sends the CA along, which the client sees as an untrusted self-signed root.
const UNTRUSTED_CERTIFICATE = /unable to verify the first certificate|self-signed certificate in certificate chain/;

describe('PostgreSQL with TLS required', () => {
  let mesh: PgMesh;
  let node: PgNode;
  const url = (query: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${node.port}/app?${query}`;

  before(async () => {
    mesh = await startPostgresMesh(['pg-tls'], { tls: true });
    node = mesh.nodes[0];
    await mesh.createRole(USER, PASSWORD, [`GRANT SELECT ON regionwatch_heartbeat TO ${USER}`]);
    await node.query(`INSERT INTO regionwatch_heartbeat (origin, seq, ts_ms) VALUES ('pg-tls', 7, 0)`);
  });
  after(() => mesh?.stop());

  test('verify-full against the mesh CA reads heartbeats over encrypted sessions', async () => {
    const verified = url(`sslmode=verify-full&sslrootcert=${mesh.caFile}`);
    const store = openStore(verified, OPTIONS);
    try {
      assert.deepEqual(
        (await store.readHeartbeats()).rows.map((row) => [row.origin, row.seq]),
        [['pg-tls', 7]],
      );
      // The adapter's own pooled sessions, as the server sees them.
      const sessions = await node.query(`SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.usename = $1 AND a.application_name = 'regionwatch'`, [USER]);
      assert.ok(sessions.length > 0 && sessions.every((session) => session.ssl === true), JSON.stringify(sessions));
    } finally {
      await store.close();
    }
    const client = new pg.Client({ connectionString: verified });
    await client.connect();
    try {
      const [own] = (await client.query('SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows;
      assert.equal(own.ssl, true);
      assert.match(own.version, /^TLSv1\.[23]$/);
    } finally {
      await client.end();
    }
  });

  test('without TLS the server refuses the connection', async () => {
    await assert.rejects(heartbeatsAt(url('sslmode=disable')), adapterRefusal(/pg_hba\.conf rejects connection for host "127\.0\.0\.1", user "tls_reader", database "app", no encryption/));
  });

  test('verify-full against an unrelated CA fails certificate verification', async () => {
    await assert.rejects(heartbeatsAt(url(`sslmode=verify-full&sslrootcert=${otherCa}`)), adapterRefusal(UNTRUSTED_CERTIFICATE));
  });

  test('sslmode=require means what libpq says: encrypted, verified only when a root certificate is given', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      assert.deepEqual(await heartbeatsAt(url('sslmode=require')), [['pg-tls', 7]]);
      assert.deepEqual(await heartbeatsAt(url(`sslmode=require&sslrootcert=${mesh.caFile}`)), [['pg-tls', 7]]);
      await assert.rejects(heartbeatsAt(url(`sslmode=require&sslrootcert=${otherCa}`)), adapterRefusal(UNTRUSTED_CERTIFICATE));
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    assert.deepEqual(
      warnings.filter((message) => /sslmode|SSL modes/i.test(message)),
      [],
    );
  });
});

describe('MariaDB with TLS required', () => {
  let mesh: MariaMesh;
  let node: MariaNode;
  const url = (query: string) => `mysql://${USER}:${PASSWORD}@127.0.0.1:${node.port}/app${query ? `?${query}` : ''}`;

  before(async () => {
    mesh = await startMariadbMesh(['my-tls'], { tls: true });
    node = mesh.nodes[0];
    await mesh.createUser(USER, PASSWORD, [`GRANT SELECT ON app.regionwatch_heartbeat TO '${USER}'@'127.0.0.1'`], { requireSsl: true });
    await node.query(`INSERT INTO regionwatch_heartbeat (origin, seq, ts_ms) VALUES ('my-tls', 7, 0)`);
  });
  after(() => mesh?.stop());

  test('VERIFY_IDENTITY against the mesh CA reads heartbeats over an encrypted session', async () => {
    const verified = url(`ssl-mode=VERIFY_IDENTITY&ssl-ca=${mesh.caFile}`);
    assert.deepEqual(await heartbeatsAt(verified), [['my-tls', 7]]);
    // The adapter's own connection options, on a connection of our own.
    const connection = await mysql.createConnection(connectionOptions(verified));
    try {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(`SHOW STATUS LIKE 'Ssl_cipher'`);
      assert.equal(rows.length, 1);
      assert.notEqual(rows[0].Value, '', 'the session is not encrypted');
    } finally {
      await connection.end();
    }
  });

  test('without TLS the server refuses the connection', async () => {
    await assert.rejects(heartbeatsAt(url('')), adapterRefusal(/Access denied for user 'tls_reader'@'127\.0\.0\.1'/));
  });

  test('VERIFY_IDENTITY against an unrelated CA fails certificate verification', async () => {
    await assert.rejects(heartbeatsAt(url(`ssl-mode=VERIFY_IDENTITY&ssl-ca=${otherCa}`)), adapterRefusal(UNTRUSTED_CERTIFICATE));
  });
});
