import { lttb, type Point } from '@/lib/series/lttb';
import type { Runtime } from '@/lib/server/runtime';
import { badRequest } from './errors';
import { type Filters, singleValue } from './values';

/** A time series as the JSON data source reads it: datapoints are `[value, epoch_ms]`. */
export interface TimeSeries {
  target: string;
  datapoints: [number, number][];
}

export type Cell = string | number | null;

export interface Column {
  text: string;
  type: 'time' | 'string' | 'number';
}

export interface Table {
  type: 'table';
  columns: Column[];
  rows: Cell[][];
}

export type QueryResult = TimeSeries | Table;

/** What every metric's query reads: the resolved range, point budget and ad hoc filters. */
export interface QueryContext {
  runtime: Runtime;
  from: number;
  to: number;
  now: number;
  /** Points per series at most: `maxDataPoints`, and no more than one per `intervalMs` of the range. */
  points: number;
  filters: Filters;
}

/**
 * A series from points one of lib/server's functions returned ([epoch_ms, value]). Those
 * already respect the budget; where one may not (burn-rate series step by sample count),
 * LTTB picks among its points, so every value shown is still one the function returned.
 */
export function timeSeries(target: string, points: readonly Point[], budget: number): TimeSeries {
  // LTTB always keeps both ends; a budget of one keeps the latest value (what a stat panel shows).
  const kept = points.length <= budget ? points : budget === 1 ? points.slice(-1) : lttb(points, budget);
  return { target, datapoints: kept.map(([at, value]): [number, number] => [value, at]) };
}

/** A table with columns named and typed once: `[['time', 'time'], ['region', 'string']]`. */
export function table(columns: [string, Column['type']][], rows: Cell[][]): Table {
  return { type: 'table', columns: columns.map(([text, type]) => ({ text, type })), rows };
}

/** JSON of a stored value for a table cell (versions, rows); null stays null. */
export const jsonCell = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

/** Lists in a table cell (Grafana splits annotation tags on commas). */
export const listCell = (values: readonly string[]): string => values.join(',');

/** The `format` field of a payload: one of `allowed`, the first by default. */
export function formatOf<F extends string>(raw: unknown, field: string, allowed: readonly F[]): F {
  const value = singleValue(raw, field) ?? allowed[0];
  if (!(allowed as readonly string[]).includes(value)) throw badRequest(field, `unknown format "${value.slice(0, 100)}" (${allowed.join(', ')})`);
  return value as F;
}

/**
 * Grafana computes `to` from its own clock before the request travels here, so a range
 * ending this close to the server's clock is taken to end now.
 */
const LIVE_TOLERANCE_MS = 60_000;

/** Whether the range reaches the present (the only time snapshot-only figures such as divergence describe). */
export const reachesNow = (ctx: QueryContext): boolean => ctx.to >= ctx.now - LIVE_TOLERANCE_MS;

/** One target may fan out into at most this many series or list queries. */
export const MAX_SERIES_PER_TARGET = 100;

export function checkFanOut(count: number, field: string): void {
  if (count > MAX_SERIES_PER_TARGET) throw badRequest(field, `selects ${count} series; at most ${MAX_SERIES_PER_TARGET}: name fewer values`);
}

const DEFAULT_ROWS = 100;
const MAX_ROWS = 1000;

/** The `limit` field of a table payload: rows at most, 100 by default. */
export function rowLimit(raw: unknown, field: string): number {
  const text = singleValue(raw, field);
  if (text === null) return DEFAULT_ROWS;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ROWS) throw badRequest(field, `must be an integer from 1 to ${MAX_ROWS}`);
  return limit;
}
