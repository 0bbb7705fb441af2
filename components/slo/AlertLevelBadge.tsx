import { StatusBadge } from '@/components/ui/StatusBadge';
import { ALERT_DISPLAY, alertLevel } from '@/lib/slo-view/alerts';
import type { SloSummary } from '@/lib/api/types';

/** `page firing`, `ticket firing` or `no alert`: the most urgent of an SLO's burn alerts. */
export function AlertLevelBadge({ alerts }: { alerts: SloSummary['alerts'] }) {
  const level = alertLevel(alerts);
  return (
    <span className="alert-level" data-alert-level={level}>
      <StatusBadge tone={ALERT_DISPLAY[level].tone}>{ALERT_DISPLAY[level].text}</StatusBadge>
    </span>
  );
}
