import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startMariadbMesh, type MariaMesh, type MariaNode } from './mariadb';
import { sleep } from './demo';

const NAMES = ['my-a', 'my-b', 'my-c'];
let mesh: MariaMesh;

before(async () => {
  mesh = await startMariadbMesh(NAMES);
});
after(() => mesh?.stop());

async function payloadOf(node: MariaNode, home: string, id: number): Promise<string | undefined> {
  const rows = await node.query<{ payload: string }>('SELECT payload FROM items WHERE home = ? AND id = ?', [home, id]);
  return rows[0]?.payload;
}

async function waitUntil(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

async function slaveStatus(node: MariaNode) {
  return node.query<Record<string, string | number | null>>('SHOW ALL SLAVES STATUS');
}

test('a row written on each node arrives exactly once on every other node', async () => {
  await Promise.all(mesh.nodes.map((node) => node.query('INSERT INTO items (home, id, payload) VALUES (?, 1, ?)', [node.name, `from ${node.name}`])));
  for (const node of mesh.nodes) {
    await waitUntil(`${node.name} has all three rows`, async () => (await node.query('SELECT 1 FROM items WHERE id = 1')).length === 3);
    const rows = await node.query('SELECT home, payload FROM items WHERE id = 1 ORDER BY home');
    assert.deepEqual(
      rows,
      NAMES.map((name) => ({ home: name, payload: `from ${name}` })),
    );
  }
});

test('servers have distinct ids, GTID multi-source connections and report themselves to their masters', async () => {
  for (const [index, node] of mesh.nodes.entries()) {
    const [vars] = await node.query(
      'SELECT @@server_id AS server, @@gtid_domain_id AS domain, @@auto_increment_offset AS first_id, @@auto_increment_increment AS id_step, @@gtid_strict_mode AS strict',
    );
    assert.deepEqual(vars, { server: index + 1, domain: index + 1, first_id: index + 1, id_step: NAMES.length, strict: 1 });
    assert.deepEqual([node.serverId, node.domainId], [index + 1, index + 1]);
    const connections = (await slaveStatus(node)).map((status) => [status.Connection_name, status.Using_Gtid, status.Replicate_Do_Domain_Ids]);
    const masters = mesh.nodes.filter((other) => other !== node);
    assert.deepEqual(
      connections,
      masters.map((master) => [`from_${master.name.replace(/-/g, '_')}`, 'Slave_Pos', String(master.domainId)]),
    );
    const hosts = await node.query('SHOW SLAVE HOSTS');
    assert.deepEqual(hosts.map((host) => [host.Host, host.Port]).sort(), masters.map((replica) => ['127.0.0.1', replica.port]).sort());
  }
});

test('pause(a, b) stops exactly the a -> b flow, and resume delivers what it held back', async () => {
  const [a, b, c] = mesh.nodes;
  await mesh.pause('my-a', 'my-b');
  const [paused] = await b.query(`SHOW SLAVE 'from_my_a' STATUS`);
  assert.deepEqual([paused.Slave_IO_Running, paused.Slave_SQL_Running], ['No', 'No']);
  await a.query(`INSERT INTO items (home, id, payload) VALUES ('my-a', 2, 'while paused')`);
  await c.query(`INSERT INTO items (home, id, payload) VALUES ('my-c', 2, 'written after')`);
  await b.query(`INSERT INTO items (home, id, payload) VALUES ('my-b', 2, 'b still replicates')`);
  await waitUntil('a -> c delivers', async () => (await payloadOf(c, 'my-a', 2)) === 'while paused');
  await waitUntil('c -> b delivers', async () => (await payloadOf(b, 'my-c', 2)) === 'written after');
  await waitUntil('b -> a delivers', async () => (await payloadOf(a, 'my-b', 2)) === 'b still replicates');
  assert.equal(await payloadOf(b, 'my-a', 2), undefined, 'the paused link delivered a row');

  // c has applied a's row by now; b must still get it from a (nothing may mark it as seen).
  await mesh.resume('my-a', 'my-b');
  await waitUntil('a -> b delivers after resume', async () => (await payloadOf(b, 'my-a', 2)) === 'while paused');
  assert.equal((await b.query(`SELECT 1 FROM items WHERE home = 'my-a' AND id = 2`)).length, 1);
});

test('setDelay(a, c) holds a -> c back while a -> b stays prompt', async () => {
  const [a, b, c] = mesh.nodes;
  await mesh.setDelay('my-a', 'my-c', 3);
  try {
    const [status] = await c.query(`SHOW SLAVE 'from_my_a' STATUS`);
    assert.equal(status.SQL_Delay, 3);
    await a.query(`INSERT INTO items (home, id, payload) VALUES ('my-a', 4, 'delayed')`);
    await waitUntil('a -> b delivers', async () => (await payloadOf(b, 'my-a', 4)) === 'delayed');
    assert.equal(await payloadOf(c, 'my-a', 4), undefined, 'the delayed link delivered at once');
    await waitUntil('a -> c delivers after the delay', async () => (await payloadOf(c, 'my-a', 4)) === 'delayed');
  } finally {
    await mesh.setDelay('my-a', 'my-c', 0);
  }
});

test('a change made with sql_log_bin = 0 stays on its node, and the session setting does not leak', async () => {
  const [a, b, c] = mesh.nodes;
  await a.query(`INSERT INTO items (home, id, payload) VALUES ('my-a', 3, 'original')`);
  await waitUntil('the row reaches b and c', async () => (await payloadOf(b, 'my-a', 3)) === 'original' && (await payloadOf(c, 'my-a', 3)) === 'original');
  await b.query(`SET sql_log_bin = 0; UPDATE items SET payload = 'diverged' WHERE home = 'my-a' AND id = 3`);
  // Every pooled connection must be back to logging (the reset after each call).
  const logging = await Promise.all(Array.from({ length: 6 }, () => b.query('SELECT @@session.sql_log_bin AS on_')));
  assert.ok(
    logging.every(([row]) => row.on_ === 1),
    JSON.stringify(logging),
  );
  // A later binlogged write travels the same connections: once it has arrived, so would have the update.
  await b.query(`INSERT INTO items (home, id, payload) VALUES ('my-b', 3, 'sentinel')`);
  await waitUntil('the sentinel reaches a and c', async () => (await payloadOf(a, 'my-b', 3)) === 'sentinel' && (await payloadOf(c, 'my-b', 3)) === 'sentinel');
  assert.equal(await payloadOf(b, 'my-a', 3), 'diverged');
  assert.equal(await payloadOf(a, 'my-a', 3), 'original');
  assert.equal(await payloadOf(c, 'my-a', 3), 'original');
});

test('repeated heartbeat upserts replicate without breaking any connection', async () => {
  const beats = 100;
  for (let seq = 1; seq <= beats; seq++) {
    await Promise.all(
      mesh.nodes.map((node) =>
        node.query('INSERT INTO regionwatch_heartbeat (origin, seq, ts_ms) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE seq = VALUES(seq), ts_ms = VALUES(ts_ms)', [node.name, seq, Date.now()]),
      ),
    );
  }
  for (const node of mesh.nodes) {
    await waitUntil(`${node.name} sees every origin at seq ${beats}`, async () => (await node.query('SELECT origin FROM regionwatch_heartbeat WHERE seq = ?', [beats])).length === NAMES.length);
    const health = (await slaveStatus(node)).map((status) => [status.Connection_name, status.Slave_IO_Running, status.Slave_SQL_Running, status.Last_IO_Error, status.Last_SQL_Error]);
    assert.deepEqual(
      health.map(([, io, sql, ioError, sqlError]) => [io, sql, ioError, sqlError]),
      [
        ['Yes', 'Yes', '', ''],
        ['Yes', 'Yes', '', ''],
      ],
      `${node.name}: ${JSON.stringify(health)}`,
    );
  }
});
