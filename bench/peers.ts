// regionwatch side by side with Percona Toolkit, in one run, on the same MariaDB pair:
//  1. lag: `regionwatch collect` against `pt-heartbeat --update/--monitor` while a delay is
//     injected (MASTER_DELAY, then the replica's SQL thread stopped and started);
//  2. divergence: `regionwatch diff` against `pt-table-checksum` (+ `pt-table-sync --print` to
//     name the rows) on the same 1M-row table with the same 10 corrupted rows: time, rows
//     found, and the load each put on the servers (CPU time of both mariadbd, rows read).
// Goal for ours: the exact rows in under 2× one full scan with hashing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMariadbMesh, type MariaNode } from '../tests/harness/mariadb';
import { startPostgresMesh } from '../tests/harness/postgres';
import { requireBinary } from '../tests/harness/binaries';
import { CLI, sleep, startCollect } from '../tests/harness/demo';
import { openStore } from '@/collectors/adapters';
import { checkPair } from '@/collectors/merkle/check';
import type { SqlChecksumSession } from '@/collectors/merkle/sql-session';
import { median, slope } from './stats';

const ROWS = Number(process.env.BENCH_PEERS_ROWS ?? 1_000_000);
const CORRUPTED = 10;
const DATASET = { name: 'big', table: 'big', key: ['id'], columns: ['email', 'plan', 'score', 'updated_at'] };
const ptHeartbeat = requireBinary('pt-heartbeat', 'percona-toolkit');
const ptChecksum = requireBinary('pt-table-checksum', 'percona-toolkit');
const ptSync = requireBinary('pt-table-sync', 'percona-toolkit');

const dir = mkdtempSync(join(tmpdir(), 'rw-bench-peers-'));
const mesh = await startMariadbMesh(['peer-a', 'peer-b'], { bufferPool: '1G' });
const [a, b] = mesh.nodes;
const dsn = (node: MariaNode) => `h=127.0.0.1,P=${node.port},u=root`;
const children: ChildProcess[] = [];

