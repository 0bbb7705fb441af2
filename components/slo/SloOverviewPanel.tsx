'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import { useSloListQuery } from '@/lib/query/slo';
import { alertCountsClass, countAlertLevels, describeAlertCounts, worstFirst } from '@/lib/slo-view/alerts';
import { SLO_PATH } from '@/lib/slo-view/format';
import { SloCard } from './SloCard';
import { SloTable } from './SloTable';

/** Up to this many SLOs get a card each; more become table rows, so the overview stays short. */
const CARDS_UP_TO = 4;
/** The compact table names the most urgent few; the SLO page lists them all. */
const ROWS_SHOWN = 8;

/** Overview tile: every SLO's budget, burn and alert state, most urgent first. */
export function SloOverviewPanel() {
  const { data: list, error, isPending, refetch } = useSloListQuery();
  const slos = useMemo(() => (list ? worstFirst(list.items) : null), [list]);
  const counts = slos ? countAlertLevels(slos) : null;
  const alerting = counts ? describeAlertCounts(counts) : null;
  return (
    <Panel
      title="SLOs"
      className="slo-overview"
      actions={
        <>
          {alerting && counts ? <p className={`panel-meta ${alertCountsClass(counts)}`}>{alerting}</p> : null}
          <Link href={SLO_PATH} className="panel-link">
            All SLOs →
          </Link>
        </>
      }
    >
      {isPending ? (
        <PanelLoading label="Loading SLOs…" lines={3} />
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
            {slos.length <= CARDS_UP_TO ? (
              <ul className="slo-cards" aria-label="SLOs, most urgent first">
                {slos.map((slo) => (
                  <li key={slo.name}>
                    <SloCard slo={slo} />
                  </li>
                ))}
              </ul>
            ) : (
              <>
                <SloTable slos={slos.slice(0, ROWS_SHOWN)} columns="compact" />
                {slos.length > ROWS_SHOWN ? (
                  <p className="panel-footnote">
                    {slos.length - ROWS_SHOWN} more, less urgent. <Link href={SLO_PATH}>All {slos.length} SLOs →</Link>
                  </p>
                ) : null}
              </>
            )}
          </div>
        </>
      )}
    </Panel>
  );
}
