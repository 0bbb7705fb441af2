import type { HashDialect, ReadQuery } from '@/collectors/merkle/sql-session';

/**
 * The SQL each engine needs. Identifiers come from the validated config (datasets, table
 * names) and are quoted; values always travel as parameters.
 */
export interface StoreDialect {
  ident(name: string): string;
  placeholder(index: number): string;
  /** One row if the table (parameter 1) exists in the current schema/database. */
  readonly tableExists: string;
  heartbeatDdl(table: string): string;
  /** Upserts (origin, seq) stamped by the store's clock; the last result set is the stored row. */
  heartbeatWrite(table: string): string;
  heartbeatWriteParams(origin: string, seq: number): unknown[];
  /** The store's clock first (origin NULL), then every heartbeat row: one statement, one round trip. */
  heartbeatRead(table: string): string;
  /** `column` is one of parameters 1..count. */
  inList(column: string, count: number): string;
}

const pgIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const myIdent = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/** The server's wall clock in epoch milliseconds, to the microsecond. */
const PG_CLOCK = `(extract(epoch FROM clock_timestamp()) * 1000)::float8`;
const MY_CLOCK = `(UNIX_TIMESTAMP(NOW(6)) * 1000)`;

export const POSTGRES: StoreDialect = {
  ident: pgIdent,
  placeholder: (index) => `$${index}`,
  tableExists: `SELECT 1 AS present WHERE to_regclass($1) IS NOT NULL`,
  heartbeatDdl: (table) => `CREATE TABLE IF NOT EXISTS ${pgIdent(table)} (origin text PRIMARY KEY, seq bigint NOT NULL, ts_ms double precision NOT NULL)`,
  heartbeatWrite: (table) =>
    `INSERT INTO ${pgIdent(table)} (origin, seq, ts_ms) VALUES ($1, $2, ${PG_CLOCK})
     ON CONFLICT (origin) DO UPDATE SET seq = excluded.seq, ts_ms = excluded.ts_ms
     RETURNING origin, seq, ts_ms`,
  heartbeatWriteParams: (origin, seq) => [origin, seq],
  heartbeatRead: (table) => `SELECT NULL::text AS origin, NULL::bigint AS seq, NULL::float8 AS ts_ms, ${PG_CLOCK} AS now_ms
     UNION ALL SELECT origin, seq, ts_ms, NULL FROM ${pgIdent(table)}`,
  inList: (column, count) => `${pgIdent(column)} IN (${Array.from({ length: count }, (_, index) => `$${index + 1}`).join(', ')})`,
};

export const MYSQL: StoreDialect = {
  ident: myIdent,
  placeholder: () => '?',
  tableExists: `SELECT 1 AS present FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`,
  heartbeatDdl: (table) => `CREATE TABLE IF NOT EXISTS ${myIdent(table)} (origin varchar(64) PRIMARY KEY, seq bigint NOT NULL, ts_ms double NOT NULL) ENGINE=InnoDB`,
  // MySQL has no RETURNING on upserts: read the row back in the same round trip.
  heartbeatWrite: (table) =>
    `INSERT INTO ${myIdent(table)} (origin, seq, ts_ms) VALUES (?, ?, ${MY_CLOCK})
     ON DUPLICATE KEY UPDATE seq = VALUES(seq), ts_ms = VALUES(ts_ms);
     SELECT origin, seq, ts_ms FROM ${myIdent(table)} WHERE origin = ?`,
  heartbeatWriteParams: (origin, seq) => [origin, seq, origin],
  heartbeatRead: (table) => `SELECT NULL AS origin, NULL AS seq, NULL AS ts_ms, ${MY_CLOCK} AS now_ms
     UNION ALL SELECT origin, seq, ts_ms, NULL FROM ${myIdent(table)}`,
  inList: (column, count) => `${myIdent(column)} IN (${Array.from({ length: count }, () => '?').join(', ')})`,
};

/**
 * Canonical text of a list of columns: the record's text form, which leaves NULL empty, writes
 * '' as "" and quotes any value holding a delimiter — unambiguous, and cheaper than quoting
 * each value.
 */
const pgText = (columns: readonly string[]) => `ROW(${columns.map(pgIdent).join(', ')})::text`;
const myText = (columns: readonly string[]) => (columns.length === 0 ? `''` : `CONCAT_WS(',', ${columns.map((column) => `QUOTE(${myIdent(column)})`).join(', ')})`);
/** The first 64 bits of an MD5, as an unsigned integer (pt-table-checksum's trick, without its XOR). */
const md5_64 = (text: string) => `CAST(CONV(LEFT(MD5(${text}), 16), 16, 10) AS UNSIGNED)`;

