import type { Config } from '@/lib/config/schema';
import type { HeartbeatCollector } from '@/collectors/heartbeat';
import type { CollectorRunner } from '@/collectors/runner';
import type { History } from '@/lib/store/history';
import type { ConflictRecord, ConflictStore } from '@/lib/store/conflicts';
import type { DivergenceCollector } from '@/collectors/divergence';
import type { ProbeCollector } from '@/collectors/probes';
import type { FailoverTracker } from '@/collectors/failover/tracker';
import type { FailoverStore } from '@/lib/store/failovers';
import type { IncidentStore } from '@/lib/store/incidents';
import type { SliCount } from '@/lib/slo/sli';
import type { SimTruth } from '@/sim/truth';

/**
 * Everything a request handler reads: one per process, created by the CLI before the
 * HTTP server starts. Route handlers are bundled by Next separately from the CLI, so the
 * instance is pinned on globalThis under a registered symbol rather than in a module.
 */
export interface Runtime {
  config: Config;
  startedAt: number;
  heartbeat: HeartbeatCollector;
  runner: CollectorRunner;
  history: History;
  conflicts: ConflictStore;
  divergence: DivergenceCollector;
  probes: ProbeCollector;
  failovers: FailoverTracker;
  failoverStore: FailoverStore;
  incidentStore: IncidentStore;
  /** Cumulative SLI event counts per SLO, now. */
  sli: () => Map<string, SliCount>;
  /** Lag SLO threshold the heatmap colours against (seconds). */
  lagThresholdSeconds: number;
  simTruth?: () => SimTruth;
  /** Called with events newly stored by `POST /api/conflicts` (for the resolution histogram). */
  onIngested?: (records: ConflictRecord[]) => void;
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
