import { z } from 'zod';
import { DatasetName, RegionName, SloName } from '@/lib/domain/region';
import { Duration } from './duration';

/** Region names as the config spells them; the rule itself lives in lib/domain/region. */
export { RegionName };

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

const GtmResolver = z.string().regex(/^(https?:\/\/\S+|dns:\/\/[^/\s]+:\d+\/\S+)$/, { error: 'must be an http(s):// URL or dns://HOST:PORT/NAME' });

export const GtmConfig = z.strictObject({
  /** One resolver, or several (HTTP and DNS) that are all probed; `{geo}` is replaced by each geo. */
  resolve: z.union([GtmResolver, z.array(GtmResolver).min(1)]).transform((value) => (Array.isArray(value) ? value : [value])),
});

const Identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be a plain SQL identifier' });

export const DatasetConfig = z.strictObject({
  name: DatasetName,
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
      /** How each entity type's conflicts are resolved, in words, for the conflict pages. */
      policies: z.record(z.string().min(1), z.string().min(1)).default({}),
    })
    .prefault({}),
  divergence: z
    .strictObject({
      interval: Duration.default(300_000),
      datasets: z.array(DatasetConfig).default([]),
      fanout: z.number().int().min(2).max(1024).default(16),
      leaf_size: z.number().int().min(1).default(64),
      /** Longest wait for in-flight writes to land before candidates are left unsettled. */
      settle_timeout: Duration.default(30_000),
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
  /** Entity types that belong to the domain (default: the one named like the domain). */
  entity_types: z.array(z.string().min(1)).optional(),
});
export type DomainConfig = z.infer<typeof DomainConfig>;

export const SloConfig = z.strictObject({
  name: SloName,
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
  /**
   * A PostgreSQL database shared by every collector and dashboard: the record of conflicts,
   * failovers, incidents and cursors. `path` stays this process's working copy and outbox.
   */
  url: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, { error: 'must be a postgres:// URL (the shared event store is PostgreSQL)' })
    .optional(),
  /** How long a collector's claim on a region's cursor lasts without renewal; another collector may take over after it. */
  lease: Duration.refine((ms) => ms >= 3000, { error: 'must be at least 3s (the claim is renewed every second)' }).default(15_000),
});

const EnvName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { error: 'must be an environment variable name (A-Z, 0-9, _)' });

/** A bcrypt hash as `htpasswd -nbBC 10 USER PASS` or `bcrypt.hash` writes it ($2a$, $2b$ or $2y$). */
export const BcryptHash = z.string().regex(/^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/, { error: 'must be a bcrypt hash ($2b$10$…), never the password itself' });

export const BasicUsers = z.record(z.string().regex(/^[^:\s]{1,64}$/, { error: 'a user name has no colon or space, at most 64 characters' }), BcryptHash);

export const AuthConfig = z
  .strictObject({
    /** Bearer token, read from this environment variable at start. */
    token_env: EnvName.optional(),
    /** User name → bcrypt hash: HTTP basic auth (browsers ask once; Grafana's data source sends it). */
    basic_users: BasicUsers.optional(),
  })
  .refine((auth) => auth.token_env !== undefined || auth.basic_users !== undefined, { error: 'needs token_env, basic_users or both' });

/** The exporter-toolkit names for client certificates, as Prometheus exporters take them. */
export const ClientAuthType = z.enum(['NoClientCert', 'RequestClientCert', 'RequireAnyClientCert', 'VerifyClientCertIfGiven', 'RequireAndVerifyClientCert']);

export const TlsConfig = z
  .strictObject({
    cert_file: z.string().min(1),
    key_file: z.string().min(1),
    /** CA bundle that signs accepted client certificates. */
    client_ca_file: z.string().min(1).optional(),
    client_auth_type: ClientAuthType.default('NoClientCert'),
    min_version: z.enum(['TLS12', 'TLS13']).default('TLS12'),
  })
  .refine((tls) => !/Verify/.test(tls.client_auth_type) || tls.client_ca_file !== undefined, {
    error: 'client_ca_file: required when client_auth_type verifies client certificates',
    path: ['client_ca_file'],
  });

export const ServerConfig = z
  .strictObject({
    auth: AuthConfig.optional(),
    /** `/metrics`: `open` (the Prometheus convention), `same` as the dashboard, or its own bearer token. */
    metrics_auth: z.union([z.enum(['open', 'same']), z.strictObject({ token_env: EnvName })]).default('same'),
    /** Serve HTTPS with this certificate. */
    tls: TlsConfig.optional(),
    /** The Prometheus exporter-toolkit web config (tls_server_config, basic_auth_users, http_server_config.headers). */
    web_config_file: z.string().min(1).optional(),
    /** Requests per second one client may make to the API (ingest and queries), with bursts up to twice that. */
    rate_limit: z.number().positive().default(100),
    /** Failed authentications one client may make per minute before it is refused (429) until the minute ends. */
    max_auth_failures: z.number().int().min(1).default(10),
    /** Where operators reach this dashboard: the base of links in alerts and Grafana panels. */
    external_url: HttpUrl.transform((url) => url.replace(/\/+$/, '')).optional(),
  })
  .refine((server) => !(server.web_config_file && server.tls), { error: 'set tls or web_config_file, not both', path: ['web_config_file'] });

/**
 * A map of strings whose keys must pass `problem` (the message for a bad key, or null). Each bad
 * key is reported at its own path with what is wrong, which zod's key schemas do not say.
 */
