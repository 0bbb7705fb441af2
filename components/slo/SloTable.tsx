import Link from 'next/link';
import type { SloSummary } from '@/lib/api/types';
import { formatWindow } from '@/lib/conflicts/format';
import { currentBurnRate, describeSli, formatBudget, formatBurnRate, formatObjective, formatTimeToExhaustion, sloHref } from '@/lib/slo-view/format';
import { AlertLevelBadge } from './AlertLevelBadge';
import { BudgetBar } from './BudgetBar';

interface SloTableProps {
  slos: SloSummary[];
  /** `compact`: name, budget, burn and alert, for the overview; `full`: also the SLI, objective, window and time left. */
  columns: 'compact' | 'full';
}

/** One row per SLO, in the order given; each name links to its page. */
export function SloTable({ slos, columns }: SloTableProps) {
  const full = columns === 'full';
  return (
    <div className="table-scroll">
      <table className={`data-table slo-table slo-table-${columns}`} aria-label="SLOs, most urgent first">
        <thead>
          <tr>
            <th scope="col">SLO</th>
            {full ? <th scope="col">Objective</th> : null}
            <th scope="col">Budget left</th>
            <th scope="col" className="numeric">
              Burn rate
            </th>
            {full ? (
              <th scope="col" className="numeric">
                Exhausted in
              </th>
            ) : null}
            <th scope="col">Alerts</th>
          </tr>
        </thead>
        <tbody>
          {slos.map((slo) => {
            const burn = currentBurnRate(slo);
            return (
              <tr key={slo.name} data-testid="slo-row" data-slo={slo.name}>
                <th scope="row">
                  <Link href={sloHref(slo.name)} className="mono" prefetch={false}>
                    {slo.name}
                  </Link>
                  {full ? <span className="cell-note">{describeSli(slo.sli)}</span> : null}
                </th>
                {full ? (
                  <td className="mono">
                    {formatObjective(slo.objective)} <span className="muted">over {formatWindow(slo.window_seconds)}</span>
                  </td>
                ) : null}
                <td>
                  <span className="budget-cell">
                    <BudgetBar remaining={slo.error_budget_remaining} className="budget-bar-inline" />
                    <span className="mono">{formatBudget(slo.error_budget_remaining)}</span>
                  </span>
                </td>
                <td className="numeric mono" title={`over the last ${burn.window}`}>
                  {formatBurnRate(burn.rate)}
                  {full ? <span className="cell-note">{burn.window}</span> : null}
                </td>
                {full ? <td className="numeric mono">{formatTimeToExhaustion(slo.time_to_exhaustion_seconds, slo.error_budget_remaining)}</td> : null}
                <td>
                  <AlertLevelBadge alerts={slo.alerts} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
