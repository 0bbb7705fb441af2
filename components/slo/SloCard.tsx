import Link from 'next/link';
import type { SloSummary } from '@/lib/api/types';
import { formatWindow } from '@/lib/conflicts/format';
import { alertLevel } from '@/lib/slo-view/alerts';
import { currentBurnRate, describeSli, formatBudget, formatBurnRate, formatObjective, sloHref } from '@/lib/slo-view/format';
import { AlertLevelBadge } from './AlertLevelBadge';
import { BudgetBar } from './BudgetBar';

/** An overview card: budget left as a bar, the burn rate now and the alert state, linking to the SLO page. */
export function SloCard({ slo }: { slo: SloSummary }) {
  const burn = currentBurnRate(slo);
  const headingId = `slo-card-${slo.name}`;
  return (
    <article className={`slo-card alert-${alertLevel(slo.alerts)}`} aria-labelledby={headingId} data-testid="slo-card" data-slo={slo.name}>
      <header className="slo-card-header">
        <h3 id={headingId} className="slo-card-name">
          <Link href={sloHref(slo.name)} className="mono">
            {slo.name}
          </Link>
        </h3>
        <AlertLevelBadge alerts={slo.alerts} />
      </header>
      <p className="slo-card-objective" title={describeSli(slo.sli)}>
        {formatObjective(slo.objective)} over {formatWindow(slo.window_seconds)} · {describeSli(slo.sli)}
      </p>
      <BudgetBar remaining={slo.error_budget_remaining} />
      <dl className="slo-card-figures">
        <div>
          <dt>Budget left</dt>
          <dd className="mono" data-value={slo.error_budget_remaining}>
            {formatBudget(slo.error_budget_remaining)}
          </dd>
        </div>
        <div>
          <dt>Burn rate ({burn.window})</dt>
          <dd className="mono">{formatBurnRate(burn.rate)}</dd>
        </div>
      </dl>
    </article>
  );
}
