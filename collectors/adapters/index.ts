import type { AdapterOptions, StoreAdapter } from './types';
import { SqliteAdapter } from './sqlite';
import { redactSecrets } from './redact';

export type { StoreAdapter, HeartbeatRow, AdapterOptions } from './types';
export { redactSecrets } from './redact';

/** Opens the adapter for a store URL (`sqlite:PATH`, `postgres://…`, `mysql://…`). */
export function openStore(url: string, options: AdapterOptions): StoreAdapter {
  if (url.startsWith('sqlite:')) return new SqliteAdapter(url.slice('sqlite:'.length), options);
  const engine = url.split(':')[0];
  throw new Error(
    `region ${options.region}: the ${engine} adapter is not available in this build (store ${redactSecrets(url)}); use sqlite:PATH`,
  );
}
