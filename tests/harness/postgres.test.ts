import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { startPostgresMesh, type PgMesh, type PgNode } from './postgres';
import { sleep } from './demo';

const NAMES = ['pg-a', 'pg-b', 'pg-c'];
let mesh: PgMesh;

before(async () => {
  mesh = await startPostgresMesh(NAMES);
});
after(() => mesh?.stop());

async function payloadOf(node: PgNode, home: string, id: number): Promise<string | undefined> {
  const rows = await node.query<{ payload: string }>('SELECT payload FROM items WHERE home = $1 AND id = $2', [home, id]);
  return rows[0]?.payload;
}

async function waitUntil(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

test('a row written on each node arrives exactly once on every other node', async () => {
  await Promise.all(mesh.nodes.map((node) => node.query('INSERT INTO items (home, id, payload) VALUES ($1, 1, $2)', [node.name, `from ${node.name}`])));
  for (const node of mesh.nodes) {
    await waitUntil(`${node.name} has all three rows`, async () => (await node.query('SELECT 1 FROM items WHERE id = 1')).length === 3);
    const rows = await node.query('SELECT home, payload FROM items WHERE id = 1 ORDER BY home');
    assert.deepEqual(
      rows,
      NAMES.map((name) => ({ home: name, payload: `from ${name}` })),
    );
  }
});

test('pause(a, b) stops exactly the a -> b flow until resume', async () => {
  const [a, b, c] = mesh.nodes;
  await mesh.pause('pg-a', 'pg-b');
  await a.query(`INSERT INTO items (home, id, payload) VALUES ('pg-a', 2, 'while paused')`);
  await c.query(`INSERT INTO items (home, id, payload) VALUES ('pg-c', 2, 'written after')`);
  await waitUntil('a -> c delivers', async () => (await payloadOf(c, 'pg-a', 2)) === 'while paused');
  await waitUntil('c -> b delivers', async () => (await payloadOf(b, 'pg-c', 2)) === 'written after');
  await waitUntil('b -> a still delivers', async () => {
    await b.query(`INSERT INTO items (home, id, payload) VALUES ('pg-b', 2, 'b still publishes') ON CONFLICT DO NOTHING`);
    return (await payloadOf(a, 'pg-b', 2)) === 'b still publishes';
  });
  assert.equal(await payloadOf(b, 'pg-a', 2), undefined, 'the paused link delivered a row');

  await mesh.resume('pg-a', 'pg-b');
  await waitUntil('a -> b delivers after resume', async () => (await payloadOf(b, 'pg-a', 2)) === 'while paused');
  assert.equal((await b.query(`SELECT 1 FROM items WHERE home = 'pg-a' AND id = 2`)).length, 1);
});

test('an update on b of a row owned by a stays on b (divergence)', async () => {
  const [a, b, c] = mesh.nodes;
  await a.query(`INSERT INTO items (home, id, payload) VALUES ('pg-a', 3, 'original')`);
  await waitUntil('the row reaches b and c', async () => (await payloadOf(b, 'pg-a', 3)) === 'original' && (await payloadOf(c, 'pg-a', 3)) === 'original');
  await b.query(`UPDATE items SET payload = 'diverged' WHERE home = 'pg-a' AND id = 3`);
  // A later write of b's own travels the same links: once it has arrived, so would have the update.
  await b.query(`INSERT INTO items (home, id, payload) VALUES ('pg-b', 3, 'sentinel')`);
  await waitUntil('the sentinel reaches a and c', async () => (await payloadOf(a, 'pg-b', 3)) === 'sentinel' && (await payloadOf(c, 'pg-b', 3)) === 'sentinel');
  assert.equal(await payloadOf(b, 'pg-a', 3), 'diverged');
  assert.equal(await payloadOf(a, 'pg-a', 3), 'original');
  assert.equal(await payloadOf(c, 'pg-a', 3), 'original');
});

test('repeated heartbeat upserts replicate without breaking any subscription', async () => {
  const beats = 50;
  for (let seq = 1; seq <= beats; seq++) {
    await Promise.all(
      mesh.nodes.map((node) =>
        node.query(
          `INSERT INTO regionwatch_heartbeat (origin, seq, ts_ms) VALUES ($1, $2, $3)
        ON CONFLICT (origin) DO UPDATE SET seq = excluded.seq, ts_ms = excluded.ts_ms`,
          [node.name, seq, Date.now()],
        ),
      ),
    );
  }
  for (const node of mesh.nodes) {
    await waitUntil(`${node.name} sees every origin at seq ${beats}`, async () => (await node.query('SELECT origin FROM regionwatch_heartbeat WHERE seq = $1', [beats])).length === NAMES.length);
    const workers = await node.query(`SELECT subname, pid FROM pg_stat_subscription ORDER BY subname`);
    assert.equal(workers.length, NAMES.length - 1);
    assert.ok(
      workers.every((worker) => worker.pid !== null),
      `${node.name}: ${JSON.stringify(workers)}`,
    );
    const errors = await node.query(`SELECT subname, apply_error_count, sync_error_count FROM pg_stat_subscription_stats`);
    assert.ok(
      errors.every((row) => Number(row.apply_error_count) === 0 && Number(row.sync_error_count) === 0),
      `${node.name}: ${JSON.stringify(errors)}`,
    );
  }
});

test('createRole: password logins use SCRAM and get exactly the grants', async () => {
  await mesh.createRole('reader', 's3cret', ['GRANT SELECT ON items TO reader']);
  for (const node of mesh.nodes) {
    const url = (password: string) => `postgres://reader:${password}@127.0.0.1:${node.port}/app`;
    const client = new pg.Client({ connectionString: url('s3cret') });
    await client.connect();
    try {
      assert.ok((await client.query('SELECT count(*) FROM items')).rows.length === 1);
      await assert.rejects(client.query('SELECT * FROM regionwatch_conflicts'), /permission denied/);
      assert.equal((await client.query('SHOW password_encryption')).rows[0].password_encryption, 'scram-sha-256');
    } finally {
      await client.end();
    }
    const wrong = new pg.Client({ connectionString: url('wrong') });
    await assert.rejects(wrong.connect(), /password authentication failed/);
  }
});
