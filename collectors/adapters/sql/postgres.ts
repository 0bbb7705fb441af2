import pg from 'pg';
import type { AdapterOptions, StoreAdapter } from '../types';
import { redactSecrets } from '../redact';
import { SqlAdapter, withDeadline, type Rows, type SqlConnections } from './adapter';
import { POSTGRES, POSTGRES_HASH } from './dialects';

/** The collector's margin over the server's own statement timeout, which should fire first. */
const DEADLINE_MARGIN_MS = 250;
/** Date and time types come back as the server's text, so keys with microseconds survive a round trip. */
const TEMPORAL_TYPES = new Set([1082, 1083, 1114, 1184, 1266]);
const textForTemporal = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => (TEMPORAL_TYPES.has(oid) ? (value: string) => value : pg.types.getTypeParser(oid, format)),
};

/**
 * `postgres://user:password@host:port/db?sslmode=verify-full&sslrootcert=/path/ca.pem`.
 * TLS options are libpq's (`sslmode`, `sslrootcert`, `sslcert`, `sslkey`); a password can
 * also come from `PGPASSWORD`, keeping it out of the config file.
 */
export function openPostgres(url: string, options: AdapterOptions): StoreAdapter {
  const safeLocation = redactSecrets(url);
  const password = passwordOf(url);
  const redact = (text: string) => (password ? redactSecrets(text).split(password).join('***') : redactSecrets(text));
  const base: pg.PoolConfig = {
    connectionString: withLibpqSslModes(url.replace(/^postgresql:/, 'postgres:')),
    application_name: 'regionwatch',
    connectionTimeoutMillis: options.timeoutMs,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    max: 4,
  };
  const pools: pg.Pool[] = [];
  const pool = (statementMs: number, readOnly: boolean, extra: pg.PoolConfig = {}) => {
    const created = new pg.Pool({
      ...base,
      ...extra,
      options: `-c statement_timeout=${Math.round(statementMs)} -c TimeZone=UTC -c DateStyle=ISO -c extra_float_digits=3 -c jit=off${readOnly ? ' -c default_transaction_read_only=on' : ''}`,
    });
    // A connection that dies (server crash, network cut) must not crash the collector: pg emits
    // 'error' on the pool for idle clients and on the client itself while it is checked out.
    created.on('error', () => undefined);
    created.on('connect', (client) => client.on('error', () => undefined));
    pools.push(created);
    return created;
  };
  const end = (target: pg.Pool) => (target.ended ? Promise.resolve() : target.end());
  const runner =
    (target: pg.Pool, timeoutMs: number, what: string) =>
    (sql: string, params: unknown[] = []) =>
      withDeadline(
        () => target.connect(),
        async (client) => (await client.query(sql, params)).rows as Rows,
        (client, broken) => client.release(broken),
        timeoutMs + DEADLINE_MARGIN_MS,
        `${what} on ${safeLocation}`,
      );
  const writer = pool(options.timeoutMs, false, { max: 2 });
  const reader = pool(options.timeoutMs, true);
  const connections: SqlConnections = {
    write: runner(writer, options.timeoutMs, 'write'),
    read: runner(reader, options.timeoutMs, 'read'),
    openChecksum: (timeoutMs) => {
      const checksum = pool(timeoutMs, true, { max: 2, types: textForTemporal, connectionTimeoutMillis: Math.max(options.timeoutMs, 5_000) });
      return { query: runner(checksum, timeoutMs, 'divergence query'), close: () => end(checksum) };
    },
    close: async () => {
      await Promise.allSettled(pools.map(end));
    },
  };
  return new SqlAdapter('postgres', safeLocation, options, POSTGRES, async () => POSTGRES_HASH, connections, redact);
}

/**
 * pg 8 reads `sslmode=prefer|require|verify-ca` as verify-full (and prints a warning) unless
 * the URL asks for libpq's meaning, which our URLs promise: `require` encrypts without checking
 * the certificate (checking it against `sslrootcert` when one is given, like `verify-ca`), and
 * `verify-ca` checks the chain but not the host name. (`prefer` still insists on TLS: pg has
 * no plaintext fallback.) An explicit `uselibpqcompat` is left alone.
 */
export function withLibpqSslModes(url: string): string {
  if (!/[?&]sslmode=/.test(url) || /[?&]uselibpqcompat=/.test(url)) return url;
  return `${url}&uselibpqcompat=true`;
}

function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}
