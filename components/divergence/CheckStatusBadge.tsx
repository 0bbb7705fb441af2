import { StatusBadge } from '@/components/ui/StatusBadge';
import { formatDivergentCount } from '@/lib/divergence/format';
import type { DivergenceCell } from '@/lib/divergence/matrix';

/** A check's outcome in words beside its colour; a failed check names its error on hover. */
export function CheckStatusBadge({ cell }: { cell: DivergenceCell }) {
  switch (cell.state) {
    case 'identical':
      return <StatusBadge tone="ok">identical</StatusBadge>;
    case 'divergent':
      return <StatusBadge tone="breach">{formatDivergentCount(cell.count ?? 0)}</StatusBadge>;
    case 'failed':
      return (
        <span title={cell.error ?? undefined}>
          <StatusBadge tone="warning">check failed{cell.count ? ` (${formatDivergentCount(cell.count)} before)` : ''}</StatusBadge>
        </span>
      );
    default:
      return <StatusBadge tone="unknown">not checked yet</StatusBadge>;
  }
}
