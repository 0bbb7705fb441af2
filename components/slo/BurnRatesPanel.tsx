'use client';

import { useMemo } from 'react';
import { CHART_COLOURS, TimeSeriesChart, type ChartReference } from '@/components/charts/TimeSeriesChart';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { useSloDetailQuery } from '@/lib/query/slo';
import { shapeBurnDown } from '@/lib/slo-view/burn-down';
import { shapeBurnRatePanels, type BurnRatePanel, type FactorLine } from '@/lib/slo-view/burn-rate';
import { formatBurnRate } from '@/lib/slo-view/format';
import type { SloRange } from '@/lib/slo-view/params';
import { parseDurationMs } from '@/lib/config/duration';
import { formatWindow } from '@/lib/conflicts/format';

const FACTOR_COLOURS: Record<FactorLine['severity'], string> = { page: CHART_COLOURS.threshold, ticket: CHART_COLOURS.warning };

/** Small multiples: each window's burn rate over the same span as the burn-down, with its alert factors. */
export function BurnRatesPanel({ name, range }: { name: string; range: SloRange }) {
  const { data: slo, error, isPending, refetch } = useSloDetailQuery(name);
  const shaped = useMemo(() => {
    if (!slo) return null;
    // The burn-down decides the span, so every chart on the page lines up in time.
    const { fromMs, toMs, recordedFromMs } = shapeBurnDown(slo, range);
    return { fromMs, toMs, dataMs: recordedFromMs === null ? 0 : toMs - recordedFromMs, panels: shapeBurnRatePanels(slo) };
  }, [slo, range]);
  return (
    <Panel title="Burn rates" actions={<p className="panel-meta">1× spends the budget in exactly the SLO window</p>}>
      {isPending ? (
        <PanelLoading label="Loading burn rates…" lines={4} />
      ) : !shaped ? (
        <PanelError title="Burn rates are unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
      ) : shaped.panels.length === 0 ? (
        <PanelEmpty title="No burn-rate windows">The API reported no windows for this SLO.</PanelEmpty>
      ) : (
        <>
          {error ? <StaleNotice error={error} /> : null}
          <ul className={`burn-rate-grid${error ? ' is-stale' : ''}`} aria-label="Burn rate per window">
            {shaped.panels.map((panel) => (
              <li key={panel.window}>
                <BurnRateMultiple panel={panel} fromMs={shaped.fromMs} toMs={shaped.toMs} dataMs={shaped.dataMs} sloName={name} />
              </li>
            ))}
          </ul>
          <p className="panel-footnote">Dashed lines are the factors of the alerts that read each window; an alert fires when both of its windows are over its factor.</p>
        </>
      )}
    </Panel>
  );
}

function BurnRateMultiple({ panel, fromMs, toMs, dataMs, sloName }: { panel: BurnRatePanel; fromMs: number; toMs: number; dataMs: number; sloName: string }) {
  // A window longer than the recorded data reads the same events as a shorter one: say so.
  const windowMs = parseDurationMs(panel.window) ?? 0;
  const partial = windowMs > dataMs ? `only ${formatWindow(Math.max(60, Math.round(dataMs / 60_000) * 60))} of data so far` : null;
  // Factors can sit close together (3× and 1× on a 16× axis): alternate their labels' sides.
  const references: ChartReference[] = panel.factors.map(({ factor, severity }, index) => ({
    value: factor,
    label: `${severity} ${formatBurnRate(factor)}`,
    colour: FACTOR_COLOURS[severity],
    labelSide: index % 2 === 0 ? 'right' : 'left',
  }));
  return (
    <article className="burn-rate-multiple" data-testid="burn-rate-window" data-window={panel.window}>
      <header className="burn-rate-header">
        <h3 className="burn-rate-window mono">{panel.window}</h3>
        <span className="burn-rate-current mono">{formatBurnRate(panel.current)}</span>
        {panel.firing ? <StatusBadge tone="breach">alert firing</StatusBadge> : null}
      </header>
      {partial ? (
        <p className="burn-rate-partial muted" data-testid="burn-rate-partial">
          {partial}
        </p>
      ) : null}
      {/* A single reading draws no line: wait for the second. */}
      {panel.points.length < 2 ? (
        <p className="burn-rate-empty muted">No recorded history for this window yet.</p>
      ) : (
        <TimeSeriesChart
          className="burn-rate-chart"
          points={panel.points}
          fromMs={fromMs}
          toMs={toMs}
          label={`Burn rate of ${sloName} over ${panel.window} windows`}
          seriesName={`Burn rate (${panel.window})`}
          formatValue={formatBurnRate}
          formatTick={formatBurnRate}
          references={references}
          curve="linear"
          timeTickCount={3}
          height={150}
        />
      )}
    </article>
  );
}
