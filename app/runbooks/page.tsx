import type { Metadata } from 'next';
import Link from 'next/link';
import { Panel } from '@/components/ui/Panel';
import { RUNBOOK_NAMES, RUNBOOKS } from '@/lib/alerts/runbooks';
import { PAGES } from '@/lib/links';

export const metadata: Metadata = { title: 'Runbooks' };

export default function RunbooksPage() {
  return (
    <>
      <header className="page-header">
        <h1>Runbooks</h1>
        <p className="page-subtitle">
          What each generated alert means and what to do about it. Every alert links here in its <span className="mono">runbook_url</span> annotation.
        </p>
      </header>
      <div className="page-stack">
        <Panel title="Alerts">
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Alert</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Runbook</th>
                </tr>
              </thead>
              <tbody>
                {RUNBOOK_NAMES.map((name) => (
                  <tr key={name}>
                    <td className="mono">{RUNBOOKS[name].alert}</td>
                    <td>{RUNBOOKS[name].severity}</td>
                    <td>
                      <Link href={PAGES.runbook(name)}>{RUNBOOKS[name].title}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Panel>
      </div>
    </>
  );
}
