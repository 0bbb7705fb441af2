import pg from 'pg';
import type Database from 'better-sqlite3';
import type { Config } from '@/lib/config/schema';
import type { ConflictRecord } from '@/lib/domain/conflict';
import { redactSecrets } from '@/collectors/adapters/redact';
import { withLibpqSslModes } from '@/collectors/adapters/sql/postgres';
import type { PairCheck } from '@/lib/domain/divergence';
import type { ConflictStore } from '@/lib/store/conflicts';
import type { DivergenceStore } from '@/lib/store/divergence';
import type { FailoverStore } from '@/lib/store/failovers';
import type { IncidentStore } from '@/lib/store/incidents';
import { instanceId, PullPositions, type Outbox } from '@/lib/store/outbox';
import { SharedEventStore } from '@/lib/store/shared';
import { EventSync, type CursorClaims } from '@/lib/store/sync';

/** Connection and statement time limit on the shared store: a slow one delays only the sync, never a collector. */
const TIMEOUT_MS = 5000;

export interface SharedParts {
  outbox: Outbox;
  claims: CursorClaims;
}

export interface SharedSyncOptions {
  /** The (collector, region) cursors this process moves. */
  cursors: { collector: string; region: string }[];
  pull: boolean;
  onPulled?: (added: ConflictRecord[], resolved: ConflictRecord[]) => void;
  onPulledDivergence?: (checks: PairCheck[]) => void;
  log: (line: string) => void;
}

/**
 * Connects to `storage.url` and starts keeping the embedded stores in step with it. Messages
 * name the store without its password (from the URL or from `PGPASSWORD`).
 */
export async function startSharedSync(
  config: Config,
  stores: { db: Database.Database; shared: SharedParts; conflicts: ConflictStore; failoverStore: FailoverStore; incidentStore: IncidentStore; divergenceStore: DivergenceStore },
  options: SharedSyncOptions,
): Promise<EventSync> {
  const url = config.storage.url!;
  const location = redactSecrets(url);
  const secrets = [new URL(url).password, process.env.PGPASSWORD].filter((secret): secret is string => Boolean(secret)).map(decodeURIComponent);
  const redact = (text: string) => secrets.reduce((clean, secret) => clean.split(secret).join('***'), redactSecrets(text));
  const pool = new pg.Pool({
    connectionString: withLibpqSslModes(url.replace(/^postgresql:/, 'postgres:')),
    application_name: 'regionwatch-events',
    connectionTimeoutMillis: TIMEOUT_MS,
    query_timeout: TIMEOUT_MS + 1000,
    options: `-c statement_timeout=${TIMEOUT_MS}`,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    max: 2,
  });
  // A connection that dies with its server must not crash the process: pg reports it on the pool and the client.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const sync = new EventSync({
    shared: new SharedEventStore(pool, instanceId(stores.db)),
    claims: stores.shared.claims,
    outbox: stores.shared.outbox,
    positions: new PullPositions(stores.db),
    conflicts: stores.conflicts,
    failovers: stores.failoverStore,
    incidents: stores.incidentStore,
    divergence: stores.divergenceStore,
    cursors: options.cursors,
    leaseMs: config.storage.lease,
    pull: options.pull,
    onPulled: options.onPulled,
    onPulledDivergence: options.onPulledDivergence,
    log: (line) => options.log(redact(line.replace('shared event store', `shared event store ${location}`))),
  });
  await sync.start();
  return sync;
}
