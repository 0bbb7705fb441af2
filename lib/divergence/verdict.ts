import type { DivergenceCheck } from '@/lib/api/types';
import { formatAge } from '@/lib/conflicts/format';
import { NO_VALUE } from '@/lib/heatmap/format';
import type { LegendEntry } from '@/lib/heatmap/tone';
import { formatDivergentCount, formatInFlightCount } from './format';

/**
 * What the last check of a dataset on a pair says. `divergent` is settled divergence
 * (possibly with rows still in flight beside it); `in_flight` means only rows whose
 * writes had not landed in both regions yet differed, which is not divergence.
 */
export type CheckState = 'clean' | 'divergent' | 'in_flight' | 'failed' | 'unchecked';

/**
 * Cell colours. Clean copies are the lag heatmap's `ok`, settled divergence its `breach`
 * (one divergent row is already a data-integrity incident, so there are no bands). Rows in
 * flight are `pending`, never a severity colour: nothing is wrong yet. A verdict that is no
 * longer current is `stale`; a failed check gets its own marked style; `unknown` is a pair
 * not checked yet.
 */
export type DivergenceTone = 'ok' | 'breach' | 'pending' | 'stale' | 'failed' | 'unknown';

/** What a check says, in one word; the server's verdict decides, a failed attempt overrides it. */
export function checkState(check: DivergenceCheck | undefined): CheckState {
  if (!check) return 'unchecked';
  if (check.error !== null || check.verdict === 'error') return 'failed';
  return check.verdict;
}

/**
 * The colour of a state. Settled divergence stays red when the verdict is not current:
 * landing writes cannot settle a row back to equal, and a check with rows in flight stops
 * being current within one replication delay, so muting it would hide real divergence.
 * Such cells are outlined as past instead (see {@link isPastVerdict}).
 */
export function checkTone(state: CheckState, current: boolean): DivergenceTone {
  if (state === 'divergent') return 'breach';
  if (state === 'failed') return 'failed';
  if (state === 'unchecked') return 'unknown';
  if (!current) return 'stale';
  return state === 'in_flight' ? 'pending' : 'ok';
}

/**
 * How old the verdict is, ms. `age_seconds` is the server's clock (no skew) but freezes
 * between polls and while polls fail; counting from `checked_at` keeps it moving.
 */
export function checkAgeMs(check: DivergenceCheck, nowMs: number): number {
  return Math.max(check.age_seconds * 1000, nowMs - check.checked_at);
}

/** `4m 05s ago`. */
export function formatAgo(ageMs: number): string {
  return `${formatAge(ageMs)} ago`;
}

/** `clean`, `3 divergent`, `12 in flight`, `3 divergent · 12 in flight`. */
export function describeCounts(divergent: number, unsettled: number): string {
  if (divergent === 0 && unsettled === 0) return 'clean';
  return [divergent > 0 ? formatDivergentCount(divergent) : null, unsettled > 0 ? formatInFlightCount(unsettled) : null].filter(Boolean).join(' · ');
}

/** True when the check has a result whose state has moved on since (checks stopped, or its in-flight writes landed). */
export function isPastVerdict(check: DivergenceCheck | undefined): boolean {
  return check !== undefined && check.verdict !== 'error' && !check.current;
}

/**
 * A check in words, as cell labels and badges read it: `12 in flight`, `clean as of 11m 02s
 * ago`, `3 divergent · 12 in flight`, `3 divergent, last check failed`. A verdict that is no
 * longer current carries its age instead of reading as now.
 */
export function describeCheck(check: DivergenceCheck | undefined, nowMs: number): string {
  if (!check) return 'not checked yet';
  if (check.verdict === 'error') return 'check failed, nothing compared yet';
  const counts = describeCounts(check.divergent_entities, check.unsettled_entities);
  const dated = isPastVerdict(check) ? `${counts} as of ${formatAgo(checkAgeMs(check, nowMs))}` : counts;
  return check.error === null ? dated : `${dated}, last check failed`;
}

/** The short text inside a cell: `3`, `12` (in flight only), `3 · 12` (both), `0`, `—`. */
export function cellValueText(check: DivergenceCheck | undefined): string {
  if (!check || check.verdict === 'error') return NO_VALUE;
  const { divergent_entities: divergent, unsettled_entities: unsettled } = check;
  if (divergent > 0 && unsettled > 0) return `${divergent.toLocaleString('en-US')} · ${unsettled.toLocaleString('en-US')}`;
  return (divergent > 0 ? divergent : unsettled).toLocaleString('en-US');
}

/** Legend for {@link DivergenceTone}. */
export function divergenceLegend(): LegendEntry<DivergenceTone>[] {
  return [
    { tone: 'ok', label: 'clean' },
    { tone: 'breach', label: 'divergent (settled)' },
    { tone: 'pending', label: 'in flight, not yet settled' },
    { tone: 'stale', label: 'no longer current' },
    { tone: 'failed', label: 'last check failed' },
    { tone: 'unknown', label: 'not checked yet' },
  ];
}
