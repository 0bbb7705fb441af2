import { z } from 'zod';
import { badRequest, parseWith } from './errors';

/** Values meaning "every value": Grafana's All as a custom all value, or unexpanded. */
const EVERY = new Set(['*', '.*', '$__all']);

/** The longest list one payload field may name. */
const MAX_VALUES = 200;

/**
 * The values of one payload field, however Grafana formatted a multi-value variable: a JSON
 * list (`["a","b"]`), a regex group (`(a|b)`, also regex-escaped: `us\-east`), a glob
 * (`{a,b}`), or `a|b` / `a,b`; list items may themselves be such strings. Null when the field
 * is absent, empty or "every value".
 */
export function multiValues(raw: unknown, field: string): string[] | null {
  if (raw === undefined || raw === null) return null;
  const items = Array.isArray(raw) ? raw : [raw];
  const values: string[] = [];
  for (const [index, item] of items.entries()) {
    if (typeof item !== 'string' && typeof item !== 'number') throw badRequest(Array.isArray(raw) ? `${field}[${index}]` : field, 'must be a string or a list of strings');
    const text = String(item).trim();
    if (EVERY.has(text)) return null;
    values.push(...splitMulti(text));
  }
  if (values.some((value) => EVERY.has(value))) return null;
  const unique = [...new Set(values.filter((value) => value.length > 0))];
  if (unique.length > MAX_VALUES) throw badRequest(field, `names ${unique.length} values; at most ${MAX_VALUES}`);
  return unique.length > 0 ? unique : null;
}

/** `(a|b)`, `{a,b}`, `a|b`, `a,b` → [a, b]; backslash escapes (Grafana's regex format) are undone. */
function splitMulti(text: string): string[] {
  const unwrapped = /^\((.*)\)$/s.exec(text)?.[1] ?? /^\{(.*)\}$/s.exec(text)?.[1] ?? text;
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < unwrapped.length; index++) {
    const char = unwrapped[index];
    if (char === '\\' && index + 1 < unwrapped.length) current += unwrapped[++index];
    else if (char === '|' || char === ',') {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}

/** A single-valued payload field (`format`, `limit`): a string or number, or a one-item list of one. */
export function singleValue(raw: unknown, field: string): string | null {
  const values = multiValues(raw, field);
  if (values === null) return null;
  if (values.length > 1) throw badRequest(field, `takes one value, got ${values.length}`);
  return values[0];
}

/** Values checked against the known ones; `fail` builds the error for the first unknown one. */
export function knownValues(values: string[] | null, known: readonly string[], fail: (value: string) => Error): string[] | null {
  if (values === null) return null;
  const unknown = values.find((value) => !known.includes(value));
  if (unknown !== undefined) throw fail(unknown);
  return values;
}

/** The ad hoc filter keys `/tag-keys` offers, in order. */
export const FILTER_KEYS = ['source_region', 'target_region', 'entity_type', 'dataset'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const OPERATORS = ['=', '!=', '=~', '!~'] as const;

export const AdHocFilter = z.object({ key: z.string().max(100), operator: z.string().max(10), value: z.string().max(500) });
export type AdHocFilter = z.infer<typeof AdHocFilter>;

/**
 * What a series or row carries for each filter key. A key it lacks is not filtered on; a key
 * with several values (a divergence pair's two regions, a failover's target regions) matches
 * `=`/`=~` when any value does, and `!=`/`!~` when none does.
 */
export type FilterLabels = Partial<Record<FilterKey, readonly string[]>>;

interface Matcher {
  key: FilterKey;
  negated: boolean;
  test: (value: string) => boolean;
}

/** Compiled ad hoc filters: all must hold. */
export class Filters {
  private constructor(private readonly matchers: Matcher[]) {}

  static none(): Filters {
    return new Filters([]);
  }

  /** Validates `filters` (field names under `prefix`); regexes are anchored, as in PromQL. */
  static compile(raw: unknown, prefix = 'filters'): Filters {
    const filters = parseWith(z.array(AdHocFilter).max(50), raw ?? [], prefix);
    return new Filters(filters.map((filter, index) => compileOne(filter, `${prefix}[${index}]`)));
  }

  /** True when some filter names `key`. */
  touches(key: FilterKey): boolean {
    return this.matchers.some((matcher) => matcher.key === key);
  }

  matches(labels: FilterLabels): boolean {
    return this.matchers.every((matcher) => {
      const values = labels[matcher.key];
      if (values === undefined) return true;
      const any = values.some(matcher.test);
      return matcher.negated ? !any : any;
    });
  }

  /** Whether one value of `key` passes the filters on `key`. */
  allows(key: FilterKey, value: string): boolean {
    return this.matches({ [key]: [value] });
  }
}

function compileOne(filter: AdHocFilter, field: string): Matcher {
  if (!(FILTER_KEYS as readonly string[]).includes(filter.key)) throw badRequest(`${field}.key`, `unknown filter key "${filter.key}" (${FILTER_KEYS.join(', ')})`);
  const key = filter.key as FilterKey;
  const operator = filter.operator as (typeof OPERATORS)[number];
  if (!OPERATORS.includes(operator)) throw badRequest(`${field}.operator`, `unsupported operator "${filter.operator}" (use ${OPERATORS.join(', ')})`);
  if (operator === '=' || operator === '!=') return { key, negated: operator === '!=', test: (value) => value === filter.value };
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^(?:${filter.value})$`);
  } catch (error) {
    throw badRequest(`${field}.value`, `not a valid regular expression: ${(error as Error).message}`);
  }
  return { key, negated: operator === '!~', test: (value) => pattern.test(value) };
}
