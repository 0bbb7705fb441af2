import pg from 'pg';
import { defineEngineSuite } from './harness/engine-suite';
import { startPostgresMesh } from './harness/postgres';

/**
 * Three PostgreSQL 15 clusters in logical replication (each publishes the rows it owns, by row
 * filter), watched by `regionwatch collect` as a least-privilege user.
 */
defineEngineSuite({
  engine: 'postgres',
  names: ['pg-a', 'pg-b', 'pg-c'],
  start: (names) => startPostgresMesh(names),
  storeUrl: (port, user, password) => `postgres://${user}:${password}@127.0.0.1:${port}/app`,
  // The README's grants: write the heartbeat table, read the conflict log and the datasets.
  grants: (user, password) => [
    `CREATE ROLE ${user} LOGIN PASSWORD '${password}'`,
    `GRANT CONNECT ON DATABASE app TO ${user}`,
    `GRANT USAGE ON SCHEMA public TO ${user}`,
    `GRANT SELECT, INSERT, UPDATE ON regionwatch_heartbeat TO ${user}`,
    `GRANT SELECT ON regionwatch_conflicts, items TO ${user}`,
  ],
  upsertItem: async (node, home, id, payload) => {
    await node.query(
      `INSERT INTO items (home, id, payload) VALUES ($1, $2, $3)
       ON CONFLICT (home, id) DO UPDATE SET payload = excluded.payload, updated_at = clock_timestamp()`,
      [home, id, payload],
    );
  },
  // PostgreSQL 15 has no per-session switch that keeps a change out of logical decoding; a
  // server publishes only the rows it owns, so a direct change to another region's row stays
  // local — as a hand-made fix-up or a partial restore does in practice.
  corrupt: async (node, home, id, payload) => {
    await node.query(`UPDATE items SET payload = $3 WHERE home = $1 AND id = $2`, [home, id, payload]);
  },
  logConflict: async (node, row) => {
    const columns = Object.keys(row);
    await node.query(`INSERT INTO regionwatch_conflicts (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`, Object.values(row));
  },
  tryWriteAs: async (node, user, password) => {
    const client = new pg.Client({ host: '127.0.0.1', port: node.port, user, password, database: 'app' });
    await client.connect();
    try {
      await client.query(`INSERT INTO items (home, id, payload) VALUES ('intruder', 1, 'x')`);
      return null;
    } catch (error) {
      return (error as Error).message;
    } finally {
      await client.end();
    }
  },
});
