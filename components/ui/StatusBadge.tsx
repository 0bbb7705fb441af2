import type { ReactNode } from 'react';
import type { Tone } from '@/lib/heatmap/tone';

/** A coloured dot plus words; colour is never the only signal. */
export function StatusBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span className={`status-badge tone-${tone}`}>
      <span className="status-dot" aria-hidden="true" />
      {children}
    </span>
  );
}
