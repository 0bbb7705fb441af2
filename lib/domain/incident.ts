/** The failure scenarios of active-active that incidents are opened for. */
export type IncidentKind = 'isolation' | 'backlog' | 'split_brain' | 'stale_reads';

export interface Incident {
  id: number;
  kind: IncidentKind;
  key: string;
  title: string;
  regions: string[];
  openedAt: number;
  closedAt: number | null;
  details: Record<string, unknown>;
  runbook: string;
}
