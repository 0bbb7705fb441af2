import { Panel } from '@/components/ui/Panel';
import { PanelLoading } from '@/components/ui/PanelState';

export default function FailoversLoading() {
  return (
    <div className="page-stack">
      <Panel title="Timeline">
        <PanelLoading label="Loading failovers…" lines={6} />
      </Panel>
      <Panel title="Failovers">
        <PanelLoading label="Loading failovers…" lines={4} />
      </Panel>
      <Panel title="Incidents">
        <PanelLoading label="Loading incidents…" lines={4} />
      </Panel>
    </div>
  );
}
