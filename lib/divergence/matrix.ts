import type { DivergenceCheck, DivergenceOverview } from '@/lib/api/types';
import { formatAge } from '@/lib/conflicts/format';
import { NO_VALUE, formatLag } from '@/lib/heatmap/format';
import type { LegendEntry } from '@/lib/heatmap/tone';
import { canonicalPair, divergenceHref, formatBytes, formatDivergentCount, unorderedPairTitle } from './format';

/** An unordered region pair, regionA < regionB. */
export interface RegionPair {
  regionA: string;
  regionB: string;
  /** `eu-west ↔ us-east` */
  title: string;
}

/** What the last check of a dataset on a pair says. */
export type CheckState = 'identical' | 'divergent' | 'failed' | 'unchecked';

/**
 * Cell colours. Identical copies are the lag heatmap's `ok`, any divergence its `breach`
 * (one divergent row is already a data-integrity incident, so there are no bands); a
 * failed check gets its own marked style, and a pair not checked yet is `unknown`.
 */
export type DivergenceTone = 'ok' | 'breach' | 'failed' | 'unknown';

const TONES: Record<CheckState, DivergenceTone> = { identical: 'ok', divergent: 'breach', failed: 'failed', unchecked: 'unknown' };

/** One dataset on one pair, ready to draw. */
export interface DivergenceCell {
  dataset: string;
  pair: RegionPair;
  state: CheckState;
  tone: DivergenceTone;
  /** Divergent entities at the last successful check; null before the first. */
  count: number | null;
  /** When the last check ran (or failed), epoch ms; null before the first. */
  checkedAt: number | null;
  /** Short text inside the cell (`3`, `—`). */
  valueText: string;
  /** Accessible name: `users: eu-west ↔ us-east: 3 divergent`. */
  label: string;
  /** Term/value lines for the tooltip and the drill-down's facts. */
  details: Array<{ term: string; value: string }>;
  /** Why the last check failed, when it did. */
  error: string | null;
  href: string;
}

export interface DivergenceMatrixModel {
  datasets: string[];
  pairs: RegionPair[];
  /** `cells[datasetIndex][pairIndex]`. */
  cells: DivergenceCell[][];
}

/**
 * Every unordered pair of `regions`, in alphabetical order of (regionA, regionB): 190
 * pairs for 20 regions. Duplicates are ignored.
 */
export function regionPairs(regions: readonly string[]): RegionPair[] {
  const sorted = [...new Set(regions)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const pairs: RegionPair[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) pairs.push({ regionA: sorted[i], regionB: sorted[j], title: unorderedPairTitle(sorted[i], sorted[j]) });
  }
  return pairs;
}

/**
 * Lays the overview out as datasets × pairs. Datasets and regions that only appear in
 * checks (a config reloaded under a running collector) are kept rather than dropped; a
 * pair without a check is drawn as "not checked yet". Ages are relative to `nowMs`.
 */
export function shapeDivergenceMatrix(overview: DivergenceOverview, nowMs: number): DivergenceMatrixModel {
  const datasets = unique([...overview.datasets.map((dataset) => dataset.name), ...overview.checks.map((check) => check.dataset)]);
  const pairs = regionPairs([...overview.regions, ...overview.checks.flatMap((check) => [check.region_a, check.region_b])]);
  const checks = new Map(overview.checks.map((check) => [checkKey(check.dataset, check.region_a, check.region_b), check]));
  const cells = datasets.map((dataset) =>
    pairs.map((pair) => divergenceCell(dataset, pair, checks.get(checkKey(dataset, pair.regionA, pair.regionB)), nowMs)),
  );
  return { datasets, pairs, cells };
}

/** The last check of `dataset` on the unordered pair {regionA, regionB}, if there is one. */
export function findCheck(overview: DivergenceOverview, dataset: string, regionA: string, regionB: string): DivergenceCheck | undefined {
  const [first, second] = canonicalPair(regionA, regionB);
  return overview.checks.find((check) => check.dataset === dataset && check.region_a === first && check.region_b === second);
}

/** What a check says, in one word. */
export function checkState(check: DivergenceCheck | undefined): CheckState {
  if (!check) return 'unchecked';
  if (check.error !== null) return 'failed';
  return check.divergent_entities > 0 ? 'divergent' : 'identical';
}

/** One cell: colour and text from the check, the check's cost in the details. */
export function divergenceCell(dataset: string, pair: RegionPair, check: DivergenceCheck | undefined, nowMs: number): DivergenceCell {
  const state = checkState(check);
  const count = check ? check.divergent_entities : null;
  return {
    dataset,
    pair,
    state,
    tone: TONES[state],
    count,
    checkedAt: check?.checked_at ?? null,
    valueText: count === null ? '—' : count.toLocaleString('en-US'),
    label: `${dataset}: ${pair.title}: ${describeState(state, count)}`,
    details: check ? checkDetails(check, nowMs) : [{ term: 'Status', value: 'not checked yet' }],
    error: check?.error ?? null,
    href: divergenceHref(dataset, pair.regionA, pair.regionB),
  };
}

/** `3 divergent`, `3 divergent, last check failed`, `not checked yet`. */
function describeState(state: CheckState, count: number | null): string {
  if (count === null) return 'not checked yet';
  return state === 'failed' ? `${formatDivergentCount(count)}, last check failed` : formatDivergentCount(count);
}

/** When and at what cost the pair was last compared; a failed check has no figures of its own. */
export function checkDetails(check: DivergenceCheck, nowMs: number): Array<{ term: string; value: string }> {
  return [
    { term: check.error === null ? 'Checked' : 'Check failed', value: `${formatAge(nowMs - check.checked_at)} ago` },
    // One line per side: two long region names and counts do not fit one tooltip line.
    { term: `Rows in ${check.region_a}`, value: formatCount(check.rows_a) },
    { term: `Rows in ${check.region_b}`, value: formatCount(check.rows_b) },
    { term: 'Duration', value: formatLag(check.duration_seconds) },
    { term: 'Round trips', value: formatCount(check.round_trips) },
    { term: 'Transferred', value: formatBytes(check.bytes) },
  ];
}

/** Divergent or failed: the cells an operator has to look at. */
export function needsAttention(cell: DivergenceCell): boolean {
  return cell.state === 'divergent' || cell.state === 'failed';
}

/** Legend for {@link DivergenceTone}. */
export function divergenceLegend(): LegendEntry<DivergenceTone>[] {
  return [
    { tone: 'ok', label: 'identical' },
    { tone: 'breach', label: 'divergent entities' },
    { tone: 'failed', label: 'last check failed' },
    { tone: 'unknown', label: 'not checked yet' },
  ];
}

function formatCount(count: number | null): string {
  return count === null ? NO_VALUE : count.toLocaleString('en-US');
}

function checkKey(dataset: string, regionA: string, regionB: string): string {
  return [dataset, ...canonicalPair(regionA, regionB)].join('\u0000');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
