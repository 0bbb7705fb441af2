'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { BurnDownChart, MARKER_COLOURS } from '@/components/charts/BurnDownChart';
import { useNow } from '@/components/conflicts/useNow';
import { Timestamp } from '@/components/failover/Timestamp';
import { Panel } from '@/components/ui/Panel';
import { PanelEmpty, PanelError, PanelLoading, StaleNotice } from '@/components/ui/PanelState';
import { formatAge, formatWindow } from '@/lib/conflicts/format';
import { useSloDetailQuery } from '@/lib/query/slo';
import { describeAnnotation, shapeBurnDown, type AnnotationMarker, type BurnDownModel } from '@/lib/slo-view/burn-down';
import { sloHref } from '@/lib/slo-view/format';
import type { SloRange } from '@/lib/slo-view/params';

/** Below this share of the window with readings, the whole-window chart offers to zoom in. */
const SUGGEST_ZOOM_BELOW = 0.5;
/** Readings are recorded about once a minute for long windows; a shorter history is not worth zooming to. */
const MIN_HISTORY_MS = 1_000;

/** Budget remaining across the window against the ideal line, with failovers and conflict spikes marked. */
export function BurnDownPanel({ name, range }: { name: string; range: SloRange }) {
  const { data: slo, error, isPending, refetch } = useSloDetailQuery(name);
  const model = useMemo(() => (slo ? shapeBurnDown(slo, range) : null), [slo, range]);
  const windowText = slo ? formatWindow(slo.window_seconds) : null;
  return (
    <Panel title="Error budget burn-down" actions={windowText ? <p className="panel-meta">rolling {windowText} window</p> : null}>
      {isPending ? (
        <PanelLoading label="Loading the burn-down…" lines={6} />
      ) : !slo || !model ? (
        <PanelError title="The burn-down is unavailable" error={error ?? new Error('no answer')} onRetry={() => refetch()} />
      ) : slo.events.total === 0 ? (
        <PanelEmpty title="No events counted yet">The budget starts to move once the SLI has seen its first events.</PanelEmpty>
      ) : (
        <>
          {error ? <StaleNotice error={error} /> : null}
          <div className={error ? 'is-stale' : undefined}>
            <BurnDownChart model={model} label={`Error budget of ${name} over ${range === 'window' ? `the ${windowText} window` : 'the recorded part of the window'}`} />
            <ChartKey overspent={model.yDomain[0] < 0} />
            <MarkerList markers={model.markers} />
            <Coverage model={model} range={range} name={name} windowText={windowText ?? ''} />
          </div>
        </>
      )}
    </Panel>
  );
}

function ChartKey({ overspent }: { overspent: boolean }) {
  return (
    <ul className="chart-key" aria-label="Chart key">
      <li>
        <span className="key-line key-remaining" aria-hidden="true" />
        budget remaining
      </li>
      <li>
        <span className="key-line key-ideal" aria-hidden="true" />
        ideal: even spend, gone at the window’s end
      </li>
      {overspent ? (
        <li>
          <span className="legend-swatch key-overspent" aria-hidden="true" />
          overspent
        </li>
      ) : null}
    </ul>
  );
}

function MarkerList({ markers }: { markers: AnnotationMarker[] }) {
  const nowMs = useNow(60_000);
  if (markers.length === 0) return <p className="panel-footnote">No failovers or conflict spikes in this span.</p>;
  // One line per event, under the number of the marker that stands for it on the chart.
  return (
    <ol className="marker-list" aria-label="Failovers and conflict spikes on the chart">
      {markers.flatMap((marker) =>
        marker.annotations.map((annotation, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a marker's annotations are rebuilt whole from the API; kind and time may repeat
          <li key={`${marker.number}-${index}`} data-testid="burn-down-annotation" data-kind={annotation.kind}>
            <span className="marker-number" style={{ borderColor: MARKER_COLOURS[annotation.kind], color: MARKER_COLOURS[annotation.kind] }}>
              {marker.number}
            </span>
            <Timestamp atMs={annotation.at} nowMs={nowMs} />
            <span>{describeAnnotation(annotation)}</span>
          </li>
        )),
      )}
    </ol>
  );
}

/** Says how much of the window has readings, and offers the other range when it helps. */
function Coverage({ model, range, name, windowText }: { model: BurnDownModel; range: SloRange; name: string; windowText: string }) {
  const nowMs = useNow(60_000);
  if (model.recordedFromMs === null || model.recordedShare >= 1) return null;
  if (model.toMs - model.recordedFromMs < MIN_HISTORY_MS) {
    return <p className="panel-footnote">No readings are recorded in the window yet; the figures above come from the live counts.</p>;
  }
  const recordedFor = formatAge(model.toMs - model.recordedFromMs);
  if (range === 'recorded') {
    return (
      <p className="panel-footnote">
        Since counting started at <Timestamp atMs={model.recordedFromMs} nowMs={nowMs} /> ({recordedFor}).{' '}
        <Link href={sloHref(name)} replace scroll={false}>
          Show the whole {windowText} window
        </Link>
      </p>
    );
  }
  if (model.recordedShare >= SUGGEST_ZOOM_BELOW) return null;
  return (
    <p className="panel-footnote">
      Events were counted only over the last {recordedFor} of the {windowText} window.{' '}
      <Link href={`${sloHref(name)}?range=recorded`} replace scroll={false}>
        Zoom to the recorded part
      </Link>
    </p>
  );
}
