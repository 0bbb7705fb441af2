import { Panel } from '@/components/ui/Panel';
import { PanelLoading } from '@/components/ui/PanelState';

export default function ConflictsLoading() {
  return (
    <div className="page-stack">
      <Panel title="Conflicts">
        <PanelLoading label="Loading conflicts…" lines={8} />
      </Panel>
    </div>
  );
}
