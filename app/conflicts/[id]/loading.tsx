import { Panel } from '@/components/ui/Panel';
import { PanelLoading } from '@/components/ui/PanelState';

export default function ConflictLoading() {
  return (
    <Panel title="Versions">
      <PanelLoading label="Loading the conflict…" lines={8} />
    </Panel>
  );
}
