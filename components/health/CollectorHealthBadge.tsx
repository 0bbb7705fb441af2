'use client';

import { StatusBadge } from '@/components/ui/StatusBadge';
import type { Health } from '@/lib/api/types';
import type { Tone } from '@/lib/heatmap/tone';
import { useHealthQuery } from '@/lib/query/hooks';

/** Header indicator: are the collectors feeding this dashboard? Names the failing ones on hover. */
export function CollectorHealthBadge() {
  const { data: health, error } = useHealthQuery();
  if (!health) {
    if (error) return <StatusBadge tone="breach">API unreachable</StatusBadge>;
    return <StatusBadge tone="unknown">connecting…</StatusBadge>;
  }
  const { tone, text, detail } = describeHealth(health);
  return (
    <span title={detail} className="header-health">
      <StatusBadge tone={error ? 'warning' : tone}>{error ? `${text} (stale)` : text}</StatusBadge>
    </span>
  );
}

function describeHealth(health: Health): { tone: Tone; text: string; detail: string } {
  const down = health.collectors.filter((collector) => !collector.up);
  const detail = down.length ? down.map((collector) => `${collector.name}@${collector.region}: ${collector.error ?? 'down'}`).join('\n') : `${health.collectors.length} collectors up`;
  if (health.status === 'starting') return { tone: 'unknown', text: 'collectors starting', detail };
  if (health.status === 'degraded' || down.length) {
    return { tone: 'warning', text: `${down.length}/${health.collectors.length} collectors down`, detail };
  }
  return { tone: 'ok', text: 'collectors ok', detail };
}