/** PostgreSQL: `hashtextextended` (64-bit, built in since 11) over the columns' record text. */
export const POSTGRES_HASH: HashDialect = {
  scheme: 'postgres-hashtextextended-row-v1',
  ident: pgIdent,
  keyHash: (key) => `hashtextextended(${pgText(key)}, 0)`,
  rowHash: (key, columns) => `hashtextextended(${pgText([...key, ...columns])}, 0)`,
  leaf: (key, bits) => `((hashtextextended(${pgText(key)}, 0) >> ${64 - bits}) & ${2 ** bits - 1})`,
  aggregate: (rowHash) => `coalesce(bit_xor(${rowHash}), 0)`,
  placeholder: (index) => `$${index}`,
  // Before the first ANALYZE, reltuples is -1: guess from the table's size instead.
  estimateRows: `SELECT CASE WHEN c.reltuples > 0 THEN c.reltuples::bigint ELSE pg_relation_size(c.oid) / 64 END AS estimate FROM pg_class c WHERE c.oid = to_regclass($1)`,
  columns: `SELECT attname AS name FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped`,
  uniqueIndexes: `SELECT i.indexrelid::text AS index_name, a.attname AS column_name FROM pg_index i
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = to_regclass($1) AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL`,
};

/** MySQL / MariaDB: the first 64 bits of MD5 over quoted column text. */
export const MYSQL_HASH: HashDialect = {
  scheme: 'mysql-md5-64-v1',
  ident: myIdent,
  keyHash: (key) => md5_64(myText(key)),
  rowHash: (key, columns) => md5_64(`CONCAT(${myText(key)}, '|', ${myText(columns)})`),
  // CRC32 to place rows (a fifth of MD5's cost); MD5 where bits must identify a row or its content.
  leaf: (key, bits) => `(CRC32(${myText(key)}) >> ${32 - bits})`,
  aggregate: (rowHash) => `BIT_XOR(${rowHash})`,
  placeholder: () => '?',
  estimateRows: `SELECT TABLE_ROWS AS estimate FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`,
  columns: `SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`,
  uniqueIndexes: `SELECT INDEX_NAME AS index_name, COLUMN_NAME AS column_name FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND NON_UNIQUE = 0`,
};

/**
 * MariaDB ≥ 10.8: CRC-32 and CRC-32C side by side, a 64-bit checksum whose halves use coprime
 * polynomials (every difference of up to 64 bits is caught, others with odds 2^-64), over the
 * values joined by NUL plus a NULL bitmap (CONCAT_WS skips NULLs) — three times cheaper per
 * row than MD5 over quoted values. A value containing NUL could in principle be confused
 * with a split of two values; data columns practically never hold one.
 */
const crc64 = (text: string) => `((CRC32(${text}) << 32) | CRC32C(${text}))`;
const joined = (columns: readonly string[]) =>
  columns.length === 0 ? `''` : `CONCAT_WS(CHAR(0), ${columns.map(myIdent).join(', ')}, CONCAT(${columns.map((column) => `ISNULL(${myIdent(column)})`).join(', ')}))`;
/** Key columns are NOT NULL in a primary key (and a NULL key cannot be fetched back anyway). */
const keyText = (key: readonly string[]) => (key.length === 1 ? myIdent(key[0]) : `CONCAT_WS(CHAR(0), ${key.map(myIdent).join(', ')})`);
export const MARIADB_CRC_HASH: HashDialect = {
  ...MYSQL_HASH,
  scheme: 'mariadb-crc32-crc32c-v1',
  keyHash: (key) => crc64(keyText(key)),
  rowHash: (key, columns) => crc64(joined([...key, ...columns])),
  leaf: (key, bits) => `(CRC32(${keyText(key)}) >> ${32 - bits})`,
};

/** The fastest hash the server offers: CRC32C exists in MariaDB 10.8 and later, not in MySQL. */
export async function mysqlHashFor(query: ReadQuery): Promise<HashDialect> {
  try {
    await query(`SELECT CRC32C('') AS probe`);
    return MARIADB_CRC_HASH;
  } catch {
    return MYSQL_HASH;
  }
}
