import { z } from 'zod';
import { DatasetName, RegionName } from '@/lib/domain/region';
import { DIVERGENCE_PATH } from './format';
import { PairFilter } from './grid';

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

// Keys are the application's, joined by `/` when composite; bound what a pasted URL may carry.
const EntityKey = z.string().min(1).max(1_000);

/** `/divergence/{dataset}/{a}/{b}`: names that could exist and two different regions. */
export const DivergencePairParams = z.object({ dataset: DatasetName, a: RegionName, b: RegionName }).refine(({ a, b }) => a !== b, { error: 'the two regions must differ' });

export interface DivergencePairRoute {
  dataset: string;
  regionA: string;
  regionB: string;
}

/** The drill-down's route params, or null when they cannot name a pair (the page is then a 404). */
export function parseDivergencePairParams(params: unknown): DivergencePairRoute | null {
  const parsed = DivergencePairParams.safeParse(params);
  if (!parsed.success) return null;
  return { dataset: parsed.data.dataset, regionA: parsed.data.a, regionB: parsed.data.b };
}

/** One value per name (`?key=a&key=b` means `a`); a bad or empty value means "not set". */
const single = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => {
    const first = Array.isArray(value) ? value[0] : value;
    return first === '' ? undefined : first;
  }, schema.optional().catch(undefined));

const DrillDownSearch = z.object({ key: single(EntityKey) });
const MatrixSearch = z.object({ show: z.preprocess((value) => (Array.isArray(value) ? value[0] : value), PairFilter) });

/** `?key=`: the divergent key whose rows are compared; absent when none is selected. */
export function parseDrillDownSearch(params: SearchParamsRecord): { key: string | undefined } {
  return { key: DrillDownSearch.parse(params).key };
}

/** `?show=`: all pairs, or only those needing attention; anything else means all. */
export function parseMatrixSearch(params: SearchParamsRecord): { show: PairFilter } {
  return { show: MatrixSearch.parse(params).show };
}

/** The matrix page with a pair filter; the default is left out. */
export function divergencePageHref(show: PairFilter): string {
  return show === 'all' ? DIVERGENCE_PATH : `${DIVERGENCE_PATH}?show=${show}`;
}
