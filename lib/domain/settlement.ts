import type { Clock } from './clock';
import { sleepOn } from './clock';
import { pairKey } from './region';

/**
 * How far each region has applied every other region's writes: for a target region, a moment
 * per source (collector clock, ms) before which every write the source committed has landed
 * there. The heartbeat collector gives the moment its newest visible heartbeat was sent:
 * replication streams are ordered per source, and that heartbeat committed after it was sent.
 */
export interface ReplicationFrontier {
  /** Every region whose writes can reach the others. */
  sources(): readonly string[];
  /** Per source region: every write it committed before this moment has landed in `target` (null: unknown). */
  appliedIn(target: string): Map<string, number | null>;
}

/**
 * The ordered pairs `source->target` (target one of `regions`) whose writes from before
 * `since` may still be in flight. Empty means settled: both regions hold every write any
 * region committed before `since`. A source that is down or cut off never advances its
 * heartbeat, so it keeps the pair unsettled rather than letting a missing write look divergent.
 */
export function notYetLanded(frontier: ReplicationFrontier, regions: readonly string[], since: number): string[] {
  const waiting: string[] = [];
  for (const target of regions) {
    const applied = frontier.appliedIn(target);
    for (const source of frontier.sources()) {
      if (source === target) continue;
      const at = applied.get(source) ?? null;
      if (at === null || at <= since) waiting.push(pairKey(source, target));
    }
  }
  return waiting;
}

/** The oldest moment whose writes from every region have all landed in every one of `regions` (ms), or null. */
export function landedUpTo(frontier: ReplicationFrontier, regions: readonly string[]): number | null {
  let oldest = Infinity;
  for (const target of regions) {
    const applied = frontier.appliedIn(target);
    for (const source of frontier.sources()) {
      if (source === target) continue;
      const at = applied.get(source) ?? null;
      if (at === null) return null;
      oldest = Math.min(oldest, at);
    }
  }
  return Number.isFinite(oldest) ? oldest : null;
}

export interface SettleWait {
  frontier: ReplicationFrontier;
  clock: Clock;
  /** How often the frontier is looked at again (a heartbeat interval). */
  pollMs: number;
  /** Give up after this long: a lag that keeps growing is not a wait that ends. */
  timeoutMs: number;
  /** Reads the frontier anew before each look, when it is not kept current by itself. */
  refresh?: () => Promise<void>;
}

/**
 * Waits until writes from before `since` have landed in both `regions`, or the timeout
 * passes. Returns the pairs still waited on (empty when settled).
 */
export async function waitUntilLanded(wait: SettleWait, regions: readonly string[], since: number): Promise<string[]> {
  const deadline = wait.clock.now() + wait.timeoutMs;
  for (;;) {
    await wait.refresh?.();
    const waiting = notYetLanded(wait.frontier, regions, since);
    if (waiting.length === 0 || wait.clock.now() >= deadline) return waiting;
    await sleepOn(wait.clock, Math.min(wait.pollMs, Math.max(1, deadline - wait.clock.now())));
  }
}
