import Link from 'next/link';
import { Panel } from '@/components/ui/Panel';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { incidentGuidance, type Runbook } from '@/lib/alerts/runbooks';
import { PAGES } from '@/lib/links';

/** One alert's runbook: what it means, what it costs, how to find the cause and what to do. */
export function RunbookView({ runbook }: { runbook: Runbook }) {
  const guidance = incidentGuidance(runbook);
  return (
    <>
      <header className="page-header">
        <h1>{runbook.title}</h1>
        <p className="page-subtitle">
          Alert <span className="mono">{runbook.alert}</span> ·{' '}
          <StatusBadge tone={runbook.severity === 'page' ? 'breach' : 'warning'}>{runbook.severity === 'page' ? 'pages' : 'opens a ticket'}</StatusBadge>
        </p>
      </header>
      <div className="page-stack runbook">
        <Panel title="What it means">
          <p>{runbook.meaning}</p>
          <p>
            <strong>Impact.</strong> {runbook.impact}
          </p>
        </Panel>
        <Panel title="Diagnose">
          <ol className="runbook-steps">
            {runbook.diagnose.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </Panel>
        <Panel title="Mitigate">
          <ol className="runbook-steps">
            {runbook.mitigate.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </Panel>
        {guidance ? (
          <Panel title="In the incident timeline">
            <p>
              regionwatch opens an incident for the same condition, listed on the <Link href={PAGES.failovers}>failovers page</Link> with the facts of its kind and this first response (the
              config&apos;s <span className="mono">runbooks.{runbook.incident}</span> replaces it):
            </p>
            <blockquote className="runbook-guidance">{guidance}</blockquote>
          </Panel>
        ) : null}
      </div>
    </>
  );
}
