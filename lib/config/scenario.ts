import { z } from 'zod';
import { Duration, SignedDuration } from './duration';
import { RegionName, SharedSections, checkKnownRegions, checkUnique } from './schema';

const PairKey = z.string().regex(/^[a-z0-9-]+->[a-z0-9-]+$/, { error: 'pair keys look like "us-east->ap-south"' });

const at = Duration;
const FaultBase = { at };

export const Fault = z.discriminatedUnion('kind', [
  z.strictObject({ ...FaultBase, kind: z.literal('region_outage'), region: RegionName, duration: Duration }),
  z.strictObject({ ...FaultBase, kind: z.literal('partition'), regions: z.array(RegionName).min(2), duration: Duration }),
  z.strictObject({ ...FaultBase, kind: z.literal('replication_stall'), from: RegionName, to: RegionName, duration: Duration }),
  z.strictObject({ ...FaultBase, kind: z.literal('corrupt'), region: RegionName, dataset: RegionName, count: z.number().int().min(1) }),
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
  .superRefine((scenario, ctx) => {
    checkUnique(scenario.regions, ctx, (index) => ['regions', index]);
    const known = new Set(scenario.regions);
    const check = (name: string, path: (string | number)[]) => {
      if (!known.has(name)) ctx.addIssue({ code: 'custom', path, message: `unknown region "${name}" (known: ${scenario.regions.join(', ')})` });
    };
    for (const pair of Object.keys(scenario.replication.pairs)) {
      const [source, target] = pair.split('->');
      check(source, ['replication', 'pairs', pair]);
      check(target, ['replication', 'pairs', pair]);
      if (source === target) ctx.addIssue({ code: 'custom', path: ['replication', 'pairs', pair], message: 'a pair needs two different regions' });
    }
    for (const region of Object.keys(scenario.clock_offset)) check(region, ['clock_offset', region]);
    scenario.faults.forEach((fault, index) => {
      const path = (field: string, item?: number) => ['faults', index, field, ...(item === undefined ? [] : [item])];
      if ('region' in fault) check(fault.region, path('region'));
      if ('regions' in fault) fault.regions.forEach((name, item) => check(name, path('regions', item)));
      if (fault.kind === 'replication_stall') {
        check(fault.from, path('from'));
        check(fault.to, path('to'));
      }
    });
    checkKnownRegions(scenario, scenario.regions, ctx);
  });
export type Scenario = z.infer<typeof Scenario>;
