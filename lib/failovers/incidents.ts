import { z } from 'zod';
import type { IncidentItem } from '@/lib/api/types';
import { formatBacklog, formatLag } from '@/lib/heatmap/format';
import type { Tone } from '@/lib/heatmap/tone';
import { listRegions } from './format';

export type IncidentKind = IncidentItem['kind'];

/**
 * Each kind in words, with the tone of its badge and its urgency (`rank`, 0 first): split
 * brain creates conflicting writes and isolation lets data drift apart; a backlog and
 * stale reads delay data that is still on its way.
 */
export const INCIDENT_KINDS: Record<IncidentKind, { label: string; tone: Tone; rank: number; description: string }> = {
  split_brain: { label: 'split brain', tone: 'breach', rank: 0, description: 'Two regions serving the same clients or writing the same domain' },
  isolation: { label: 'isolation', tone: 'breach', rank: 1, description: 'Region up, but replication into or out of it has stalled' },
  backlog: { label: 'backlog', tone: 'warning', rank: 2, description: 'Replication backlog after an outage, draining' },
  stale_reads: { label: 'stale reads', tone: 'warning', rank: 3, description: 'Clients reading from a region that lags past the SLO' },
};

/** Open incidents first, each group newest first: what needs action comes before the record. */
export function orderIncidents(incidents: readonly IncidentItem[]): IncidentItem[] {
  return [...incidents].sort((a, b) => Number(a.closed_at !== null) - Number(b.closed_at !== null) || b.opened_at - a.opened_at || b.id - a.id);
}

/** One readable line of an incident's details; a list value is shown one item per line. */
export interface IncidentFact {
  label: string;
  value: string | string[];
}

const Pair = { source: z.string(), target: z.string() };
const IsolationDetails = z.object({
  stalled_pairs: z.array(z.object({ ...Pair, lag_seconds: z.number() })),
  /** Where clients read data the stall leaves stale (older incidents have none). */
  stale_reads: z.array(z.object({ region: z.string(), lag_seconds: z.number(), geos: z.array(z.string()) })).optional(),
});
const BacklogDetails = z.object({
  backlog: z.number(),
  drain_per_second: z.number(),
  eta_seconds: z.number().nullable(),
  pairs: z.array(z.object({ ...Pair, backlog: z.number() })).optional(),
});
const GeoSplitDetails = z.object({ geo: z.string(), regions: z.array(z.string()) });
const DomainSplitDetails = z.object({ domain: z.string(), home_region: z.string(), write_regions: z.array(z.string()) });
const StaleReadDetails = z.object({ lagging_sources: z.array(z.object({ source: z.string(), lag_seconds: z.number() })), geos: z.array(z.string()) });

/**
 * The details of an incident as labelled facts, per kind. Details the dashboard does not
 * know (a newer server, a custom detector) are still shown, key by key, rather than hidden.
 */
export function incidentFacts(incident: IncidentItem): IncidentFact[] {
  return knownFacts(incident) ?? genericFacts(incident.details);
}

