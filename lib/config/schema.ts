import { z } from 'zod';
import { Duration } from './duration';

/** Region and dataset names: lowercase letters, digits and dashes. */
export const RegionName = z
  .string()
  .regex(/^[a-z0-9-]+$/, { error: 'must match [a-z0-9-]+ (lowercase letters, digits, dashes)' });
export type RegionName = z.infer<typeof RegionName>;

const STORE_SCHEMES = ['sqlite:', 'postgres://', 'postgresql://', 'mysql://', 'mariadb://'];

export const StoreUrl = z.string().refine((url) => STORE_SCHEMES.some((scheme) => url.startsWith(scheme)), {
  error: 'must be sqlite:PATH, postgres://... or mysql://...',
});

const HttpUrl = z.string().regex(/^https?:\/\/\S+$/, { error: 'must be an http:// or https:// URL' });

export const RegionConfig = z.strictObject({
  name: RegionName,
  store: StoreUrl,
  health: HttpUrl.optional(),
  geos: z.array(z.string().min(1)).default([]),
});
export type RegionConfig = z.infer<typeof RegionConfig>;

export const GtmConfig = z.strictObject({
  resolve: z.string().regex(/^(https?|dns):\/\/\S+$/, { error: 'must be an http(s):// URL or dns://HOST:PORT/NAME' }),
});

const Identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be a plain SQL identifier' });

export const DatasetConfig = z.strictObject({
  name: RegionName,
  table: Identifier,
  key: z.array(Identifier).min(1),
  columns: z.array(Identifier).min(1),
});
export type DatasetConfig = z.infer<typeof DatasetConfig>;

export const CollectorsConfig = z.strictObject({
  heartbeat: z
    .strictObject({
      interval: Duration.default(100),
      timeout: Duration.default(2000),
      table: Identifier.default('regionwatch_heartbeat'),
    })
    .prefault({}),
  conflicts: z
    .strictObject({
      interval: Duration.default(1000),
      table: Identifier.default('regionwatch_conflicts'),
      query: z.string().min(1).optional(),
    })
    .prefault({}),
  divergence: z
    .strictObject({
      interval: Duration.default(300_000),
      datasets: z.array(DatasetConfig).default([]),
      fanout: z.number().int().min(2).max(1024).default(16),
      leaf_size: z.number().int().min(1).default(64),
    })
    .prefault({}),
  probes: z
    .strictObject({
      interval: Duration.default(250),
      timeout: Duration.default(2000),
    })
    .prefault({}),
});
export type CollectorsConfig = z.infer<typeof CollectorsConfig>;

export const DomainConfig = z.strictObject({
  name: RegionName,
  mode: z.enum(['active-passive', 'read-local', 'limited-writes', 'active-active']),
  home: RegionName,
});
export type DomainConfig = z.infer<typeof DomainConfig>;

export const SloConfig = z.strictObject({
  name: RegionName,
  objective: z.number().gt(0).lt(100),
  window: Duration.default(30 * 86_400_000),
  sli: z.strictObject({
    kind: z.enum(['replication_lag', 'availability', 'failover_time', 'conflict_resolution', 'divergence']),
    threshold: Duration.optional(),
    source: RegionName.optional(),
    target: RegionName.optional(),
  }),
});
export type SloConfig = z.infer<typeof SloConfig>;

export const StorageConfig = z.strictObject({
  path: z.string().min(1).default('./data/regionwatch.db'),
  retention: Duration.default(35 * 86_400_000),
});

export const ServerConfig = z.strictObject({
  auth: z.strictObject({ token_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/) }).optional(),
});

/** Sections shared by a deployment config and a demo scenario. */
export const SharedSections = {
  collectors: CollectorsConfig.prefault({}),
  domains: z.array(DomainConfig).default([]),
  slos: z.array(SloConfig).default([]),
  storage: StorageConfig.prefault({}),
  prometheus: z.strictObject({ url: HttpUrl }).optional(),
  server: ServerConfig.prefault({}),
};

export const Config = z
  .strictObject({
    regions: z.array(RegionConfig).min(1, { error: 'needs at least one region' }),
    gtm: GtmConfig.optional(),
    ...SharedSections,
  })
  .superRefine((config, ctx) => {
    const names = config.regions.map((region) => region.name);
    checkUnique(names, ctx, (index) => ['regions', index, 'name']);
    checkKnownRegions(config, names, ctx);
  });
export type Config = z.infer<typeof Config>;

type Ctx = z.core.$RefinementCtx;

/** Reports every repeated value of `values` at the path of its second occurrence. */
export function checkUnique(values: string[], ctx: Ctx, pathOf: (index: number) => (string | number)[]): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: pathOf(index), message: `duplicate name "${value}"` });
    seen.add(value);
  });
}

/** Domains and SLOs may only name regions the config declares. */
export function checkKnownRegions(
  config: { domains: DomainConfig[]; slos: SloConfig[] },
  regionNames: string[],
  ctx: Ctx,
): void {
  const known = new Set(regionNames);
  const unknown = (name: string) => `unknown region "${name}" (known: ${regionNames.join(', ')})`;
  config.domains.forEach((domain, index) => {
    if (!known.has(domain.home)) ctx.addIssue({ code: 'custom', path: ['domains', index, 'home'], message: unknown(domain.home) });
  });
  config.slos.forEach((slo, index) => {
    for (const side of ['source', 'target'] as const) {
      const region = slo.sli[side];
      if (region !== undefined && !known.has(region)) {
        ctx.addIssue({ code: 'custom', path: ['slos', index, 'sli', side], message: unknown(region) });
      }
    }
    if (slo.sli.threshold === undefined && slo.sli.kind !== 'availability' && slo.sli.kind !== 'divergence') {
      ctx.addIssue({ code: 'custom', path: ['slos', index, 'sli', 'threshold'], message: `required for kind ${slo.sli.kind}` });
    }
  });
  checkUnique(config.slos.map((slo) => slo.name), ctx, (index) => ['slos', index, 'name']);
}
