import { StatusBadge } from '@/components/ui/StatusBadge';
import type { IncidentItem } from '@/lib/api/types';
import { formatAge } from '@/lib/conflicts/format';
import { formatSpan, listRegions } from '@/lib/failovers/format';
import { incidentFacts, incidentOpenMs } from '@/lib/failovers/incidents';
import { IncidentKindBadge } from './IncidentKindBadge';
import { Timestamp } from './Timestamp';

interface IncidentCardProps {
  incident: IncidentItem;
  nowMs: number;
  /** Unfold the runbook; the list does so once per kind, since the others repeat it. */
  runbookOpen: boolean;
}

/** An open incident: what, where, since when, the facts that matter for its kind, and its runbook. */
export function IncidentCard({ incident, nowMs, runbookOpen }: IncidentCardProps) {
  const headingId = `incident-${incident.id}-title`;
  return (
    <article className="incident-card is-open" aria-labelledby={headingId} data-incident-kind={incident.kind} data-incident-state="open">
      <header className="incident-header">
        <IncidentKindBadge kind={incident.kind} />
        <h3 id={headingId} className="incident-title">
          {incident.title}
        </h3>
        <StatusBadge tone="breach">open</StatusBadge>
      </header>
      <IncidentTiming incident={incident} nowMs={nowMs} />
      <IncidentDetails incident={incident} runbookOpen={runbookOpen} />
    </article>
  );
}

/** A closed incident: one line, unfolding to its facts and runbook. */
export function ClosedIncidentRow({ incident, nowMs }: { incident: IncidentItem; nowMs: number }) {
  return (
    <details className="incident-row" data-incident-kind={incident.kind} data-incident-state="closed">
      <summary>
        <IncidentKindBadge kind={incident.kind} />
        <span className="incident-row-title">{incident.title}</span>
        <IncidentTiming incident={incident} nowMs={nowMs} />
      </summary>
      <IncidentDetails incident={incident} runbookOpen />
    </details>
  );
}

function IncidentTiming({ incident, nowMs }: { incident: IncidentItem; nowMs: number }) {
  return (
    <span className="incident-meta">
      <span className="mono">{listRegions(incident.regions)}</span> · opened <Timestamp atMs={incident.opened_at} nowMs={nowMs} />
      {incident.closed_at === null ? (
        <> · open for {formatAge(incidentOpenMs(incident, nowMs))}</>
      ) : (
        <>
          {' '}
          · closed <Timestamp atMs={incident.closed_at} nowMs={nowMs} /> · lasted {formatSpan(incidentOpenMs(incident, nowMs))}
        </>
      )}
    </span>
  );
}

function IncidentDetails({ incident, runbookOpen }: { incident: IncidentItem; runbookOpen: boolean }) {
  const facts = incidentFacts(incident);
  return (
    <>
      {facts.length ? (
        <dl className="incident-facts">
          {facts.map((fact) => (
            <div key={fact.label}>
              <dt>{fact.label}</dt>
              <dd className="mono">
                {Array.isArray(fact.value) ? (
                  <ul>
                    {fact.value.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                ) : (
                  fact.value
                )}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <details className="incident-runbook" open={runbookOpen}>
        <summary>Runbook</summary>
        <p>{incident.runbook}</p>
      </details>
    </>
  );
}