function knownFacts({ kind, details }: IncidentItem): IncidentFact[] | null {
  if (kind === 'isolation') {
    const parsed = IsolationDetails.safeParse(details);
    if (!parsed.success) return null;
    const facts: IncidentFact[] = [{ label: 'Stalled pairs', value: parsed.data.stalled_pairs.map((pair) => `${pair.source} → ${pair.target}: lag ${formatLag(pair.lag_seconds)}`) }];
    const stale = parsed.data.stale_reads ?? [];
    if (stale.length)
      facts.push({
        label: 'Stale reads it causes',
        value: stale.map((entry) => `${entry.region}: up to ${formatLag(entry.lag_seconds)} old${entry.geos.length ? ` (${entry.geos.join(', ')})` : ''}`),
      });
    return facts;
  }
  if (kind === 'backlog') {
    const parsed = BacklogDetails.safeParse(details);
    if (!parsed.success) return null;
    const { backlog, drain_per_second: drain, eta_seconds: eta, pairs } = parsed.data;
    const facts: IncidentFact[] = [
      { label: 'Backlog', value: formatBacklog(backlog) },
      { label: 'Drain rate', value: drain > 0 ? `${formatDrain(drain)} heartbeats/s` : 'not draining' },
      { label: 'ETA', value: eta === null ? 'unknown while not draining' : formatLag(eta) },
    ];
    if (pairs?.length) facts.push({ label: 'Pairs', value: pairs.map((pair) => `${pair.source} → ${pair.target}: ${formatBacklog(pair.backlog)}`) });
    return facts;
  }
  if (kind === 'split_brain') {
    const geo = GeoSplitDetails.safeParse(details);
    if (geo.success)
      return [
        { label: 'Geo', value: geo.data.geo },
        { label: 'Answered by', value: listRegions(geo.data.regions) },
      ];
    const domain = DomainSplitDetails.safeParse(details);
    if (!domain.success) return null;
    return [
      { label: 'Domain', value: domain.data.domain },
      { label: 'Home region', value: domain.data.home_region },
      { label: 'Also written in', value: listRegions(domain.data.write_regions) },
    ];
  }
  const parsed = StaleReadDetails.safeParse(details);
  if (!parsed.success) return null;
  return [
    { label: 'Lagging sources', value: parsed.data.lagging_sources.map((source) => `${source.source}: ${formatLag(source.lag_seconds)} behind`) },
    { label: 'Geos reading here', value: parsed.data.geos.length ? parsed.data.geos.join(', ') : 'none' },
  ];
}

function genericFacts(details: Record<string, unknown>): IncidentFact[] {
  return Object.entries(details).map(([key, value]) => ({
    label: key.replaceAll('_', ' ').replace(/^./, (first) => first.toUpperCase()),
    value: typeof value === 'string' ? value : JSON.stringify(value),
  }));
}

function formatDrain(perSecond: number): string {
  return perSecond < 10 ? String(Number(perSecond.toFixed(1))) : Math.round(perSecond).toLocaleString('en-US');
}

/** How long the incident has been (or was) open, in ms. */
export function incidentOpenMs(incident: IncidentItem, nowMs: number): number {
  return Math.max(0, (incident.closed_at ?? nowMs) - incident.opened_at);
}

/** Open ones, and how many closed within the range, for the overview card. */
export function splitIncidents(incidents: readonly IncidentItem[]): { open: IncidentItem[]; closedCount: number } {
  const ordered = orderIncidents(incidents);
  const open = ordered.filter((incident) => incident.closed_at === null);
  return { open, closedCount: ordered.length - open.length };
}

/** Most urgent kind first, then newest: the order of a short list that cannot show everything. */
export function mostUrgentFirst(incidents: readonly IncidentItem[]): IncidentItem[] {
  return [...incidents].sort((a, b) => INCIDENT_KINDS[a.kind].rank - INCIDENT_KINDS[b.kind].rank || b.opened_at - a.opened_at || b.id - a.id);
}

/** `19 stale reads · 2 isolation · 1 split brain`, most urgent kind first. */
export function describeKindCounts(incidents: readonly IncidentItem[]): string {
  const counts = new Map<IncidentKind, number>();
  for (const incident of incidents) counts.set(incident.kind, (counts.get(incident.kind) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => INCIDENT_KINDS[a].rank - INCIDENT_KINDS[b].rank)
    .map(([kind, count]) => `${count} ${INCIDENT_KINDS[kind].label}`)
    .join(' · ');
}

/** Ids of the first incident of each kind in `incidents`: the one whose runbook is shown unfolded, since the rest repeat it. */
export function firstOfEachKind(incidents: readonly IncidentItem[]): Set<number> {
  const seen = new Set<IncidentKind>();
  const first = new Set<number>();
  for (const incident of incidents) {
    if (seen.has(incident.kind)) continue;
    seen.add(incident.kind);
    first.add(incident.id);
  }
  return first;
}
