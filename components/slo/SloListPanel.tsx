'use client';

import { useMemo } from 'react';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import { useSloListQuery } from '@/lib/query/slo';
import { alertCountsClass, countAlertLevels, describeAlertCounts, worstFirst } from '@/lib/slo-view/alerts';
import { SloTable } from './SloTable';

/** The SLO page's table: every SLO with its objective, budget, burn rate, time left and alerts. */
export function SloListPanel() {
  const { data: list, error, isPending, refetch } = useSloListQuery();
  const slos = useMemo(() => (list ? worstFirst(list.items) : null), [list]);
  const counts = slos ? countAlertLevels(slos) : null;
  const alerting = counts ? describeAlertCounts(counts) : null;
  return (
    <Panel
      title="Objectives"
      actions={slos ? <p className={`panel-meta ${counts ? alertCountsClass(counts) : ''}`}>{alerting ?? `${slos.length} SLO${slos.length === 1 ? '' : 's'}, none alerting`}</p> : null}
    >
      {isPending ? (
        <PanelLoading label="Loading SLOs…" lines={4} />
      ) : !slos ? (
        <PanelError title="SLOs are unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
      ) : slos.length === 0 ? (
        <PanelEmpty title="No SLOs configured">
          Add objectives to the <span className="mono">slos</span> section of the config to track their error budgets.
        </PanelEmpty>
      ) : (
        <>
          {error ? <StaleNotice error={error} /> : null}
          <div className={error ? 'is-stale' : undefined}>
            <SloTable slos={slos} columns="full" />
          </div>
          <p className="panel-footnote">Burn rates are over the window that is 1 h of a 30 d SLO, scaled to each SLO’s window; 1× spends the budget in exactly the window.</p>
        </>
      )}
    </Panel>
  );
}
