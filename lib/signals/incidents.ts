import type { Incident } from '@/lib/domain/incident';

/** The incident timeline as the incident tracker keeps it (the embedded store). */
export interface IncidentLog {
  list(from?: number, to?: number): Incident[];
}

export interface IncidentSnapshot {
  /** Incidents open at any time in the range, oldest first. */
  incidents: Incident[];
  open: number;
}

/** The owner of incidents for readers: the tracker opens and closes them; pages and the API read here. */
export class IncidentSignal {
  constructor(private readonly log: IncidentLog) {}

  snapshot(from?: number, to?: number): IncidentSnapshot {
    const incidents = this.log.list(from, to);
    return { incidents, open: incidents.filter((incident) => incident.closedAt === null).length };
  }
}