try {
  await lagSideBySide();
  await divergenceSideBySide();
} finally {
  for (const child of children) child.kill('SIGKILL');
  await mesh.stop();
}
try {
  await divergenceOnPostgres();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
async function lagSideBySide(): Promise<void> {
  if (process.env.BENCH_PEERS_SKIP_LAG) return;
  console.log(`\n== lag: regionwatch vs pt-heartbeat, ${a.name} -> ${b.name} ==`);
  await a.query('CREATE DATABASE IF NOT EXISTS percona');
  await waitFor(async () => (await b.query(`SHOW DATABASES LIKE 'percona'`)).length > 0, 'percona database on the replica');
  const config = join(dir, 'lag.yaml');
  writeFileSync(
    config,
    `regions:\n${mesh.nodes.map((node) => `  - { name: ${node.name}, store: "${node.url}" }`).join('\n')}\ncollectors: { heartbeat: { interval: 100ms } }\nstorage: { path: ${join(dir, 'lag.db')} }\n`,
  );
  const collector = await startCollect(config);
  children.push(collector.process);
  const metricsUrl = collector.metricsUrl;
  // pt-heartbeat writes a heartbeat row on the source every 100 ms and reads it on the replica every 500 ms.
  const common = ['--database', 'percona', '--table', 'heartbeat', '--host', '127.0.0.1', '--user', 'root', '--utc'];
  const updater = spawn(ptHeartbeat, ['--update', '--create-table', '--interval', '0.1', '--port', String(a.port), ...common], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(updater);
  await waitFor(
    async () => (await b.query(`SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'percona' AND TABLE_NAME = 'heartbeat'`))[0].n > 0,
    'pt-heartbeat table on the replica',
  );
  // --monitor's stdout is block-buffered into a pipe; --file holds its latest line instead.
  const latestFile = join(dir, 'pt-heartbeat.txt');
  const monitor = spawn(ptHeartbeat, ['--monitor', '--master-server-id', String(a.serverId), '--interval', '0.5', '--file', latestFile, '--port', String(b.port), ...common], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(monitor);
  let monitorErrors = '';
  monitor.stderr!.setEncoding('utf8').on('data', (chunk: string) => (monitorErrors += chunk));
  const pt = () => {
    try {
      const match = /^\s*([\d.]+)s \[/.exec(readFileSync(latestFile, 'utf8'));
      return match ? Number(match[1]) : NaN;
    } catch {
      return NaN;
    }
  };
  const ours = async () => {
    const body = await (await fetch(metricsUrl)).text();
    const match = new RegExp(`^regionwatch_replication_lag_seconds\\{source_region="${a.name}",target_region="${b.name}"\\} (\\S+)$`, 'm').exec(body);
    return match ? Number(match[1]) : NaN;
  };
  await waitFor(async () => Number.isFinite(await ours()) && Number.isFinite(pt()), `both tools reporting (pt-heartbeat said: ${monitorErrors.slice(-300)})`, 30_000);

  type Sample = { t: number; truth: number | null; ours: number; pt: number };
  const samples: Sample[] = [];
  const phases: { name: string; truth: (elapsed: number) => number | null; from: number; to: number }[] = [];
  const started = Date.now();
  const record = async (name: string, seconds: number, truth: (elapsed: number) => number | null) => {
    const from = Date.now();
    while (Date.now() - from < seconds * 1000) {
      samples.push({ t: (Date.now() - started) / 1000, truth: truth((Date.now() - from) / 1000), ours: await ours(), pt: pt() });
      await sleep(500);
    }
    phases.push({ name, truth, from: (from - started) / 1000, to: (Date.now() - started) / 1000 });
  };
  await record('no delay', 10, () => null);
  await mesh.setDelay(a.name, b.name, 3);
  await record('MASTER_DELAY = 3', 20, (elapsed) => (elapsed > 6 ? 3 : null));
  await mesh.setDelay(a.name, b.name, 0);
  await record('delay removed', 8, () => null);
  const connection = `from_${a.name.replace(/-/g, '_')}`;
  await b.query(`STOP SLAVE '${connection}' SQL_THREAD`);
  await record('SQL thread stopped', 10, (elapsed) => elapsed);
  await b.query(`START SLAVE '${connection}' SQL_THREAD`);
  await record('SQL thread restarted', 8, () => null);

  console.log('phase                  | regionwatch median | pt-heartbeat median | median |ours − pt|');
  for (const phase of phases) {
    const inPhase = samples.filter((sample) => sample.t >= phase.from && sample.t <= phase.to);
    console.log(
      `${phase.name.padEnd(22)} | ${median(inPhase.map((s) => s.ours))
        .toFixed(3)
        .padStart(16)} s | ${median(inPhase.map((s) => s.pt))
        .toFixed(3)
        .padStart(17)} s | ${median(inPhase.map((s) => Math.abs(s.ours - s.pt))).toFixed(3)} s`,
    );
  }
  const stalled = samples.filter((sample) => sample.truth !== null && phases.find((phase) => phase.name === 'SQL thread stopped' && sample.t >= phase.from && sample.t <= phase.to));
  const rise = (key: 'ours' | 'pt') => slope(stalled.map((sample) => [sample.t, sample[key]]));
  console.log(`while the SQL thread was stopped, lag rose ${rise('ours').toFixed(3)} s/s (regionwatch) and ${rise('pt').toFixed(3)} s/s (pt-heartbeat); truth 1.000`);
  const delayed = samples.filter((sample) => sample.truth === 3);
  console.log(`under MASTER_DELAY = 3 s (after it settled): regionwatch ${median(delayed.map((s) => s.ours)).toFixed(3)} s, pt-heartbeat ${median(delayed.map((s) => s.pt)).toFixed(3)} s`);
  console.log('samples (t, regionwatch, pt-heartbeat):', samples.map((s) => `${s.t.toFixed(1)}:${s.ours.toFixed(2)}/${s.pt.toFixed(2)}`).join(' '));
  updater.kill('SIGKILL');
  monitor.kill('SIGKILL');
  collector.stop();
}

// ---------------------------------------------------------------------------------------------
async function divergenceSideBySide(): Promise<void> {
  console.log(`\n== divergence: regionwatch vs pt-table-checksum, ${ROWS} rows, ${CORRUPTED} changed on ${b.name} ==`);
  // The same table on both servers, loaded outside the binlog (identical data, no replication wait).
  const ddl = `CREATE TABLE app.big (id INT PRIMARY KEY, email VARCHAR(64) NOT NULL, plan VARCHAR(16), score INT NOT NULL, updated_at DATETIME(6) NOT NULL) ENGINE=InnoDB`;
  const load = `INSERT INTO app.big SELECT seq, CONCAT('user', seq, '@example.com'), ELT(1 + seq % 4, 'free', 'team', 'business', 'enterprise'), seq % 1000, TIMESTAMP'2026-01-01 00:00:00' + INTERVAL seq SECOND FROM seq_1_to_${ROWS}`;
  const loadStarted = Date.now();
  await Promise.all(mesh.nodes.map((node) => node.query(`SET sql_log_bin = 0; ${ddl}; ${load}; ANALYZE TABLE app.big`)));
  console.log(`loaded ${ROWS} rows on each server in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);
  const corrupted: string[] = [];
  for (let index = 0; index < CORRUPTED; index++) {
    const id = 1 + Math.floor(((index + 1) * ROWS) / (CORRUPTED + 1));
    await b.query(`SET sql_log_bin = 0; UPDATE app.big SET plan = 'corrupted' WHERE id = ${id}`);
    corrupted.push(String(id));
  }
  // Warm both buffer pools so every contender reads from memory.
  await Promise.all(mesh.nodes.map((node) => node.query('SELECT COUNT(*), SUM(score) FROM app.big')));

  const results: { what: string; seconds: number; found: string; cpu: number; rowsRead: number; bytes?: string }[] = [];
  const measure = async <T>(what: string, work: () => Promise<T>, found: (result: T) => string, bytes?: (result: T) => string) => {
    const before = await load_();
    const started = process.hrtime.bigint();
    const result = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const after = await load_();
    results.push({ what, seconds, found: found(result), cpu: after.cpu - before.cpu, rowsRead: after.rowsRead - before.rowsRead, bytes: bytes?.(result) });
    return result;
  };

  const store = (node: MariaNode) => openStore(node.url, { region: node.name, timeoutMs: 5000, heartbeatTable: 'regionwatch_heartbeat' });
  const stores = mesh.nodes.map(store);
  try {
    const session = stores[0].openChecksum(600_000) as SqlChecksumSession;
    await measure(
      'one full scan with hashing (our row hash, source only)',
      () => session.fullScanHash(DATASET),
      (result) => `${result.rows} rows hashed`,
    );
    await measure(
      "one full scan, CRC32 BIT_XOR (pt-table-checksum's hash)",
      () => a.query(`SELECT COUNT(*) AS n, BIT_XOR(CRC32(CONCAT_WS('#', id, email, plan, score, updated_at))) AS h FROM app.big`),
      (rows) => `${rows[0].n} rows hashed`,
    );
    await session.close();

    const sessions = stores.map((each) => each.openChecksum(600_000));
    const ours = await measure(
      'regionwatch diff (both servers in parallel)',
      () => checkPair(sessions[0], sessions[1], DATASET, { fanout: 16, leafSize: 64 }),
      (result) =>
        `${result.entities.length} rows named${
          sameKeys(
            result.entities.map((entity) => entity.key),
            corrupted,
          )
            ? ' (exactly the corrupted ones)'
            : ` (expected ${corrupted.join(',')})`
        }`,
      (result) => `${(result.stats.bytes / 1024).toFixed(1)} KiB, ${result.stats.roundTrips} round trips`,
    );
    void ours;
    await Promise.all(sessions.map((each) => each.close()));

    const config = join(dir, 'diff.yaml');
    writeFileSync(
      config,
      `regions:\n${mesh.nodes.map((node) => `  - { name: ${node.name}, store: "${node.url}" }`).join('\n')}\ncollectors: { divergence: { datasets: [ { name: big, table: big, key: [id], columns: [email, plan, score, updated_at] } ] } }\nstorage: { path: ${join(dir, 'diff.db')} }\n`,
    );
    await measure(
      'regionwatch diff CLI (start to exit, incl. tsx start-up and confirmation re-reads)',
      async () => spawnSync(process.execPath, [CLI, 'diff', '--config', config, '--dataset', 'big', '--json'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }),
      (result) => (result.status === 1 ? `${(JSON.parse(result.stdout) as { entities: unknown[] }).entities.length} rows named, exit 1` : `exit ${result.status}: ${result.stderr.slice(0, 200)}`),
    );
  } finally {
    await Promise.all(stores.map((each) => each.close()));
  }

  // Percona's tools read a replica's state with plain SHOW SLAVE STATUS, which sees only the
  // unnamed connection (with named multi-source connections pt-table-checksum waits forever for a
  // "stopped" replica): carry a -> b over the default connection, same GTID domain filter.
  await b.query(`STOP SLAVE 'from_${a.name.replace(/-/g, '_')}'; RESET SLAVE 'from_${a.name.replace(/-/g, '_')}' ALL;
    CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ${a.port}, MASTER_USER = 'repl', MASTER_PASSWORD = 'repl', MASTER_USE_GTID = slave_pos, DO_DOMAIN_IDS = (${a.domainId}); START SLAVE`);
  // pt-table-checksum finds the replica through a DSN table (SHOW PROCESSLIST would name the
  // replica's client port, and the default port is this machine's own MariaDB).
  await a.query(
    `CREATE DATABASE IF NOT EXISTS percona; CREATE TABLE IF NOT EXISTS percona.dsns (id INT AUTO_INCREMENT PRIMARY KEY, parent_id INT, dsn VARCHAR(255) NOT NULL); INSERT INTO percona.dsns (dsn) VALUES ('${dsn(b)}')`,
  );
  await waitFor(async () => (await b.query(`SELECT COUNT(*) AS n FROM percona.dsns`).catch(() => [{ n: 0 }]))[0].n > 0, 'dsns table on the replica');
  const recursion = `--recursion-method=dsn=${dsn(a)},D=percona,t=dsns`;
  const checksum = await measure(
    'pt-table-checksum',
    async () => runTool(ptChecksum, [recursion, '--databases', 'app', '--tables', 'big', '--no-check-binlog-format', '--no-check-replication-filters', '--max-lag', '5', dsn(a)]),
    (result) => `${ptDiffs(result.stdout)} chunks differ (no rows named), exit ${result.status}`,
  );
  if (ptDiffs(checksum.stdout) === 'no summary') console.log(`pt-table-checksum output:\n${checksum.stdout}\n${checksum.stderr}`);
  const sync = await measure(
    'pt-table-sync --print (names the rows)',
    async () => runTool(ptSync, ['--print', '--replicate', 'percona.checksums', '--sync-to-master', '--databases', 'app', '--tables', 'big', dsn(b)]),
    (result) => `${result.stdout.split('\n').filter((line) => /^(REPLACE|DELETE|INSERT|UPDATE)/.test(line)).length} statements printed, exit ${result.status}`,
  );
  if (!/^(REPLACE|DELETE|INSERT|UPDATE)/m.test(sync.stdout)) console.log(`pt-table-sync output:\n${sync.stdout.slice(0, 2000)}\n${sync.stderr.slice(0, 2000)}`);

  console.log('\nwhat                                                   |   time  | mariadbd CPU | rows read (both) | result');
  for (const result of results) {
    console.log(
      `${result.what.padEnd(54)} | ${result.seconds.toFixed(2).padStart(5)} s | ${result.cpu.toFixed(2).padStart(10)} s | ${String(result.rowsRead).padStart(16)} | ${result.found}${result.bytes ? `; ${result.bytes}` : ''}`,
    );
  }
  const scan = results[0].seconds;
  const oursResult = results.find((result) => result.what.startsWith('regionwatch diff (both'))!;
  console.log(`regionwatch diff took ${(oursResult.seconds / scan).toFixed(2)}× one full scan with hashing (goal < 2×)`);
}

// ---------------------------------------------------------------------------------------------
/** The same check on PostgreSQL (no Percona equivalent): our diff against one full scan with hashing. */
async function divergenceOnPostgres(): Promise<void> {
  console.log(`\n== divergence on PostgreSQL 15: ${ROWS} rows, ${CORRUPTED} changed ==`);
  const pg = await startPostgresMesh(['pg-a', 'pg-b']);
  const stores = pg.nodes.map((node) => openStore(node.url, { region: node.name, timeoutMs: 5000, heartbeatTable: 'regionwatch_heartbeat' }));
  try {
    // Not published: the same rows loaded into each cluster separately.
    await Promise.all(
      pg.nodes.map((node) =>
        node.query(`CREATE TABLE big (id int PRIMARY KEY, email varchar(64) NOT NULL, plan varchar(16), score int NOT NULL, updated_at timestamp(6) NOT NULL);
      INSERT INTO big SELECT g, 'user' || g || '@example.com', (ARRAY['free', 'team', 'business', 'enterprise'])[1 + g % 4], g % 1000, TIMESTAMP '2026-01-01' + g * INTERVAL '1 second' FROM generate_series(1, ${ROWS}) g;
      ANALYZE big`),
      ),
    );
    const corrupted: string[] = [];
    for (let index = 0; index < CORRUPTED; index++) {
      const id = 1 + Math.floor(((index + 1) * ROWS) / (CORRUPTED + 1));
      await pg.nodes[1].query(`UPDATE big SET plan = 'corrupted' WHERE id = ${id}`);
      corrupted.push(String(id));
    }
    const scanSession = stores[0].openChecksum(600_000) as SqlChecksumSession;
    const scanStarted = process.hrtime.bigint();
    await scanSession.fullScanHash(DATASET);
    const scan = Number(process.hrtime.bigint() - scanStarted) / 1e9;
    await scanSession.close();
    const sessions = stores.map((each) => each.openChecksum(600_000));
    const started = process.hrtime.bigint();
    const result = await checkPair(sessions[0], sessions[1], DATASET, { fanout: 16, leafSize: 64 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await Promise.all(sessions.map((each) => each.close()));
    console.log(`one full scan with hashing: ${scan.toFixed(2)} s`);
    console.log(
      `regionwatch diff: ${seconds.toFixed(2)} s (${(seconds / scan).toFixed(2)}× one scan), ${result.entities.length} rows named${
        sameKeys(
          result.entities.map((entity) => entity.key),
          corrupted,
        )
          ? ' (exactly the corrupted ones)'
          : ''
      }, ${(result.stats.bytes / 1024).toFixed(1)} KiB, ${result.stats.roundTrips} round trips`,
    );
  } finally {
    await Promise.all(stores.map((each) => each.close()));
    await pg.stop();
  }
}

/** CPU seconds both mariadbd processes have used, and rows their storage engines have read. */
async function load_(): Promise<{ cpu: number; rowsRead: number }> {
  let cpu = 0;
  let rowsRead = 0;
  for (const node of mesh.nodes) {
    const [pid] = await node.query<{ pid: string }>(`SELECT @@pid_file AS pid`);
    const processId = readFileSync(pid.pid, 'utf8').trim();
    const fields = readFileSync(`/proc/${processId}/stat`, 'utf8').split(') ')[1].split(' ');
    cpu += (Number(fields[11]) + Number(fields[12])) / 100;
    // Rows handed up by the storage engine, by any access path (scans, index lookups, ranges).
    const handler = await node.query<{ Value: string }>(`SHOW GLOBAL STATUS LIKE 'Handler_read%'`);
    rowsRead += handler.reduce((sum, row) => sum + Number(row.Value), 0);
  }
  return { cpu, rowsRead };
}

function runTool(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The DIFFS column of pt-table-checksum's summary line for app.big. */
function ptDiffs(stdout: string): string {
  const line = stdout.split('\n').find((each) => /\sapp\.big\s*$/.test(each));
  if (!line) return 'no summary';
  const columns = line.trim().split(/\s+/);
  return columns[2];
}

function sameKeys(found: string[], expected: string[]): boolean {
  return found.length === expected.length && [...found].sort().join() === [...expected].sort().join();
}

async function waitFor(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}
