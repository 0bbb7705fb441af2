import mysql from 'mysql2/promise';
import { defineEngineSuite } from './harness/engine-suite';
import { startMariadbMesh } from './harness/mariadb';

/**
 * Three MariaDB 10.11 servers in multi-source GTID replication (each replicates from the other
 * two), watched by `regionwatch collect` as a least-privilege user.
 */
defineEngineSuite({
  engine: 'mariadb',
  names: ['my-a', 'my-b', 'my-c'],
  start: (names) => startMariadbMesh(names),
  storeUrl: (port, user, password) => `mysql://${user}:${password}@127.0.0.1:${port}/app`,
  // The README's grants. Users are per server: kept out of the binlog so they do not replicate.
  grants: (user, password) =>
    [
      `CREATE USER '${user}'@'127.0.0.1' IDENTIFIED BY '${password}'`,
      `GRANT SELECT, INSERT, UPDATE ON app.regionwatch_heartbeat TO '${user}'@'127.0.0.1'`,
      `GRANT SELECT ON app.regionwatch_conflicts TO '${user}'@'127.0.0.1'`,
      `GRANT SELECT ON app.items TO '${user}'@'127.0.0.1'`,
    ].map((statement) => `SET STATEMENT sql_log_bin = 0 FOR ${statement}`),
  upsertItem: async (node, home, id, payload) => {
    await node.query(`INSERT INTO app.items (home, id, payload) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE payload = VALUES(payload), updated_at = NOW(6)`, [home, id, payload]);
  },
  // Replication bypassed for the session, as an operator's hand-made fix-up would be.
  corrupt: async (node, home, id, payload) => {
    const connection = await mysql.createConnection({ host: '127.0.0.1', port: node.port, user: 'root', database: 'app' });
    try {
      await connection.query('SET SESSION sql_log_bin = 0');
      await connection.query('UPDATE items SET payload = ? WHERE home = ? AND id = ?', [payload, home, id]);
    } finally {
      await connection.end();
    }
  },
  logConflict: async (node, row) => {
    const columns = Object.keys(row);
    await node.query(`SET STATEMENT sql_log_bin = 0 FOR INSERT INTO app.regionwatch_conflicts (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, Object.values(row));
  },
  tryWriteAs: async (node, user, password) => {
    const connection = await mysql.createConnection({ host: '127.0.0.1', port: node.port, user, password, database: 'app' });
    try {
      await connection.query(`INSERT INTO items (home, id, payload) VALUES ('intruder', 1, 'x')`);
      return null;
    } catch (error) {
      return (error as Error).message;
    } finally {
      await connection.end();
    }
  },
});
