import { StatusBadge } from '@/components/ui/StatusBadge';
import type { LagCell } from '@/lib/api/types';
import { NO_VALUE, formatBacklog, formatLag, formatLagWithBound } from '@/lib/heatmap/format';
import type { Tone } from '@/lib/heatmap/tone';

interface CurrentLagProps {
  lagCell: LagCell | undefined;
  thresholdSeconds: number | null;
  isPending: boolean;
  error: Error | null;
}

const TONE_WORDS: Record<Tone, string> = {
  ok: 'within SLO',
  warning: 'approaching SLO',
  breach: 'over SLO',
  unknown: 'no estimate',
};

/** The pair's latest estimate as a row of figures above the chart. */
export function CurrentLag({ lagCell, thresholdSeconds, isPending, error }: CurrentLagProps) {
  const lagSeconds = lagCell?.lag_seconds ?? null;
  // The matrix classified this pair already; no cell yet means no estimate.
  const tone: Tone = lagCell?.status ?? 'unknown';
  const pendingText = isPending ? '…' : NO_VALUE;
  return (
    <dl className="stat-row" aria-live="polite">
      <div className={`stat tone-border-${tone}`}>
        <dt>Current lag</dt>
        <dd className="stat-value mono">{lagCell ? formatLagWithBound(lagSeconds, lagCell.error_bound_seconds) : pendingText}</dd>
        <dd>
          <StatusBadge tone={tone}>{error && !lagCell ? 'matrix unavailable' : TONE_WORDS[tone]}</StatusBadge>
        </dd>
      </div>
      <div className="stat">
        <dt>Backlog</dt>
        <dd className="stat-value mono">{lagCell ? formatBacklog(lagCell.backlog) : pendingText}</dd>
      </div>
      <div className="stat">
        <dt>SLO threshold</dt>
        <dd className="stat-value mono">{thresholdSeconds === null ? pendingText : formatLag(thresholdSeconds)}</dd>
      </div>
    </dl>
  );
}
