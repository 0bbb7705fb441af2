import { Panel } from '@/components/ui/Panel';
import { PanelLoading } from '@/components/ui/PanelState';

export default function SloLoading() {
  return (
    <div className="page-stack">
      <Panel title="Error budget burn-down">
        <PanelLoading label="Loading the burn-down…" lines={6} />
      </Panel>
      <Panel title="Burn rates">
        <PanelLoading label="Loading burn rates…" lines={4} />
      </Panel>
      <Panel title="Burn-rate alerts">
        <PanelLoading label="Loading alerts…" lines={4} />
      </Panel>
    </div>
  );
}
