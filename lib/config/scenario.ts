import { z } from 'zod';
import { DatasetName, REGION_NAME_PATTERN } from '@/lib/domain/region';
import { Duration, SignedDuration } from './duration';
import { RegionName, SharedSections, knownRegionIssues, reportAll, uniqueIssues, type CrossIssue } from './schema';

/** The region-name pattern without its anchors, to embed twice in a pair key. */
const REGION_NAME_BODY = REGION_NAME_PATTERN.source.replace(/^\^|\$$/g, '');
const PairKey = z.string().regex(new RegExp(`^${REGION_NAME_BODY}->${REGION_NAME_BODY}$`), { error: 'pair keys look like "us-east->ap-south"' });

const at = Duration;
const FaultBase = { at };

export const Fault = z.discriminatedUnion('kind', [
  z.strictObject({ ...FaultBase, kind: z.literal('region_outage'), region: RegionName, duration: Duration }),
  z.strictObject({ ...FaultBase, kind: z.literal('partition'), regions: z.array(RegionName).min(2), duration: Duration }),
  z.strictObject({ ...FaultBase, kind: z.literal('replication_stall'), from: RegionName, to: RegionName, duration: Duration }),
  z.strictObject({ ...FaultBase, kind: z.literal('corrupt'), region: RegionName, dataset: DatasetName, count: z.number().int().min(1) }),
  z.strictObject({ ...FaultBase, kind: z.literal('clock_step'), region: RegionName, offset: SignedDuration }),
  z.strictObject({ ...FaultBase, kind: z.literal('split_brain'), domain: RegionName, regions: z.array(RegionName).min(2), duration: Duration }),
]);
export type Fault = z.infer<typeof Fault>;

export const Scenario = z
  .strictObject({
    seed: z.number().int().default(42),
    regions: z.array(RegionName).min(2, { error: 'a deployment needs at least two regions' }),
    replication: z
      .strictObject({
        delay: Duration.default(80),
        jitter: Duration.default(10),
        pairs: z.record(PairKey, Duration).default({}),
        /** Changes per second one stream applies while catching up on a backlog. */
        catchup_rate: z.number().positive().default(500),
      })
      .prefault({}),
    clock_offset: z.record(RegionName, SignedDuration).default({}),
    workload: z
      .strictObject({
        writes_per_second: z.number().min(0).default(50),
        conflict_ratio: z.number().min(0).max(1).default(0.02),
        entities: z.number().int().min(1).default(10_000),
        duration: Duration.optional(),
      })
      .prefault({}),
    gtm: z.strictObject({ check_interval: Duration.default(1000), ttl: Duration.default(5000) }).prefault({}),
    faults: z.array(Fault).default([]),
    ...SharedSections,
  })
  .superRefine((scenario, ctx) => reportAll(scenarioCrossChecks(scenario), ctx));
export type Scenario = z.infer<typeof Scenario>;

// biome-ignore lint/suspicious/noExplicitAny: raw parsed YAML, read field by field before the schema has validated it
type Loose = Record<string, any>;

/** Pairs, clock offsets and faults may only name the scenario's regions. */
export function scenarioCrossChecks(input: Loose): CrossIssue[] {
  const regions: string[] = Array.isArray(input.regions) ? input.regions.filter((name: unknown) => typeof name === 'string') : [];
  const known = new Set(regions);
  const issues: CrossIssue[] = uniqueIssues(regions, (index) => ['regions', index]);
  const check = (name: unknown, path: (string | number)[]) => {
    if (typeof name === 'string' && !known.has(name)) issues.push({ path, message: `unknown region "${name}" (known: ${regions.join(', ')})` });
  };
  for (const pair of Object.keys(input.replication?.pairs ?? {})) {
    const [source, target] = pair.split('->');
    if (target === undefined) continue;
    check(source, ['replication', 'pairs', pair]);
    check(target, ['replication', 'pairs', pair]);
    if (source === target) issues.push({ path: ['replication', 'pairs', pair], message: 'a pair needs two different regions' });
  }
  for (const region of Object.keys(input.clock_offset ?? {})) check(region, ['clock_offset', region]);
  (Array.isArray(input.faults) ? input.faults : []).forEach((fault: Loose, index: number) => {
    check(fault?.region, ['faults', index, 'region']);
    check(fault?.from, ['faults', index, 'from']);
    check(fault?.to, ['faults', index, 'to']);
    if (Array.isArray(fault?.regions)) fault.regions.forEach((name: unknown, item: number) => check(name, ['faults', index, 'regions', item]));
    if (fault?.kind === 'corrupt' && typeof fault.dataset === 'string' && fault.dataset !== 'users') {
      issues.push({ path: ['faults', index, 'dataset'], message: `the demo can corrupt only its "users" dataset, not "${fault.dataset}"` });
    }
  });
  return [...issues, ...knownRegionIssues(input, regions)];
}
