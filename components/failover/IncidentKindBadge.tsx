import type { IncidentKind } from '@/lib/failovers/incidents';
import { INCIDENT_KINDS } from '@/lib/failovers/incidents';

/** The incident's kind as a compact tag; the title says what the kind means. */
export function IncidentKindBadge({ kind }: { kind: IncidentKind }) {
  const { label, tone, description } = INCIDENT_KINDS[kind];
  return (
    <span className={`incident-kind incident-kind-${tone}`} title={description}>
      {label}
    </span>
  );
}
