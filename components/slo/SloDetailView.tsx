'use client';

import { RangeLinks } from '@/components/ui/RangeLinks';
import { ApiRequestError } from '@/lib/query/fetch';
import { useSloDetailQuery } from '@/lib/query/slo';
import { describeObjective, sloHref } from '@/lib/slo-view/format';
import { SLO_RANGES, type SloRange } from '@/lib/slo-view/params';
import { BurnDownPanel } from './BurnDownPanel';
import { BurnRatesPanel } from './BurnRatesPanel';
import { NoSuchSlo } from './NoSuchSlo';
import { SloAlertsPanel } from './SloAlertsPanel';
import { SloKpis } from './SloKpis';

/**
 * The SLO page below the breadcrumb. Every panel reads the same detail query (one request);
 * a 404 replaces them all with a "no SLO named" state.
 */
export function SloDetailView({ name, range }: { name: string; range: SloRange }) {
  const { data: slo, error } = useSloDetailQuery(name);
  if (!slo && error instanceof ApiRequestError && error.status === 404) return <NoSuchSlo name={name} />;
  return (
    <>
      <header className="page-header page-header-row">
        <div>
          <h1 className="mono">{name}</h1>
          <p className="page-subtitle" data-testid="slo-objective">
            {slo ? `${describeObjective(slo)}.` : 'Error budget, burn rates and alerts.'}
          </p>
        </div>
        <RangeLinks basePath={sloHref(name)} ranges={SLO_RANGES} current={range} />
      </header>
      <SloKpis name={name} />
      <div className="page-stack">
        <BurnDownPanel name={name} range={range} />
        <BurnRatesPanel name={name} range={range} />
        <SloAlertsPanel name={name} />
      </div>
    </>
  );
}
