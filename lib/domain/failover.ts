/** One failover, from the first failed probe of a region to traffic flowing back to it. */
export interface Failover {
  id: number;
  region: string;
  /** The geos the region served when it failed. */
  geos: string[];
  /** When the first failing probe answered, or timed out (epoch ms). */
  detectedAt: number;
  /** When every one of those geos first resolved to healthy other regions. */
  reroutedAt: number | null;
  toRegions: string[];
  /** When a probe of the region first answered successfully again. */
  recoveredAt: number | null;
  /** When its geos resolved to it again. */
  failbackAt: number | null;
}

/** A failover's duration: detection to rerouted (seconds), null while traffic still reaches the region. */
export const failoverSeconds = (failover: Failover): number | null => (failover.reroutedAt === null ? null : (failover.reroutedAt - failover.detectedAt) / 1000);

/** One health probe of a region. */
export interface ProbeResult {
  region: string;
  up: boolean;
  /** Seconds until the answer (or the failure). */
  seconds: number;
  sentAt: number;
  error: string | null;
}
