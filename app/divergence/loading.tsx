import { Panel } from '@/components/ui/Panel';
import { PanelLoading } from '@/components/ui/PanelState';

export default function DivergenceLoading() {
  return (
    <div className="page-stack">
      <Panel title="Datasets × region pairs">
        <PanelLoading label="Loading divergence checks…" lines={5} />
      </Panel>
    </div>
  );
}
