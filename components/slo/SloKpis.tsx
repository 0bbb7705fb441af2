'use client';

import { StatusBadge } from '@/components/ui/StatusBadge';
import type { SloSummary } from '@/lib/api/types';
import { ALERT_DISPLAY, alertLevel } from '@/lib/slo-view/alerts';
import { budgetTone, currentBurnRate, formatBudget, formatBurnRate, formatTimeToExhaustion } from '@/lib/slo-view/format';
import { formatWindow } from '@/lib/conflicts/format';
import { NO_VALUE } from '@/lib/heatmap/format';
import { useSloDetailQuery } from '@/lib/query/slo';
import { BudgetBar } from './BudgetBar';

/** The SLO's figures now, above its charts: budget left, time until it is gone, burn rate, alerts. */
export function SloKpis({ name }: { name: string }) {
  const { data: slo, isPending } = useSloDetailQuery(name);
  if (!slo) {
    const placeholder = isPending ? '…' : NO_VALUE;
    return (
      <dl className="stat-row slo-kpis" aria-busy={isPending}>
        {['Budget remaining', 'Time to exhaustion', 'Burn rate', 'Alerts'].map((term) => (
          <div key={term} className="stat">
            <dt>{term}</dt>
            <dd className="stat-value mono">{placeholder}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <KpiRow slo={slo} />;
}

function KpiRow({ slo }: { slo: SloSummary }) {
  const remaining = slo.error_budget_remaining;
  const burn = currentBurnRate(slo);
  const level = alertLevel(slo.alerts);
  const firing = slo.alerts.filter((alert) => alert.firing).length;
  return (
    <dl className="stat-row slo-kpis" aria-live="polite">
      <div className={`stat tone-border-${budgetTone(remaining)}`}>
        <dt>Budget remaining</dt>
        <dd className="stat-value mono" data-testid="budget-remaining" data-value={remaining}>
          {formatBudget(remaining)}
        </dd>
        <dd>
          <BudgetBar remaining={remaining} />
          <span className="stat-note">{remaining < 0 ? 'overspent' : `of the ${formatWindow(slo.window_seconds)} budget`}</span>
        </dd>
      </div>
      <div className="stat">
        <dt>Time to exhaustion</dt>
        <dd className="stat-value mono" data-testid="time-to-exhaustion">
          {formatTimeToExhaustion(slo.time_to_exhaustion_seconds, remaining)}
        </dd>
        <dd className="stat-note">at the {burn.window} burn rate</dd>
      </div>
      <div className={`stat tone-border-${burn.rate === null ? 'unknown' : burn.rate > 1 ? 'warning' : 'ok'}`}>
        <dt>Burn rate ({burn.window})</dt>
        <dd className="stat-value mono" data-testid="current-burn-rate">
          {formatBurnRate(burn.rate)}
        </dd>
        <dd className="stat-note">{burn.rate === null ? 'no events in the window' : `1× spends the budget in exactly ${formatWindow(slo.window_seconds)}`}</dd>
      </div>
      <div className={`stat tone-border-${ALERT_DISPLAY[level].tone}`}>
        <dt>Alerts</dt>
        <dd className="stat-value">
          <StatusBadge tone={ALERT_DISPLAY[level].tone}>{ALERT_DISPLAY[level].text}</StatusBadge>
        </dd>
        <dd className="stat-note">
          {firing} of {slo.alerts.length} burn rules firing
        </dd>
      </div>
    </dl>
  );
}
