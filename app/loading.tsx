import { Panel } from '@/components/ui/Panel';
import { PanelLoading } from '@/components/ui/PanelState';

export default function OverviewLoading() {
  return (
    <div className="overview-grid">
      <Panel title="Replication lag">
        <PanelLoading label="Loading replication lag…" lines={6} />
      </Panel>
      <Panel title="Regions">
        <PanelLoading label="Loading regions…" />
      </Panel>
    </div>
  );
}
