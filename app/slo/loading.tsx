import { Panel } from '@/components/ui/Panel';
import { PanelLoading } from '@/components/ui/PanelState';

export default function SloListLoading() {
  return (
    <div className="page-stack">
      <Panel title="Objectives">
        <PanelLoading label="Loading SLOs…" lines={4} />
      </Panel>
    </div>
  );
}
