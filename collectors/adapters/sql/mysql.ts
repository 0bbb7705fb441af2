import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import type { AdapterOptions, StoreAdapter } from '../types';
import { redactSecrets } from '../redact';
import { SqlAdapter, withDeadline, type Rows, type SqlConnections } from './adapter';
import { MYSQL, mysqlHashFor } from './dialects';

const DEADLINE_MARGIN_MS = 250;
const URL_PARAMETERS = new Set(['ssl-mode', 'ssl-ca', 'ssl-cert', 'ssl-key', 'socket']);
const SSL_MODES = ['DISABLED', 'REQUIRED', 'VERIFY_CA', 'VERIFY_IDENTITY'] as const;

/**
 * `mysql://user:password@host:port/db?ssl-mode=VERIFY_IDENTITY&ssl-ca=/path/ca.pem` (also
 * `mariadb://`). TLS options follow the mysql client's names; `socket=/path` connects over a
 * unix socket; a password can also come from `MYSQL_PWD`, keeping it out of the config file.
 */
export function openMysql(url: string, options: AdapterOptions): StoreAdapter {
  const safeLocation = redactSecrets(url);
  const base = connectionOptions(url, safeLocation);
  const password = String(base.password ?? '');
  const redact = (text: string) => (password ? redactSecrets(text).split(password).join('***') : redactSecrets(text));
  const pools: mysql.Pool[] = [];
  const pool = (statementMs: number, readOnly: boolean, extra: mysql.PoolOptions = {}) => {
    const created = mysql.createPool({ ...base, connectTimeout: options.timeoutMs, connectionLimit: 4, enableKeepAlive: true, ...extra });
    // Session settings, queued ahead of the first query on every new connection. MariaDB
    // limits statements with max_statement_time (s), MySQL with max_execution_time (ms).
    created.pool.on('connection', (connection) => {
      connection.query(`SET SESSION time_zone = '+00:00'`);
      if (readOnly) connection.query('SET SESSION TRANSACTION READ ONLY');
      connection.query(`SET SESSION max_statement_time = ${statementMs / 1000}`, (error) => {
        if (error) connection.query(`SET SESSION max_execution_time = ${Math.round(statementMs)}`, () => undefined);
      });
      connection.on('error', () => undefined);
    });
    pools.push(created);
    return created;
  };
  const runner =
    (target: mysql.Pool, timeoutMs: number, what: string) =>
    (sql: string, params: unknown[] = []) =>
      withDeadline(
        () => target.getConnection(),
        async (connection) => lastResultSet((await connection.query(sql, params))[0]),
        (connection, broken) => (broken ? connection.destroy() : connection.release()),
        timeoutMs + DEADLINE_MARGIN_MS,
        `${what} on ${safeLocation}`,
      );
  // Only the heartbeat write sends two statements (upsert, then read back) in one round trip.
  const writer = pool(options.timeoutMs, false, { connectionLimit: 2, multipleStatements: true });
  const reader = pool(options.timeoutMs, true);
  let closed = false;
  const connections: SqlConnections = {
    write: runner(writer, options.timeoutMs, 'write'),
    read: runner(reader, options.timeoutMs, 'read'),
    openChecksum: (timeoutMs) => {
      // Dates as text: a DATETIME(6) key must come back exactly to be fetched again.
      const checksum = pool(timeoutMs, true, { connectionLimit: 2, dateStrings: true, connectTimeout: Math.max(options.timeoutMs, 5_000) });
      let ended = false;
      return {
        query: runner(checksum, timeoutMs, 'divergence query'),
        close: async () => {
          if (!ended) await checksum.end().catch(() => undefined);
          ended = true;
        },
      };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.allSettled(pools.map((created) => created.end()));
    },
  };
  return new SqlAdapter('mysql', safeLocation, options, MYSQL, mysqlHashFor, connections, redact);
}

/** A SELECT answers with its rows; several statements answer with one entry each (the last set counts); DDL with none. */
function lastResultSet(result: unknown): Rows {
  if (!Array.isArray(result)) return [];
  return (result.some(Array.isArray) ? result.filter(Array.isArray).at(-1) : result) as Rows;
}

/** Parses the URL into mysql2 options; every problem names the part of the URL at fault. */
export function connectionOptions(url: string, safeLocation = redactSecrets(url)): mysql.PoolOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`store ${safeLocation}: not a valid URL (mysql://user:password@host:port/database)`);
  }
  for (const name of parsed.searchParams.keys()) {
    if (!URL_PARAMETERS.has(name)) throw new Error(`store ${safeLocation}: unknown parameter "${name}" (known: ${[...URL_PARAMETERS].join(', ')})`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new Error(`store ${safeLocation}: the URL names no database (mysql://host/DATABASE)`);
  const port = parsed.port ? Number(parsed.port) : 3306;
  const options: mysql.PoolOptions = {
    host: parsed.hostname || '127.0.0.1',
    port,
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || process.env.MYSQL_PWD || undefined,
    database,
    socketPath: parsed.searchParams.get('socket') ?? undefined,
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
  };
  const mode = (parsed.searchParams.get('ssl-mode') ?? 'DISABLED').toUpperCase();
  if (!(SSL_MODES as readonly string[]).includes(mode)) throw new Error(`store ${safeLocation}: ssl-mode must be one of ${SSL_MODES.join(', ')}`);
  if (mode !== 'DISABLED') {
    const file = (name: string) => {
      const path = parsed.searchParams.get(name);
      if (!path) return undefined;
      try {
        return readFileSync(path);
      } catch (error) {
        throw new Error(`store ${safeLocation}: ${name} ${path} cannot be read: ${(error as Error).message}`);
      }
    };
    options.ssl = {
      ca: file('ssl-ca'),
      cert: file('ssl-cert'),
      key: file('ssl-key'),
      rejectUnauthorized: mode === 'VERIFY_CA' || mode === 'VERIFY_IDENTITY',
      ...(mode === 'VERIFY_CA' ? { checkServerIdentity: () => undefined } : {}),
    };
  }
  return options;
}
