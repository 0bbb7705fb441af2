import type { ReactNode } from 'react';
import type { DivergenceCell } from '@/lib/divergence/matrix';
import { describeCounts, type DivergenceTone } from '@/lib/divergence/verdict';

/**
 * A check's outcome in words beside its colour; a failed check names its error on hover.
 * The words are the cell's summary, so a verdict that is no longer current says how old it is.
 */
export function CheckStatusBadge({ cell }: { cell: DivergenceCell }) {
  if (cell.state === 'failed') {
    const before = cell.count || cell.unsettled ? ` (${describeCounts(cell.count ?? 0, cell.unsettled ?? 0)} before)` : '';
    return (
      <span title={cell.error ?? undefined}>
        <VerdictBadge tone="warning">check failed{before}</VerdictBadge>
      </span>
    );
  }
  return <VerdictBadge tone={cell.tone}>{cell.summary}</VerdictBadge>;
}

/**
 * `StatusBadge` with the divergence tones as well (`pending`, `stale`): same markup and
 * classes, so its dot and colours come from the shared badge styles and divergence.css.
 */
export function VerdictBadge({ tone, children }: { tone: DivergenceTone | 'warning'; children: ReactNode }) {
  return (
    <span className={`status-badge tone-${tone}`}>
      <span className="status-dot" aria-hidden="true" />
      {children}
    </span>
  );
}
