import { z } from 'zod';
import type { Runtime } from '@/lib/server/runtime';
import { badRequest, parseWith } from './errors';
import { burnWindowsOf, datasetNames, entityTypes, orderedPairs, RESOLUTIONS, regionNames, sloNames, unorderedPairs } from './names';

/**
 * A target's payload: an object of fields, or the same as a JSON string (the plugin's code
 * editor). Fields a metric does not know are ignored, because the query builder keeps
 * the fields of a metric chosen before.
 */
export const Payload = z
  .unknown()
  .optional()
  .transform((value, ctx): Record<string, unknown> => {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return {};
    let parsed = value;
    if (typeof value === 'string') {
      try {
        parsed = JSON.parse(value);
      } catch {}
    }
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    ctx.addIssue({ code: 'custom', message: 'must be an object, or a JSON object as a string' });
    return z.NEVER;
  });
export type Payload = z.infer<typeof Payload>;

/** Where a selector's options come from: the deployment, or a fixed list. */
type OptionSource = 'regions' | 'pairs' | 'unordered_pairs' | 'entity_types' | 'resolutions' | 'datasets' | 'slos' | 'windows' | readonly { value: string; label: string }[];

interface PayloadSpec {
  name: string;
  label: string;
  type: 'select' | 'multi-select' | 'input';
  placeholder: string;
  options?: OptionSource;
}

const format = (...values: [string, string][]): PayloadSpec => ({
  name: 'format',
  label: 'Format',
  type: 'select',
  placeholder: values[0][1],
  options: values.map(([value, label]) => ({ value, label })),
});
const SERIES = ['time_series', 'Time series'] as [string, string];
const region = (name: string, label: string, placeholder = 'every region'): PayloadSpec => ({ name, label, type: 'multi-select', placeholder, options: 'regions' });
const PAIR: PayloadSpec = { name: 'pair', label: 'Pair', type: 'multi-select', placeholder: 'or pairs source->target', options: 'pairs' };

/** The metrics `/metrics` lists; `target` of a `/query` target is one of these names. */
export const METRICS = {
  lag: { label: 'Replication lag (seconds)', payloads: [region('source', 'Source region'), region('target', 'Target region'), PAIR] },
  conflicts: {
    label: 'Conflicts (per minute, or the list)',
    payloads: [
      format(SERIES, ['table', 'Table: conflicts with both versions']),
      region('source', 'Source region'),
      region('target', 'Target region'),
      PAIR,
      { name: 'entity_type', label: 'Entity type', type: 'multi-select', placeholder: 'every entity type', options: 'entity_types' },
      { name: 'resolution', label: 'Resolution', type: 'multi-select', placeholder: 'every resolution', options: 'resolutions' },
      { name: 'limit', label: 'Rows', type: 'input', placeholder: '100 (table only, at most 1000)' },
    ],
  },
  divergence: {
    label: 'Divergence (last check)',
    payloads: [
      format(SERIES, ['table', 'Table: last check per pair'], ['keys', 'Table: divergent keys']),
      { name: 'dataset', label: 'Dataset', type: 'multi-select', placeholder: 'every dataset', options: 'datasets' },
      { name: 'pair', label: 'Pair', type: 'multi-select', placeholder: 'every pair', options: 'unordered_pairs' },
      {
        name: 'value',
        label: 'Entities',
        type: 'multi-select',
        placeholder: 'divergent and unsettled',
        options: [
          { value: 'divergent', label: 'Divergent (settled)' },
          { value: 'unsettled', label: 'Unsettled (in flight)' },
        ],
      },
      { name: 'limit', label: 'Rows', type: 'input', placeholder: '100 (keys only, at most 1000)' },
    ],
  },
  failovers: { label: 'Failovers (seconds to reroute, or the list)', payloads: [format(SERIES, ['table', 'Table: failover events']), region('region', 'Failed region')] },
  slo: {
    label: 'SLO error budget and burn rate',
    payloads: [
      format(SERIES, ['table', 'Table: budget and burn rates']),
      { name: 'slo', label: 'SLO', type: 'multi-select', placeholder: 'every SLO', options: 'slos' },
      {
        name: 'value',
        label: 'Value',
        type: 'multi-select',
        placeholder: 'budget remaining',
        options: [
          { value: 'budget_remaining', label: 'Error budget remaining' },
          { value: 'burn_rate', label: 'Burn rate' },
        ],
      },
      { name: 'window', label: 'Burn window', type: 'multi-select', placeholder: 'every window', options: 'windows' },
    ],
  },
  annotations: {
    label: 'Annotations: failovers and incidents',
    payloads: [
      {
        name: 'kind',
        label: 'Kind',
        type: 'multi-select',
        placeholder: 'failovers and incidents',
        options: [
          { value: 'failovers', label: 'Failovers' },
          { value: 'incidents', label: 'Incidents' },
        ],
      },
      region('region', 'Region', 'every region'),
    ],
  },
} satisfies Record<string, { label: string; payloads: PayloadSpec[] }>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** The metric named `name`, or a 400 naming `field`. */
export function metricNamed(name: string, field: string): MetricName {
  if (!(METRIC_NAMES as string[]).includes(name)) throw badRequest(field, `unknown metric "${name.slice(0, 100)}" (${METRIC_NAMES.join(', ')})`);
  return name as MetricName;
}

