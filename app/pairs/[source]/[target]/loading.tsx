import { Panel } from '@/components/ui/Panel';
import { PanelLoading } from '@/components/ui/PanelState';

export default function PairLoading() {
  return (
    <Panel title="Replication lag">
      <PanelLoading label="Loading pair…" lines={6} />
    </Panel>
  );
}
