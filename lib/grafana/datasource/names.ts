import type { SloConfig } from '@/lib/config/schema';
import { Resolution } from '@/lib/api/conflicts';
import { sloSummary } from '@/lib/server/slo';
import type { Runtime } from '@/lib/server/runtime';
import { orderedPairs as orderedRegionPairs } from '@/lib/domain/region';
import { badRequest, unknownName } from './errors';
import { knownValues, multiValues } from './values';

/** What the deployment has, for selectors, variables and tag values. */

export const regionNames = (runtime: Runtime): string[] => runtime.config.regions.map((region) => region.name);

export const datasetNames = (runtime: Runtime): string[] => runtime.config.collectors.divergence.datasets.map((dataset) => dataset.name);

export const sloNames = (runtime: Runtime): string[] => runtime.config.slos.map((slo) => slo.name);

export const RESOLUTIONS: readonly string[] = Resolution.options;

/** Every ordered pair `a->b`, in region order. */
export function orderedPairs(runtime: Runtime): [string, string][] {
  return orderedRegionPairs(regionNames(runtime));
}

/** Every unordered pair, region_a < region_b in name order (how divergence names pairs). */
export function unorderedPairs(runtime: Runtime): [string, string][] {
  return orderedPairs(runtime).filter(([a, b]) => a < b);
}

/** Entity types the conflict store has seen, from the conflict signal's counts. */
export function entityTypes(runtime: Runtime): string[] {
  return [...new Set(runtime.signals.conflicts.snapshot().counts.map((count) => count.entity_type))].sort();
}

/** An SLO's burn windows (`5m`, `1h`, …): the windows its burn rates are reported for. */
export function burnWindows(runtime: Runtime, slo: SloConfig): string[] {
  return Object.keys(sloSummary(runtime, slo).burn_rates);
}

/** The burn windows of the SLOs named in `rawSlo` (every SLO when none is), in first-seen order. */
export function burnWindowsOf(runtime: Runtime, rawSlo: unknown, field: string): string[] {
  const slos = slosIn(runtime, rawSlo, field) ?? runtime.config.slos;
  return [...new Set(slos.flatMap((slo) => burnWindows(runtime, slo)))];
}

/** Region names from a payload field; an unknown one is a 404 naming the field. Null: every region. */
export function regionsIn(runtime: Runtime, raw: unknown, field: string): string[] | null {
  const known = regionNames(runtime);
  return knownValues(multiValues(raw, field), known, (name) => unknownName(field, 'unknown_region', 'region', name, known));
}

export function datasetsIn(runtime: Runtime, raw: unknown, field: string): string[] | null {
  const known = datasetNames(runtime);
  return knownValues(multiValues(raw, field), known, (name) => unknownName(field, 'unknown_dataset', 'dataset', name, known));
}

export function slosIn(runtime: Runtime, raw: unknown, field: string): SloConfig[] | null {
  const known = sloNames(runtime);
  const names = knownValues(multiValues(raw, field), known, (name) => unknownName(field, 'not_found', 'SLO', name, known));
  return names && runtime.config.slos.filter((slo) => names.includes(slo.name));
}

export function resolutionsIn(raw: unknown, field: string): string[] | null {
  return knownValues(multiValues(raw, field), RESOLUTIONS, (name) => badRequest(field, `unknown resolution "${name.slice(0, 100)}" (${RESOLUTIONS.join(', ')})`));
}

/** Entity types are open-ended: one no conflict has simply matches nothing, as in `/api/conflicts`. */
export function entityTypesIn(raw: unknown, field: string): string[] | null {
  const values = multiValues(raw, field);
  const tooLong = values?.find((value) => value.length > 100);
  if (tooLong !== undefined) throw badRequest(field, 'entity types are at most 100 characters');
  return values;
}

/** Pairs written `source->target`; both must be configured regions and differ. Null: no pair named. */
export function pairsIn(runtime: Runtime, raw: unknown, field: string): [string, string][] | null {
  const values = multiValues(raw, field);
  if (values === null) return null;
  const known = regionNames(runtime);
  return values.map((value): [string, string] => {
    const parts = value.split('->').map((part) => part.trim());
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw badRequest(field, `"${value.slice(0, 100)}" is not a pair; write source->target`);
    for (const region of parts) if (!known.includes(region)) throw unknownName(field, 'unknown_region', 'region', region, known);
    if (parts[0] === parts[1]) throw badRequest(field, `"${value}": the two regions must differ`);
    return [parts[0], parts[1]];
  });
}
