import type { Config } from '@/lib/config/schema';
import type { SimTruth } from '@/lib/api/sim';
import type { ConflictRecord } from '@/lib/domain/conflict';
import type { Signals } from '@/lib/signals';
import type { PromClient } from '@/lib/promql/client';
import type { History } from '@/lib/store/history';
import type { ConflictStore } from '@/lib/store/conflicts';
import type { FailoverStore } from '@/lib/store/failovers';

/**
 * Everything a request handler reads: one per process, created by the CLI before the
 * HTTP server starts. Route handlers are bundled by Next separately from the CLI, so the
 * instance is pinned on globalThis under a registered symbol rather than in a module.
 */
export interface Runtime {
  config: Config;
  startedAt: number;
  /** Every figure shown comes from these snapshots. */
  signals: Signals;
  history: History;
  /** The PromQL backend history is read from when `prometheus` is configured; null reads `history`. */
  prom: PromClient | null;
  /** Set in a dashboard without collectors: current values come from the backend, which may fail. */
  remote?: { assertAnswering(): void };
  /** Conflict drill-down (lists, details, rates) reads the event store directly. */
  conflicts: ConflictStore;
  failoverStore: FailoverStore;
  simTruth?: () => SimTruth;
  /** With a shared event store (`storage.url`): how the exchange with it stands. */
  eventStore?: () => EventStoreStatus;
  /** Stores posted conflict events and observes them like collected ones; returns those newly stored. */
  ingestConflicts(records: ConflictRecord[]): ConflictRecord[];
}

export interface EventStoreStatus {
  connected: boolean;
  lastError: string | null;
  pending: number;
  owned: string[];
}

const KEY = Symbol.for('regionwatch.runtime');

export function setRuntime(runtime: Runtime | null): void {
  (globalThis as Record<symbol, unknown>)[KEY] = runtime;
}

/** The process's runtime; throws a clear error when the app runs without the regionwatch server. */
export function getRuntime(): Runtime {
  const runtime = (globalThis as Record<symbol, unknown>)[KEY] as Runtime | null | undefined;
  if (!runtime) throw new RuntimeMissingError();
  return runtime;
}

export class RuntimeMissingError extends Error {
  constructor() {
    super('regionwatch runtime is not running in this process (start it with `regionwatch demo` or `regionwatch start`)');
  }
}