/** A required string field: "required" when absent, "must be a string" otherwise. */
export const RequiredString = (max: number) => z.string({ error: (issue) => (issue.input === undefined ? 'required' : 'must be a string') }).max(max);

const MetricsRequest = z.object({ metric: z.string().max(200).optional(), payload: Payload });

/** `POST /metrics`: every metric with its payload selectors (options of deployment names come from `/metric-payload-options`). */
export function listMetrics(body: unknown) {
  parseWith(MetricsRequest, body ?? {});
  return METRIC_NAMES.map((value) => ({
    value,
    label: METRICS[value].label,
    payloads: METRICS[value].payloads.map((spec: PayloadSpec) => ({
      name: spec.name,
      label: spec.label,
      type: spec.type,
      placeholder: spec.placeholder,
      ...(Array.isArray(spec.options) ? { options: spec.options.map((option) => ({ ...option })) } : {}),
    })),
  }));
}

const PayloadOptionsRequest = z.object({ metric: RequiredString(200), payload: Payload, name: RequiredString(200) });

/** `POST /metric-payload-options`: the options of one selector, given the other fields chosen so far. */
export function metricPayloadOptions(runtime: Runtime, body: unknown): { label: string; value: string }[] {
  const request = parseWith(PayloadOptionsRequest, body);
  const metric = metricNamed(request.metric, 'metric');
  const spec = (METRICS[metric].payloads as PayloadSpec[]).find((candidate) => candidate.name === request.name);
  if (!spec?.options) {
    const selectors = (METRICS[metric].payloads as PayloadSpec[]).filter((candidate) => candidate.options).map((candidate) => candidate.name);
    throw badRequest('name', `metric "${metric}" has no selector "${request.name.slice(0, 100)}" (${selectors.join(', ')})`);
  }
  return optionsOf(runtime, spec.options, request.payload);
}

function optionsOf(runtime: Runtime, source: OptionSource, payload: Payload): { label: string; value: string }[] {
  if (typeof source !== 'string') return source.map((option) => ({ ...option }));
  const plain = (values: string[]) => values.map((value) => ({ label: value, value }));
  switch (source) {
    case 'regions':
      return plain(regionNames(runtime));
    case 'pairs':
      return plain(orderedPairs(runtime).map(([a, b]) => `${a}->${b}`));
    case 'unordered_pairs':
      return plain(unorderedPairs(runtime).map(([a, b]) => `${a}->${b}`));
    case 'entity_types':
      return plain(entityTypes(runtime));
    case 'resolutions':
      return plain([...RESOLUTIONS]);
    case 'datasets':
      return plain(datasetNames(runtime));
    case 'slos':
      return plain(sloNames(runtime));
    case 'windows':
      return plain(burnWindowsOf(runtime, payload.slo, 'payload.slo'));
  }
}
