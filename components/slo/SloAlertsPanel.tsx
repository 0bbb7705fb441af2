'use client';

import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import { StatusBadge } from '@/components/ui/StatusBadge';
import type { SloSummary } from '@/lib/api/types';
import { useSloDetailQuery } from '@/lib/query/slo';
import { overFactor } from '@/lib/slo-view/alerts';
import { formatBurnRate } from '@/lib/slo-view/format';

type AlertRow = SloSummary['alerts'][number];

/** The multi-window burn alerts as the generated rules evaluate them now. */
export function SloAlertsPanel({ name }: { name: string }) {
  const { data: slo, error, isPending, refetch } = useSloDetailQuery(name);
  const firing = slo?.alerts.filter((alert) => alert.firing).length ?? 0;
  return (
    <Panel title="Burn-rate alerts" actions={slo ? <p className={`panel-meta${firing ? ' meta-breach' : ''}`}>{firing ? `${firing} firing` : 'none firing'}</p> : null}>
      {isPending ? (
        <PanelLoading label="Loading alerts…" lines={4} />
      ) : !slo ? (
        <PanelError title="Alert state is unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
      ) : slo.alerts.length === 0 ? (
        <PanelEmpty title="No burn-rate alerts">This SLO has no alert windows.</PanelEmpty>
      ) : (
        <>
          {error ? <StaleNotice error={error} /> : null}
          <div className={error ? 'is-stale' : undefined}>
            <AlertTable alerts={slo.alerts} />
          </div>
          <p className="panel-footnote">
            <span className="mono">RegionwatchErrorBudgetBurn</span> fires when the burn rate over both the long and the short window is above the factor.
          </p>
        </>
      )}
    </Panel>
  );
}

function AlertTable({ alerts }: { alerts: AlertRow[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table slo-alert-table" aria-label="Burn-rate alerts">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Long window</th>
            <th scope="col">Short window</th>
            <th scope="col" className="numeric">
              Factor
            </th>
            <th scope="col" className="numeric">
              Long burn rate
            </th>
            <th scope="col" className="numeric">
              Short burn rate
            </th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => (
            <tr key={`${alert.severity}-${alert.long_window}-${alert.short_window}-${alert.factor}`} data-severity={alert.severity} data-firing={alert.firing}>
              <th scope="row">
                <span className={`severity-badge severity-${alert.severity}`}>{alert.severity}</span>
              </th>
              <td className="mono">{alert.long_window}</td>
              <td className="mono">{alert.short_window}</td>
              <td className="numeric mono">{formatBurnRate(alert.factor)}</td>
              <BurnCell rate={alert.long_burn_rate} factor={alert.factor} />
              <BurnCell rate={alert.short_burn_rate} factor={alert.factor} />
              <td>
                <StatusBadge tone={alert.firing ? (alert.severity === 'page' ? 'breach' : 'warning') : 'ok'}>{alert.firing ? 'firing' : 'ok'}</StatusBadge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BurnCell({ rate, factor }: { rate: number | null; factor: number }) {
  const over = overFactor(rate, factor);
  return (
    <td className={`numeric mono${over ? ' over-factor' : ''}`} title={over ? `over the ${formatBurnRate(factor)} factor` : undefined}>
      {formatBurnRate(rate)}
    </td>
  );
}
