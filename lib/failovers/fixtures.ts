import type { FailoverItem, IncidentItem } from '@/lib/api/types';

/** Test data shared by the failover tests: fixed times, one complete failover by default. */
export const T0 = 1_700_000_000_000;

export function failover(overrides: Partial<FailoverItem> = {}): FailoverItem {
  return {
    id: 1,
    region: 'r1',
    geos: ['r1-clients'],
    detected_at: T0,
    rerouted_at: T0 + 2_000,
    recovered_at: T0 + 6_000,
    failback_at: T0 + 6_500,
    duration_seconds: 2,
    to_regions: ['r2'],
    ...overrides,
  };
}

export function incident(overrides: Partial<IncidentItem> = {}): IncidentItem {
  return {
    id: 1,
    kind: 'split_brain',
    title: 'Geo r1-clients is being sent to r1 and r2 at the same time',
    regions: ['r1', 'r2'],
    opened_at: T0,
    closed_at: T0 + 4_000,
    details: { geo: 'r1-clients', regions: ['r1', 'r2'] },
    runbook: 'Wait for the TTL or lower it.',
    ...overrides,
  };
}
