import type { DivergenceCheck, DivergenceOverview } from '@/lib/api/types';
import { NO_VALUE, formatLag } from '@/lib/heatmap/format';
import { canonicalPair, divergenceHref, formatBytes, unorderedPairTitle } from './format';
import { cellValueText, checkAgeMs, checkState, checkTone, describeCheck, formatAgo, isPastVerdict, type CheckState, type DivergenceTone } from './verdict';

/** An unordered region pair, regionA < regionB. */
export interface RegionPair {
  regionA: string;
  regionB: string;
  /** `eu-west ↔ us-east` */
  title: string;
}

/** One dataset on one pair, ready to draw. */
export interface DivergenceCell {
  dataset: string;
  pair: RegionPair;
  state: CheckState;
  tone: DivergenceTone;
  /** Settled divergent entities at the last successful check; null before the first. */
  count: number | null;
  /** Entities still in flight at that check; null before the first. */
  unsettled: number | null;
  /** False when the verdict's state has moved on (its label then carries its age); true before the first check. */
  current: boolean;
  /** When the last check ran (or failed), epoch ms; null before the first. */
  checkedAt: number | null;
  /** Short text inside the cell (`3`, `12`, `3 · 12`, `—`). */
  valueText: string;
  /** The check in words: `3 divergent · 12 in flight`, `clean as of 11m 02s ago`. */
  summary: string;
  /** Accessible name: `users: eu-west ↔ us-east: 12 in flight`. */
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
  const cells = datasets.map((dataset) => pairs.map((pair) => divergenceCell(dataset, pair, checks.get(checkKey(dataset, pair.regionA, pair.regionB)), nowMs)));
  return { datasets, pairs, cells };
}

/** The last check of `dataset` on the unordered pair {regionA, regionB}, if there is one. */
export function findCheck(overview: DivergenceOverview, dataset: string, regionA: string, regionB: string): DivergenceCheck | undefined {
  const [first, second] = canonicalPair(regionA, regionB);
  return overview.checks.find((check) => check.dataset === dataset && check.region_a === first && check.region_b === second);
}

/** One cell: colour and text from the check, the check's cost in the details. */
export function divergenceCell(dataset: string, pair: RegionPair, check: DivergenceCheck | undefined, nowMs: number): DivergenceCell {
  const state = checkState(check);
  const hasResult = check !== undefined && check.verdict !== 'error';
  const current = !isPastVerdict(check);
  const summary = describeCheck(check, nowMs);
  return {
    dataset,
    pair,
    state,
    tone: checkTone(state, current),
    count: hasResult ? check.divergent_entities : null,
    unsettled: hasResult ? check.unsettled_entities : null,
    current,
    checkedAt: check?.checked_at ?? null,
    valueText: cellValueText(check),
    summary,
    label: `${dataset}: ${pair.title}: ${summary}`,
    details: check ? checkDetails(check, nowMs) : [{ term: 'Status', value: 'not checked yet' }],
    error: check?.error ?? null,
    href: divergenceHref(dataset, pair.regionA, pair.regionB),
  };
}

/** When and at what cost the pair was last compared; a failed check has no figures of its own. */
export function checkDetails(check: DivergenceCheck, nowMs: number): Array<{ term: string; value: string }> {
  return [
    { term: check.error === null ? 'Checked' : 'Check failed', value: formatAgo(checkAgeMs(check, nowMs)) },
    // One line per side: two long region names and counts do not fit one tooltip line.
    { term: `Rows in ${check.region_a}`, value: formatCount(check.rows_a) },
    { term: `Rows in ${check.region_b}`, value: formatCount(check.rows_b) },
    { term: 'Duration', value: formatLag(check.duration_seconds) },
    { term: 'Round trips', value: formatCount(check.round_trips) },
    { term: 'Transferred', value: formatBytes(check.bytes) },
  ];
}

/** Settled divergence or a failed check: the cells an operator has to look at (rows in flight are replication at work). */
export function needsAttention(cell: DivergenceCell): boolean {
  return cell.state === 'divergent' || cell.state === 'failed';
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
