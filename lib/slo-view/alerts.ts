import type { SloSummary } from '@/lib/api/types';
import type { Tone } from '@/lib/heatmap/tone';

type AlertRow = SloSummary['alerts'][number];

/** The most urgent firing alert of an SLO: a page outranks a ticket. */
export type AlertLevel = 'page' | 'ticket' | 'ok';

export const ALERT_DISPLAY: Record<AlertLevel, { text: string; tone: Tone }> = {
  page: { text: 'page firing', tone: 'breach' },
  ticket: { text: 'ticket firing', tone: 'warning' },
  ok: { text: 'no alert', tone: 'ok' },
};

const LEVEL_RANK: Record<AlertLevel, number> = { page: 0, ticket: 1, ok: 2 };

export function alertLevel(alerts: readonly AlertRow[]): AlertLevel {
  if (alerts.some((alert) => alert.firing && alert.severity === 'page')) return 'page';
  if (alerts.some((alert) => alert.firing && alert.severity === 'ticket')) return 'ticket';
  return 'ok';
}

/** Paging SLOs first, then ticketing ones, then by least budget left; ties by name. */
export function worstFirst<T extends Pick<SloSummary, 'name' | 'alerts' | 'error_budget_remaining'>>(slos: readonly T[]): T[] {
  return [...slos].sort((a, b) => LEVEL_RANK[alertLevel(a.alerts)] - LEVEL_RANK[alertLevel(b.alerts)] || a.error_budget_remaining - b.error_budget_remaining || a.name.localeCompare(b.name));
}

/** How many SLOs page and how many ticket, for a panel header. */
export function countAlertLevels(slos: ReadonlyArray<Pick<SloSummary, 'alerts'>>): Record<AlertLevel, number> {
  const counts: Record<AlertLevel, number> = { page: 0, ticket: 0, ok: 0 };
  for (const slo of slos) counts[alertLevel(slo.alerts)]++;
  return counts;
}

/** `2 paging · 1 ticketing`, or null when nothing fires. */
export function describeAlertCounts(counts: Record<AlertLevel, number>): string | null {
  const parts = [counts.page ? `${counts.page} paging` : null, counts.ticket ? `${counts.ticket} ticketing` : null].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

/** The panel-meta class for alert counts: red while anything pages, amber for tickets only. */
export function alertCountsClass(counts: Record<AlertLevel, number>): string {
  if (counts.page) return 'meta-breach';
  return counts.ticket ? 'meta-warning' : '';
}

/** Is this burn rate over the alert's factor (the comparison the rule makes)? */
export function overFactor(rate: number | null, factor: number): boolean {
  return rate !== null && rate > factor;
}
