import type { Fault } from '@/lib/config/scenario';
import type { FaultRecord } from './truth';
import type { Replicator } from './replicator';
import type { SimRegion } from './region';
import type { Workload } from './workload';
import type { Traffic } from './traffic';

/** Fault kinds the sim injects in this build; the others are accepted and reported as not simulated. */
const SIMULATED: ReadonlySet<Fault['kind']> = new Set(['replication_stall', 'clock_step', 'partition', 'split_brain', 'corrupt', 'region_outage']);

export interface FaultTargets {
  replicator: Replicator;
  workload: Workload;
  traffic: Traffic;
  region: (name: string) => SimRegion;
  onClockChange: (region: string, offsetMs: number) => void;
  onCorrupted: (dataset: string, region: string, keys: string[]) => void;
}

/**
 * Starts `fault` now and returns a function that ends it (a no-op for instant faults).
 * Every start and end is stamped on `record` so /api/sim/truth reports what happened.
 */
export function injectFault(fault: Fault, record: FaultRecord, targets: FaultTargets): () => void {
  if (!SIMULATED.has(fault.kind)) return () => {};
  record.started_at = Date.now();
  const end = startFault(fault, targets);
  if (!('duration' in fault)) {
    record.ended_at = record.started_at;
    return () => {};
  }
  return () => {
    end();
    record.ended_at = Date.now();
  };
}

export function isSimulated(kind: Fault['kind']): boolean {
  return SIMULATED.has(kind);
}

function startFault(fault: Fault, { replicator, workload, traffic, region, onClockChange, onCorrupted }: FaultTargets): () => void {
  switch (fault.kind) {
    case 'replication_stall': {
      replicator.setStopped(fault.from, fault.to, true);
      return () => replicator.setStopped(fault.from, fault.to, false);
    }
    case 'partition': {
      const pairs = fault.regions.flatMap((a) => fault.regions.filter((b) => b !== a).map((b) => [a, b] as const));
      for (const [a, b] of pairs) replicator.setStopped(a, b, true);
      return () => pairs.forEach(([a, b]) => replicator.setStopped(a, b, false));
    }
    case 'clock_step': {
      const store = region(fault.region);
      const offsetMs = store.clockOffsetMs() + fault.offset;
      store.setClockOffset(offsetMs);
      onClockChange(fault.region, offsetMs);
      return () => {};
    }
    case 'region_outage': {
      const others = replicator.regionNames().filter((name) => name !== fault.region);
      const setOutage = (down: boolean) => {
        traffic.setDown(fault.region, down);
        workload.setDown(fault.region, down);
        for (const other of others) {
          replicator.setStopped(fault.region, other, down);
          replicator.setStopped(other, fault.region, down);
        }
      };
      setOutage(true);
      return () => setOutage(false);
    }
    case 'corrupt': {
      onCorrupted(fault.dataset, fault.region, workload.corruptUsers(fault.region, fault.count));
      return () => {};
    }
    case 'split_brain': {
      workload.setSplitBrain(fault.domain, fault.regions);
      return () => workload.setSplitBrain(fault.domain, null);
    }
    default:
      return () => {};
  }
}
