import type { ChildProcess } from 'node:child_process';
import { chownSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { requireBinary } from './binaries';
import { createServerCertificates, type TlsFiles } from './certs';
import { freePorts } from './free-port';
import { launch, removeTempDir, run, serviceUser, tempDir, terminate, until } from './processes';

export interface MariaNode {
  name: string;
  port: number;
  serverId: number;
  domainId: number;
  /** root URL: mysql://root@127.0.0.1:PORT/app */
  url: string;
  socket: string;
  /**
   * Runs `sql` (several statements allowed) on a pooled root connection and returns the rows of
   * the last statement ([] if it returns none). The session is reset after each call, so
   * `SET sql_log_bin = 0; ...` only affects that call.
   */
  // biome-ignore lint/suspicious/noExplicitAny: rows are whatever the test's SQL selects, like the drivers' own query<T = any>
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface MariaMesh {
  nodes: MariaNode[];
  /** With `{ tls: true }`: the CA that signed every server's certificate (ssl-ca). */
  caFile?: string;
  node(name: string): MariaNode;
  /** STOP SLAVE 'conn' on `to` for the connection replicating from `from`. */
  pause(from: string, to: string): Promise<void>;
  /** START SLAVE 'conn'; returns once both its threads run. */
  resume(from: string, to: string): Promise<void>;
  /** CHANGE MASTER 'conn' TO MASTER_DELAY = seconds (stop, change, start: a paused connection runs again). */
  setDelay(from: string, to: string, seconds: number): Promise<void>;
  /**
   * Creates `'name'@'127.0.0.1'` with a password on every server, REQUIRE SSL if asked, then runs
   * `grants` (statements naming that account) as root; none of it is binlogged, as users are per server.
   */
  createUser(name: string, password: string, grants: string[], options?: { requireSsl?: boolean }): Promise<void>;
  /** Stops one node's server at once, as a crashed region: its port then refuses connections. */
  kill(name: string): Promise<void>;
  stop(): Promise<void>;
}

const SCHEMA = `
CREATE DATABASE app;
CREATE TABLE app.regionwatch_heartbeat (origin varchar(64) PRIMARY KEY, seq bigint NOT NULL, ts_ms double NOT NULL) ENGINE=InnoDB;
CREATE TABLE app.items (home varchar(64) NOT NULL, id bigint NOT NULL, payload text, updated_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (home, id)) ENGINE=InnoDB;
CREATE TABLE app.regionwatch_conflicts (id bigint AUTO_INCREMENT PRIMARY KEY, detected_at double NOT NULL, entity_type varchar(64) NOT NULL, entity_key varchar(255) NOT NULL, local_region varchar(64) NOT NULL, remote_region varchar(64) NOT NULL, local_version json NOT NULL, remote_version json NOT NULL, local_ts double, remote_ts double, resolution varchar(16) NOT NULL, winner varchar(64), merged json, resolved_at double) ENGINE=InnoDB;
`;

export interface MariaMeshOptions {
  /** Run after the schema on every server (in database `app`, not binlogged). */
  extraSql?: string;
  /** innodb_buffer_pool_size (default 128M). */
  bufferPool?: string;
  /** Serve TLS with a throwaway CA's certificate (`mesh.caFile`); accounts opt in to REQUIRE SSL. */
  tls?: boolean;
}

interface Server {
  node: MariaNode;
  dir: string;
  pool: mysql.Pool;
  process?: ChildProcess;
  log: string;
}

/**
 * Starts one MariaDB 10.11 server per name (in parallel, on free ports, in temp dirs), each a GTID
 * multi-source replica of every other (server_id = gtid_domain_id = 1..N): connection 'from_X'
 * carries only X's own domain, so stopping it stops exactly the X -> this flow.
 */
export async function startMariadbMesh(names: string[], options: MariaMeshOptions = {}): Promise<MariaMesh> {
  const binaries = { mariadbd: requireBinary('mariadbd', 'mariadb-server'), installDb: requireBinary('mariadb-install-db', 'mariadb-server') };
  names.forEach(checkName);
  const ports = await freePorts(names.length);
  const servers = names.map((name, i) => newServer(name, i + 1, ports[i]));
  const certsDir = options.tls ? tempDir('regionwatch-mariadb-tls-') : undefined;
  const mesh = meshOf(servers, certsDir);
  try {
    // One certificate for every server: they all listen on 127.0.0.1.
    const tls = certsDir === undefined ? undefined : await createServerCertificates(certsDir, serviceUser('mysql'));
    mesh.caFile = tls?.caFile;
    // allSettled: a failed node must not leave the others starting up behind stop()'s back.
    const started = await Promise.allSettled(servers.map((server) => startServer(server, binaries, names.length, options, tls)));
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    await replicateAll(servers);
    return mesh;
  } catch (error) {
    await mesh.stop();
    throw error;
  }
}

function newServer(name: string, id: number, port: number): Server {
  const dir = tempDir('regionwatch-mariadb-');
  const url = `mysql://root@127.0.0.1:${port}/app`;
  const pool = mysql.createPool({ host: '127.0.0.1', port, user: 'root', database: 'app', connectionLimit: 4, multipleStatements: true });
  const node: MariaNode = { name, port, serverId: id, domainId: id, url, socket: join(dir, 'mariadbd.sock'), query: (sql, params) => pooledQuery(pool, sql, params) };
  return { node, dir, pool, log: '' };
}

async function startServer(server: Server, binaries: { mariadbd: string; installDb: string }, count: number, options: MariaMeshOptions, tls: TlsFiles | undefined): Promise<void> {
  const { node, dir } = server;
  const data = join(dir, 'data');
  // mariadbd refuses to run as root unless told which user to become.
  const mysqlUser = serviceUser('mysql');
  const asUser = mysqlUser ? ['--user=mysql'] : [];
  if (mysqlUser) chownSync(dir, mysqlUser.uid, mysqlUser.gid);
  // Throwaway data: small buffer pool and redo log, no doublewrite, flush the log once a second.
  const innodb = [`--innodb-buffer-pool-size=${options.bufferPool ?? '128M'}`, '--innodb-log-file-size=16M', '--innodb-doublewrite=0', '--innodb-flush-log-at-trx-commit=2'];
  // Own tmpdir: parallel bootstraps sharing /tmp collide on their temporary tables' names.
  const install = ['--no-defaults', '--auth-root-authentication-method=normal', `--datadir=${data}`, `--tmpdir=${dir}`, '--skip-test-db', ...asUser, ...innodb];
  await run(binaries.installDb, install, { cwd: dir });

  const args = [
    '--no-defaults',
    ...asUser,
    `--datadir=${data}`,
    `--socket=${node.socket}`,
    `--pid-file=${join(dir, 'mariadbd.pid')}`,
    `--tmpdir=${dir}`,
    `--port=${node.port}`,
    '--bind-address=127.0.0.1',
    '--skip-name-resolve',
    ...innodb,
    `--server-id=${node.serverId}`,
    `--gtid-domain-id=${node.domainId}`,
    '--log-bin=binlog',
    '--relay-log=relay',
    // OFF on purpose. With it ON every server forwards the others' events, and DO_DOMAIN_IDS still
    // records the GTIDs it filters out in gtid_slave_pos, which all connections share: while a -> b
    // is paused or delayed (or just slower than a -> c -> b), b learns a's GTIDs through c and then
    // skips a's rows as already applied. OFF, each domain reaches a server through exactly one
    // connection, and DO_DOMAIN_IDS is only a guard.
    '--log-slave-updates=OFF',
    '--binlog-format=ROW',
    '--gtid-strict-mode=ON',
    '--gtid-ignore-duplicates=ON',
    '--skip-slave-start',
    `--auto-increment-increment=${count}`,
    `--auto-increment-offset=${node.serverId}`,
    // SHOW SLAVE HOSTS (how pt-table-checksum finds replicas) lists what replicas report here.
    '--report-host=127.0.0.1',
    `--report-port=${node.port}`,
    ...(tls ? [`--ssl-ca=${tls.caFile}`, `--ssl-cert=${tls.certFile}`, `--ssl-key=${tls.keyFile}`] : []),
  ];
  // The data is thrown away, so there is nothing for a clean shutdown to save: SIGKILL.
  const child = launch(binaries.mariadbd, args, { cwd: dir }, 'SIGKILL', (chunk) => (server.log = (server.log + chunk).slice(-20_000)));
  server.process = child;

  // Root over the socket (root@localhost) works whatever TCP accounts exist; set those up here.
  const admin = { socketPath: node.socket, user: 'root', multipleStatements: true };
  await until(
    async () => {
      if (child.exitCode !== null || child.pid === undefined) throw new Error(`mariadbd ${node.name} exited with ${child.exitCode}:\n${server.log}`);
      return queryOnce(admin, 'SELECT 1').then(
        () => true,
        () => undefined,
      );
    },
    30_000,
    () => `mariadbd ${node.name} not ready after 30 s:\n${server.log}`,
  );
  // Not binlogged: every server gets the same users and schema before replication starts.
  await queryOnce(
    admin,
    `SET sql_log_bin = 0;
    CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
    CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY 'repl'; CREATE USER 'repl'@'%' IDENTIFIED BY 'repl';
    GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1', 'repl'@'%';
    ${SCHEMA} USE app; ${options.extraSql ?? ''}`,
  );
}

/** Points every server at every other one, starts all connections and proves rows flow everywhere. */
async function replicateAll(servers: Server[]): Promise<void> {
  const nodes = servers.map((server) => server.node);
  await Promise.all(
    nodes.map(async (to) => {
      for (const from of nodes) {
        if (from === to) continue;
        await to.query(`CHANGE MASTER '${connection(from.name)}' TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ${from.port},
        MASTER_USER = 'repl', MASTER_PASSWORD = 'repl', MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1,
        DO_DOMAIN_IDS = (${from.domainId})`);
      }
      await to.query('START ALL SLAVES');
    }),
  );
  for (const to of nodes) {
    for (const from of nodes) if (from !== to) await waitRunning(from, to);
  }
  const markers = async (node: MariaNode) => Number((await node.query('SELECT count(*) AS n FROM items WHERE id = -1'))[0].n);
  const everywhere = (count: number) =>
    until(
      async () => ((await Promise.all(nodes.map(markers))).every((n) => n === count) ? true : undefined),
      30_000,
      () => `mariadb mesh: marker rows never reached ${count} on every node`,
    );
  await Promise.all(nodes.map((node) => node.query('INSERT INTO items (home, id) VALUES (?, -1)', [node.name])));
  await everywhere(nodes.length);
  await Promise.all(nodes.map((node) => node.query('DELETE FROM items WHERE home = ? AND id = -1', [node.name])));
  await everywhere(0);
}

/** Waits until connection from -> to has both threads running; fails at once on a replication error. */
async function waitRunning(from: MariaNode, to: MariaNode): Promise<void> {
  await until(
    async () => {
      const [status] = await to.query(`SHOW SLAVE '${connection(from.name)}' STATUS`);
      if (status.Last_IO_Error || status.Last_SQL_Error) throw new Error(`replication ${from.name} -> ${to.name}: ${status.Last_IO_Error || status.Last_SQL_Error}`);
      return status.Slave_IO_Running === 'Yes' && status.Slave_SQL_Running === 'Yes' ? true : undefined;
    },
    30_000,
    () => `replication ${from.name} -> ${to.name} did not start`,
  );
}

/** `certsDir`: the mesh's own temp dir (certificates), removed by stop(). */
function meshOf(servers: Server[], certsDir: string | undefined): MariaMesh {
  const node = (name: string) => {
    const found = servers.find((server) => server.node.name === name);
    if (!found) throw new Error(`no mariadb node ${name} (have ${servers.map((s) => s.node.name).join(', ')})`);
    return found.node;
  };
  return {
    nodes: servers.map((server) => server.node),
    node,
    async pause(from, to) {
      await node(to).query(`STOP SLAVE '${connection(from)}'`);
    },
    async resume(from, to) {
      await node(to).query(`START SLAVE '${connection(from)}'`);
      await waitRunning(node(from), node(to));
    },
    async setDelay(from, to, seconds) {
      const name = connection(from);
      await node(to).query(`STOP SLAVE '${name}'; CHANGE MASTER '${name}' TO MASTER_DELAY = ${Math.max(0, Math.round(seconds))}; START SLAVE '${name}'`);
      await waitRunning(node(from), node(to));
    },
    async createUser(name, password, grants, { requireSsl = false } = {}) {
      const unlogged = (statement: string) => `SET STATEMENT sql_log_bin = 0 FOR ${statement}`;
      for (const server of servers) {
        await server.node.query(unlogged(`CREATE USER ?@'127.0.0.1' IDENTIFIED BY ?${requireSsl ? ' REQUIRE SSL' : ''}`), [name, password]);
        for (const grant of grants) await server.node.query(unlogged(grant));
      }
    },
    async kill(name) {
      const target = servers.find((each) => each.node.name === name);
      if (target?.process) await terminate(target.process);
    },
    async stop() {
      await Promise.all(servers.map(stopServer));
      if (certsDir !== undefined) removeTempDir(certsDir);
    },
  };
}

async function stopServer(server: Server): Promise<void> {
  await server.pool.end().catch(() => {});
  if (server.process) await terminate(server.process);
  removeTempDir(server.dir);
}

async function pooledQuery<T>(pool: mysql.Pool, sql: string, params?: unknown[]): Promise<T[]> {
  const connection = await pool.getConnection();
  try {
    const [result, fields] = await connection.query(sql, params);
    return lastRows(result, fields) as T[];
  } finally {
    // COM_RESET_CONNECTION: drops session settings (sql_log_bin, user variables) and open transactions.
    await connection.reset().then(
      () => connection.release(),
      () => connection.destroy(),
    );
  }
}

async function queryOnce(config: mysql.ConnectionOptions, sql: string): Promise<void> {
  const connection = await mysql.createConnection(config);
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

/**
 * The rows of the last statement ([] when it returns none, like an UPDATE). With several
 * statements mysql2 returns one result and one field list per statement.
 */
function lastRows(result: unknown, fields: unknown): unknown[] {
  const multi = Array.isArray(result) && Array.isArray(fields) && fields.length === result.length && fields.every((f) => f === undefined || Array.isArray(f));
  const last = multi ? result[result.length - 1] : result;
  return Array.isArray(last) ? last : [];
}

function connection(from: string): string {
  return `from_${from.replace(/-/g, '_')}`;
}

function checkName(name: string): void {
  if (!/^[a-z][a-z0-9_-]{0,40}$/.test(name)) throw new Error(`mariadb node name ${JSON.stringify(name)} must match [a-z][a-z0-9_-]{0,40}`);
}
