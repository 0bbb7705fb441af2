import { z } from 'zod';
import type { Runtime } from '@/lib/server/runtime';
import { Payload, RequiredString } from './catalog';
import { badRequest, parseWith } from './errors';
import { burnWindowsOf, datasetNames, entityTypes, orderedPairs, RESOLUTIONS, regionNames, regionsIn, sloNames } from './names';
import { FILTER_KEYS } from './values';

const VARIABLE_TARGETS = ['regions', 'pairs', 'datasets', 'slos', 'entity_types', 'resolutions', 'windows'] as const;

const VariableRequest = z.object({ payload: Payload.pipe(z.looseObject({ target: RequiredString(200) })) });

/**
 * `POST /variable`: values of a query variable. `pairs` may be narrowed by `source_region`/
 * `target_region` and `windows` by `slo`, so variables can chain
 * (`{"target": "pairs", "source_region": "$source"}`).
 */
export function variableValues(runtime: Runtime, body: unknown): { text: string; value: string; __text: string; __value: string }[] {
  const { payload } = parseWith(VariableRequest, body);
  const target = payload.target.trim();
  const values = (): string[] => {
    switch (target as (typeof VARIABLE_TARGETS)[number]) {
      case 'regions':
        return regionNames(runtime);
      case 'pairs': {
        const sources = regionsIn(runtime, payload.source_region, 'payload.source_region');
        const targets = regionsIn(runtime, payload.target_region, 'payload.target_region');
        return orderedPairs(runtime)
          .filter(([a, b]) => (sources === null || sources.includes(a)) && (targets === null || targets.includes(b)))
          .map(([a, b]) => `${a}->${b}`);
      }
      case 'datasets':
        return datasetNames(runtime);
      case 'slos':
        return sloNames(runtime);
      case 'entity_types':
        return entityTypes(runtime);
      case 'resolutions':
        return [...RESOLUTIONS];
      case 'windows':
        return burnWindowsOf(runtime, payload.slo, 'payload.slo');
      default:
        throw badRequest('payload.target', `unknown variable "${target.slice(0, 100)}" (${VARIABLE_TARGETS.join(', ')})`);
    }
  };
  return values().map((value) => ({ text: value, value, __text: value, __value: value }));
}

/** `POST /tag-keys`: the ad hoc filter keys. */
export function tagKeys(): { type: string; text: string }[] {
  return FILTER_KEYS.map((key) => ({ type: 'string', text: key }));
}

const TagValuesRequest = z.object({ key: RequiredString(100) });

/** `POST /tag-values`: the values one ad hoc filter key can take. */
export function tagValues(runtime: Runtime, body: unknown): { text: string }[] {
  const { key } = parseWith(TagValuesRequest, body);
  const values = (): string[] => {
    switch (key as (typeof FILTER_KEYS)[number]) {
      case 'source_region':
      case 'target_region':
        return regionNames(runtime);
      case 'entity_type':
        return entityTypes(runtime);
      case 'dataset':
        return datasetNames(runtime);
      default:
        throw badRequest('key', `unknown filter key "${key.slice(0, 100)}" (${FILTER_KEYS.join(', ')})`);
    }
  };
  return values().map((text) => ({ text }));
}