function stringMap(problem: (key: string) => string | null) {
  return z.record(z.string(), z.string()).superRefine((map, ctx) => {
    for (const key of Object.keys(map)) {
      const message = problem(key);
      if (message) ctx.addIssue({ code: 'custom', path: [key], message });
    }
  });
}

/** HTTP header names (RFC 9110 tokens), e.g. `X-Scope-OrgID` for a Mimir tenant. */
const Headers = stringMap((name) => (/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name) ? null : 'must be an HTTP header name'));

/** A PromQL HTTP API (Prometheus, Thanos, Mimir, VictoriaMetrics) history is read from. */
export const PrometheusConfig = z.strictObject({
  url: HttpUrl.transform((url) => url.replace(/\/+$/, '')),
  /** A file holding a bearer token, re-read on every call so a rotated token is picked up. */
  bearer_token_file: z.string().min(1).optional(),
  /** Extra headers on every call (a tenant ID, for instance). */
  headers: Headers.default({}),
  /** Longest wait for one query; a slower backend is a panel error, never a hung page. */
  timeout: Duration.default(10_000),
});
export type PrometheusConfig = z.infer<typeof PrometheusConfig>;

/** Prometheus label names, as the exposition format allows them (`__` is reserved). */
const Labels = stringMap((name) => (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) ? 'must be a Prometheus label name' : name.startsWith('__') ? 'names starting with __ are reserved' : null));

export const AlertsConfig = z.strictObject({
  /** Extra labels on every generated alert (routing keys such as team or service). */
  labels: Labels.default({}),
});

/** Runbook text shown with each kind of incident (defaults are built in). */
export const RunbooksConfig = z.strictObject({
  isolation: z.string().min(1).optional(),
  backlog: z.string().min(1).optional(),
  split_brain: z.string().min(1).optional(),
  stale_reads: z.string().min(1).optional(),
});

/** Sections shared by a deployment config and a demo scenario. */
export const SharedSections = {
  runbooks: RunbooksConfig.prefault({}),
  collectors: CollectorsConfig.prefault({}),
  domains: z.array(DomainConfig).default([]),
  slos: z.array(SloConfig).default([]),
  storage: StorageConfig.prefault({}),
  prometheus: PrometheusConfig.optional(),
  server: ServerConfig.prefault({}),
  alerts: AlertsConfig.prefault({}),
};

export const Config = z
  .strictObject({
    regions: z.array(RegionConfig).min(1, { error: 'needs at least one region' }),
    gtm: GtmConfig.optional(),
    ...SharedSections,
  })
  .superRefine((config, ctx) => reportAll(configCrossChecks(config), ctx));
export type Config = z.infer<typeof Config>;

/** A problem found by a check that spans several fields. */
export interface CrossIssue {
  path: (string | number)[];
  message: string;
}

export function reportAll(issues: CrossIssue[], ctx: z.core.$RefinementCtx): void {
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
}

/* The cross-field checks read raw input defensively, so they can also run when other
   fields failed to parse and every problem is reported in one pass. */
// biome-ignore lint/suspicious/noExplicitAny: raw parsed YAML, read field by field before the schema has validated it
type Loose = Record<string, any>;
const list = (value: unknown): Loose[] => (Array.isArray(value) ? value : []);

/** Every repeated value is reported at the path of its second occurrence. */
export function uniqueIssues(values: unknown[], pathOf: (index: number) => (string | number)[]): CrossIssue[] {
  const seen = new Set<unknown>();
  const issues: CrossIssue[] = [];
  values.forEach((value, index) => {
    if (typeof value === 'string' && seen.has(value)) issues.push({ path: pathOf(index), message: `duplicate name "${value}"` });
    seen.add(value);
  });
  return issues;
}

/** Domains and SLOs may only name declared regions; threshold SLIs need a threshold. */
export function knownRegionIssues(input: Loose, regionNames: string[]): CrossIssue[] {
  const known = new Set(regionNames);
  const issues: CrossIssue[] = [];
  const check = (name: unknown, path: (string | number)[]) => {
    if (typeof name === 'string' && !known.has(name)) issues.push({ path, message: `unknown region "${name}" (known: ${regionNames.join(', ')})` });
  };
  list(input.domains).forEach((domain, index) => check(domain?.home, ['domains', index, 'home']));
  list(input.slos).forEach((slo, index) => {
    check(slo?.sli?.source, ['slos', index, 'sli', 'source']);
    check(slo?.sli?.target, ['slos', index, 'sli', 'target']);
    const kind = slo?.sli?.kind;
    if (slo?.sli?.threshold === undefined && ['replication_lag', 'failover_time', 'conflict_resolution'].includes(kind)) {
      issues.push({ path: ['slos', index, 'sli', 'threshold'], message: `required for kind ${kind}` });
    }
  });
  issues.push(
    ...uniqueIssues(
      list(input.slos).map((slo) => slo?.name),
      (index) => ['slos', index, 'name'],
    ),
  );
  return issues;
}

export function configCrossChecks(input: Loose): CrossIssue[] {
  const names = list(input.regions).map((region) => region?.name);
  return [
    ...uniqueIssues(names, (index) => ['regions', index, 'name']),
    ...knownRegionIssues(
      input,
      names.filter((name): name is string => typeof name === 'string'),
    ),
  ];
}
