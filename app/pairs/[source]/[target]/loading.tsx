import { Panel } from '@/components/ui/Panel';
import { PanelLoading } from '@/components/ui/PanelState';

export default function PairLoading() {
  return (
    <div className="page-stack">
      <Panel title="Replication lag">
        <PanelLoading label="Loading pair…" lines={6} />
      </Panel>
      <Panel title="Conflicts">
        <PanelLoading label="Loading the pair’s conflicts…" lines={4} />
      </Panel>
      <Panel title="Divergence">
        <PanelLoading label="Loading the pair’s divergence…" lines={2} />
      </Panel>
    </div>
  );
}
