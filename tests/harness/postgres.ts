import type { ChildProcess } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createServerCertificates, type TlsFiles } from './certs';
import { freePorts } from './free-port';
import { launch, removeTempDir, run, serviceUser, tempDir, terminate, until } from './processes';

const PG_BIN = '/usr/lib/postgresql/15/bin';

export interface PgNode {
  name: string;
  port: number;
  /** superuser URL: postgres://postgres@127.0.0.1:PORT/app */
  url: string;
  /**
   * Runs `sql` (one statement, or several without params) on a pooled connection and returns the
   * rows of the last statement. Session state (SET, temp tables) is discarded after each call.
   */
  // biome-ignore lint/suspicious/noExplicitAny: rows are whatever the test's SQL selects, like the drivers' own query<T = any>
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface PgMesh {
  nodes: PgNode[];
  /** With `{ tls: true }`: the CA that signed every node's certificate (sslrootcert). */
  caFile?: string;
  node(name: string): PgNode;
  /** ALTER SUBSCRIPTION ... DISABLE on `to` for the subscription receiving from `from`; returns once its worker has exited. */
  pause(from: string, to: string): Promise<void>;
  /** ALTER SUBSCRIPTION ... ENABLE; returns once a worker runs again. */
  resume(from: string, to: string): Promise<void>;
  /**
   * Creates a login role with a password, granted exactly `grants` (SQL statements run as
   * superuser on every node). With `{ tls: true }` the role can only connect over TLS.
   */
  createRole(name: string, password: string, grants: string[]): Promise<void>;
  /** Stops one node's server at once, as a crashed region: its port then refuses connections. */
  kill(name: string): Promise<void>;
  /** Starts a killed node's server again on its data (crash recovery), on the same port. */
  restart(name: string): Promise<void>;
  stop(): Promise<void>;
}

const SCHEMA = `
CREATE TABLE regionwatch_heartbeat (origin text PRIMARY KEY, seq bigint NOT NULL, ts_ms double precision NOT NULL);
CREATE TABLE items (home text NOT NULL, id bigint NOT NULL, payload text, updated_at timestamptz NOT NULL DEFAULT clock_timestamp(), PRIMARY KEY (home, id));
CREATE TABLE regionwatch_conflicts (id bigserial PRIMARY KEY, detected_at double precision NOT NULL, entity_type text NOT NULL, entity_key text NOT NULL, local_region text NOT NULL, remote_region text NOT NULL, local_version jsonb NOT NULL, remote_version jsonb NOT NULL, local_ts double precision, remote_ts double precision, resolution text NOT NULL, winner text, merged jsonb, resolved_at double precision);
`;

// Throwaway clusters: durability off, and replication timers short so pause/resume react fast
// (wal_retrieve_retry_interval also throttles how often the launcher may start apply workers).
const CONF = `
listen_addresses = '127.0.0.1'
wal_level = logical
max_replication_slots = 16
max_wal_senders = 16
max_logical_replication_workers = 16
max_worker_processes = 32
fsync = off
synchronous_commit = off
full_page_writes = off
autovacuum = off
wal_sender_timeout = '10s'
wal_receiver_timeout = '10s'
wal_receiver_status_interval = '1s'
wal_retrieve_retry_interval = '100ms'
`;

// The superuser needs no password; every other role must pass SCRAM, as in production, and
// with TLS on must also encrypt: the explicit reject names the reason in the client's error.
const hba = (tls: boolean) => `
local all postgres trust
local replication postgres trust
host all postgres 127.0.0.1/32 trust
host replication postgres 127.0.0.1/32 trust
local all all scram-sha-256
${tls ? 'hostssl all all 127.0.0.1/32 scram-sha-256\nhostnossl all all 127.0.0.1/32 reject' : 'host all all 127.0.0.1/32 scram-sha-256'}
`;

export interface PgMeshOptions {
  /** Run after the schema on every node (in database `app`). */
  extraSql?: string;
  /** Serve TLS with a throwaway CA's certificate (`mesh.caFile`), and require it of every role but postgres. */
  tls?: boolean;
  /** A commit acknowledged is on disk, so it survives `kill()` (the fast default gives that up). */
  durable?: boolean;
}

interface Cluster {
  node: PgNode;
  dir: string;
  pool: pg.Pool;
  server?: ChildProcess;
  log: string;
}

/**
 * Starts one PostgreSQL 15 cluster per name (in parallel, on free ports, in temp dirs), creates the
 * regionwatch schema in database `app` on each, then replicates every node's own rows (items with
 * home = its name, its heartbeat row) to every other node through row-filtered publications.
 */
export async function startPostgresMesh(names: string[], options: PgMeshOptions = {}): Promise<PgMesh> {
  for (const tool of ['initdb', 'postgres']) {
    if (!existsSync(join(PG_BIN, tool))) throw new Error(`${PG_BIN}/${tool} is missing: apt-get install -y postgresql`);
  }
  names.forEach(checkName);
  const ports = await freePorts(names.length);
  const clusters = names.map((name, i) => newCluster(name, ports[i]));
  const certsDir = options.tls ? tempDir('regionwatch-pg-tls-') : undefined;
  const mesh = meshOf(clusters, certsDir);
  try {
    // One certificate for every node: they all listen on 127.0.0.1.
    const tls = certsDir === undefined ? undefined : await createServerCertificates(certsDir, serviceUser('postgres'));
    mesh.caFile = tls?.caFile;
    // allSettled: a failed node must not leave the others starting up behind stop()'s back.
    const started = await Promise.allSettled(clusters.map((cluster) => startCluster(cluster, options.extraSql, tls, options.durable ?? false)));
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    await subscribeAll(clusters);
    return mesh;
  } catch (error) {
    await mesh.stop();
    throw error;
  }
}

function newCluster(name: string, port: number): Cluster {
  const dir = tempDir('regionwatch-pg-');
  const url = `postgres://postgres@127.0.0.1:${port}/app`;
  // A connection costs ~30 ms here (a backend fork), so queries share a small pool.
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // Connections die with their server on stop() or kill(): pg reports that on the pool for idle
  // clients and on the client itself while one is checked out.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return { dir, pool, log: '', node: { name, port, url, query: (sql, params) => pooledQuery(pool, sql, params) } };
}

async function startCluster(cluster: Cluster, extraSql: string | undefined, tls: TlsFiles | undefined, durable: boolean): Promise<void> {
  const { node, dir } = cluster;
  // initdb and postgres refuse to run as root: run them as the `postgres` OS user then.
  const user = serviceUser('postgres');
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  await run(join(PG_BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], { ...user, cwd: dir });
  const ssl = tls ? `ssl = on\nssl_cert_file = '${tls.certFile}'\nssl_key_file = '${tls.keyFile}'\n` : '';
  const durability = durable ? 'fsync = on\nsynchronous_commit = on\nfull_page_writes = on\n' : '';
  appendFileSync(join(data, 'postgresql.conf'), `${CONF}${durability}${ssl}port = ${node.port}\nunix_socket_directories = '${dir}'\n`);
  writeFileSync(join(data, 'pg_hba.conf'), hba(tls !== undefined));

  await launchServer(cluster);
  const admin = node.url.replace(/\/app$/, '/postgres');
  await queryOnce(admin, 'CREATE DATABASE app');
  const own = pg.escapeLiteral(node.name);
  await node.query(`${SCHEMA}${extraSql ?? ''};
    CREATE PUBLICATION rw_pub_${identifier(node.name)} FOR TABLE regionwatch_heartbeat WHERE (origin = ${own}), items WHERE (home = ${own})`);
}

/** Starts the postmaster on the cluster's data directory and waits until it answers. */
async function launchServer(cluster: Cluster): Promise<void> {
  const { node, dir } = cluster;
  const user = serviceUser('postgres');
  const server = launch(join(PG_BIN, 'postgres'), ['-D', join(dir, 'data')], { ...user, cwd: dir }, 'SIGQUIT', (chunk) => (cluster.log = (cluster.log + chunk).slice(-20_000)));
  cluster.server = server;
  const admin = node.url.replace(/\/app$/, '/postgres');
  await until(
    async () => {
      if (server.exitCode !== null || server.pid === undefined) throw new Error(`postgres ${node.name} exited with ${server.exitCode}:\n${cluster.log}`);
      return queryOnce(admin, 'SELECT 1').then(
        () => true,
        () => undefined,
      );
    },
    30_000,
    () => `postgres ${node.name} not ready after 30 s:\n${cluster.log}`,
  );
}

/**
 * Subscribes every node to every other node's publication, then proves the whole mesh streams.
 * Sequential on purpose: CREATE SUBSCRIPTION holds a transaction on its node while creating the
 * slot on the publisher, which waits for that publisher's open transactions, so two nodes
 * subscribing to each other at once can deadlock. copy_data is off: tables start out identical.
 */
async function subscribeAll(clusters: Cluster[]): Promise<void> {
  const nodes = clusters.map((cluster) => cluster.node);
  for (const to of nodes) {
    for (const from of nodes) {
      if (from === to) continue;
      await to.query(`CREATE SUBSCRIPTION ${subscription(from.name, to.name)}
        CONNECTION 'host=127.0.0.1 port=${from.port} dbname=app user=postgres'
        PUBLICATION rw_pub_${identifier(from.name)} WITH (copy_data = false)`);
    }
  }
  const markers = async (node: PgNode) => Number((await node.query('SELECT count(*) AS n FROM items WHERE id = -1'))[0].n);
  const everywhere = (count: number) =>
    until(
      async () => ((await Promise.all(nodes.map(markers))).every((n) => n === count) ? true : undefined),
      30_000,
      () => `postgres mesh: marker rows never reached ${count} on every node`,
    );
  await Promise.all(nodes.map((node) => node.query('INSERT INTO items (home, id) VALUES ($1, -1)', [node.name])));
  await everywhere(nodes.length);
  await Promise.all(nodes.map((node) => node.query('DELETE FROM items WHERE home = $1 AND id = -1', [node.name])));
  await everywhere(0);
}

/** `certsDir`: the mesh's own temp dir (certificates), removed by stop(). */
function meshOf(clusters: Cluster[], certsDir: string | undefined): PgMesh {
  const node = (name: string) => {
    const found = clusters.find((cluster) => cluster.node.name === name);
    if (!found) throw new Error(`no postgres node ${name} (have ${clusters.map((c) => c.node.name).join(', ')})`);
    return found.node;
  };
  const workerRunning = async (from: string, to: string) => (await node(to).query('SELECT pid FROM pg_stat_subscription WHERE subname = $1', [subscription(from, to)]))[0]?.pid != null;
  return {
    nodes: clusters.map((cluster) => cluster.node),
    node,
    async pause(from, to) {
      await node(to).query(`ALTER SUBSCRIPTION ${subscription(from, to)} DISABLE`);
      // The worker notices within about a second; until it exits it would still apply changes.
      await until(
        async () => ((await workerRunning(from, to)) ? undefined : true),
        10_000,
        () => `apply worker ${from} -> ${to} did not stop`,
      );
    },
    async resume(from, to) {
      await node(to).query(`ALTER SUBSCRIPTION ${subscription(from, to)} ENABLE`);
      await until(
        async () => ((await workerRunning(from, to)) ? true : undefined),
        10_000,
        () => `apply worker ${from} -> ${to} did not start`,
      );
    },
    async createRole(name, password, grants) {
      for (const cluster of clusters) {
        await cluster.node.query(`CREATE ROLE ${pg.escapeIdentifier(name)} LOGIN PASSWORD ${pg.escapeLiteral(password)}`);
        for (const grant of grants) await cluster.node.query(grant);
      }
    },
    async kill(name) {
      const target = clusters.find((each) => each.node.name === name);
      if (target?.server) await terminate(target.server);
    },
    async restart(name) {
      const target = clusters.find((each) => each.node.name === name);
      if (!target) throw new Error(`no node ${name}`);
      await launchServer(target);
    },
    async stop() {
      await Promise.all(clusters.map(stopCluster));
      if (certsDir !== undefined) removeTempDir(certsDir);
    },
  };
}

async function stopCluster(cluster: Cluster): Promise<void> {
  await cluster.pool.end().catch(() => {});
  // Immediate shutdown: the postmaster takes its children down and removes its shared memory.
  if (cluster.server) await terminate(cluster.server);
  removeTempDir(cluster.dir);
}

async function pooledQuery<T>(pool: pg.Pool, sql: string, params?: unknown[]): Promise<T[]> {
  const client = await pool.connect();
  try {
    return rowsOf(await client.query(sql, params));
  } finally {
    // DISCARD ALL fails on a broken connection or one left inside a transaction: drop those.
    const clean = await client.query('DISCARD ALL').then(
      () => true,
      () => false,
    );
    client.release(!clean);
  }
}

async function queryOnce<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return rowsOf(await client.query(sql));
  } finally {
    await client.end();
  }
}

/** A multi-statement string yields one result per statement: keep the last. */
function rowsOf<T>(result: pg.QueryResult | pg.QueryResult[]): T[] {
  return (Array.isArray(result) ? result[result.length - 1] : result).rows;
}

function subscription(from: string, to: string): string {
  return `rw_sub_${identifier(from)}_to_${identifier(to)}`;
}

function identifier(name: string): string {
  return name.replace(/-/g, '_');
}

function checkName(name: string): void {
  if (!/^[a-z][a-z0-9_-]{0,20}$/.test(name)) throw new Error(`postgres node name ${JSON.stringify(name)} must match [a-z][a-z0-9_-]{0,20}`);
}
