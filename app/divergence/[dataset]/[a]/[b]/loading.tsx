import { Panel } from '@/components/ui/Panel';
import { PanelLoading } from '@/components/ui/PanelState';

export default function DivergencePairLoading() {
  return (
    <div className="page-stack">
      <Panel title="Last check">
        <PanelLoading label="Loading the last check…" lines={2} />
      </Panel>
      <Panel title="Divergent keys">
        <PanelLoading label="Loading divergent keys…" lines={6} />
      </Panel>
      <Panel title="In flight — not yet settled">
        <PanelLoading label="Loading keys in flight…" lines={3} />
      </Panel>
    </div>
  );
}
