import { Panel } from '@/components/ui/Panel';
import { PanelLoading } from '@/components/ui/PanelState';

export default function OverviewLoading() {
  return (
    <div className="overview-grid">
      <div className="page-stack">
        <Panel title="Replication lag">
          <PanelLoading label="Loading replication lag…" lines={6} />
        </Panel>
        <Panel title="Write conflicts">
          <PanelLoading label="Loading conflict rates…" lines={6} />
        </Panel>
        <Panel title="Recent failovers">
          <PanelLoading label="Loading failovers…" lines={3} />
        </Panel>
      </div>
      <div className="page-stack">
        <Panel title="Open incidents">
          <PanelLoading label="Loading incidents…" lines={2} />
        </Panel>
        <Panel title="SLOs">
          <PanelLoading label="Loading SLOs…" lines={3} />
        </Panel>
        <Panel title="Regions">
          <PanelLoading label="Loading regions…" />
        </Panel>
        <Panel title="Manual queue">
          <PanelLoading label="Loading the manual queue…" lines={3} />
        </Panel>
        <Panel title="Divergence">
          <PanelLoading label="Loading divergence checks…" lines={3} />
        </Panel>
      </div>
    </div>
  );
}
