import type { AdapterOptions, StoreAdapter } from './types';
import { SqliteAdapter } from './sqlite';
import { openPostgres } from './sql/postgres';
import { openMysql } from './sql/mysql';

export type { StoreAdapter, HeartbeatRow, AdapterOptions } from './types';
export { redactSecrets } from './redact';

/** Opens the adapter for a store URL (`sqlite:PATH`, `postgres://…`, `mysql://…`, `mariadb://…`). */
export function openStore(url: string, options: AdapterOptions): StoreAdapter {
  if (url.startsWith('sqlite:')) return new SqliteAdapter(url.slice('sqlite:'.length), options);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  if (/^(mysql|mariadb):\/\//.test(url)) return openMysql(url, options);
  throw new Error(`region ${options.region}: unsupported store URL scheme in ${url.split(':')[0]}:… (use sqlite:PATH, postgres:// or mysql://)`);
}
