import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { BasicUsers, ClientAuthType, type Config } from '@/lib/config/schema';
import { Authenticator } from '@/lib/security/auth';

/**
 * The Prometheus exporter-toolkit web config, so operators reuse the file their exporters
 * read. Go-only TLS tuning (cipher suites, curves) is accepted and reported as not applied.
 */
const TlsVersion = z.enum(['TLS10', 'TLS11', 'TLS12', 'TLS13']);
export const WebConfigFile = z.strictObject({
  tls_server_config: z
    .looseObject({
      cert_file: z.string().min(1),
      key_file: z.string().min(1),
      client_auth_type: ClientAuthType.default('NoClientCert'),
      client_ca_file: z.string().min(1).optional(),
      min_version: TlsVersion.default('TLS12'),
      max_version: TlsVersion.optional(),
    })
    .optional(),
  http_server_config: z
    .strictObject({
      http2: z.boolean().optional(),
      headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, { error: 'not a header name' }), z.string()).optional(),
    })
    .optional(),
  basic_auth_users: BasicUsers.optional(),
});

const NODE_TLS_VERSION = { TLS10: 'TLSv1', TLS11: 'TLSv1.1', TLS12: 'TLSv1.2', TLS13: 'TLSv1.3' } as const;
/** Settings of the toolkit's TLS block that only Go's TLS stack takes. */
const NOT_APPLIED = ['cipher_suites', 'curve_preferences', 'prefer_server_cipher_suites', 'client_allowed_sans'];

export interface TlsSettings {
  key: Buffer;
  cert: Buffer;
  ca?: Buffer;
  clientAuthType: z.infer<typeof ClientAuthType>;
  minVersion: (typeof NODE_TLS_VERSION)[keyof typeof NODE_TLS_VERSION];
  maxVersion?: (typeof NODE_TLS_VERSION)[keyof typeof NODE_TLS_VERSION];
}

/** How the HTTP server authenticates, encrypts and decorates what it serves. */
export interface WebSettings {
  /** The dashboard and API (null: open). */
  dashboard: Authenticator | null;
  /** `/metrics` (null: open). */
  metrics: Authenticator | null;
  tls: TlsSettings | null;
  /** Extra response headers from the web config file. */
  headers: Record<string, string>;
  rateLimit: number;
  maxAuthFailures: number;
  warnings: string[];
}

/** Reads secrets from the environment and certificates from disk; every error names its field and none holds a secret. */
export function webSettings(config: Config, env: NodeJS.ProcessEnv = process.env): WebSettings {
  const { server } = config;
  const warnings: string[] = [];
  const file = server.web_config_file ? readWebConfig(server.web_config_file, warnings) : null;
  if (file?.basic_auth_users && server.auth?.basic_users) throw new Error('server.web_config_file: basic_auth_users and server.auth.basic_users both set; keep users in one place');
  const token = server.auth?.token_env ? secretFromEnv('server.auth.token_env', server.auth.token_env, env) : undefined;
  const basicUsers = server.auth?.basic_users ?? file?.basic_auth_users;
  const dashboard = token || basicUsers ? new Authenticator({ token, basicUsers }) : null;
  const metricsAuth = server.metrics_auth;
  const metrics = metricsAuth === 'open' ? null : metricsAuth === 'same' ? dashboard : new Authenticator({ token: secretFromEnv('server.metrics_auth.token_env', metricsAuth.token_env, env) });
  return {
    dashboard,
    metrics,
    tls: server.tls ? tlsSettings('server.tls', server.tls, process.cwd()) : file?.tls ? tlsSettings('server.web_config_file: tls_server_config', file.tls, file.dir) : null,
    headers: file?.headers ?? {},
    rateLimit: server.rate_limit,
    maxAuthFailures: server.max_auth_failures,
    warnings,
  };
}

function secretFromEnv(field: string, name: string, env: NodeJS.ProcessEnv): string {
  const value = env[name];
  if (!value) throw new Error(`${field}: environment variable ${name} is not set`);
  return value;
}

function readWebConfig(path: string, warnings: string[]) {
  const field = 'server.web_config_file';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${field}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new Error(`${field}: ${path} is not YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = WebConfigFile.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${field}: ${path}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  const tls = parsed.data.tls_server_config;
  for (const key of NOT_APPLIED) if (tls && key in tls) warnings.push(`${field}: tls_server_config.${key} is not applied (Go TLS only); Node's defaults are used`);
  if (parsed.data.http_server_config?.http2 !== undefined) warnings.push(`${field}: http_server_config.http2 is not applied; regionwatch serves HTTP/1.1`);
  return { dir: dirname(resolve(path)), tls, headers: parsed.data.http_server_config?.headers, basic_auth_users: parsed.data.basic_auth_users };
}

function tlsSettings(
  field: string,
  tls: {
    cert_file: string;
    key_file: string;
    client_ca_file?: string;
    client_auth_type: TlsSettings['clientAuthType'];
    min_version: keyof typeof NODE_TLS_VERSION;
    max_version?: keyof typeof NODE_TLS_VERSION;
  },
  base: string,
): TlsSettings {
  const read = (key: string, path: string) => {
    try {
      return readFileSync(resolve(base, path));
    } catch (error) {
      throw new Error(`${field}.${key}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  };
  if (/Verify/.test(tls.client_auth_type) && !tls.client_ca_file) throw new Error(`${field}.client_ca_file: required when client_auth_type is ${tls.client_auth_type}`);
  return {
    cert: read('cert_file', tls.cert_file),
    key: read('key_file', tls.key_file),
    ca: tls.client_ca_file ? read('client_ca_file', tls.client_ca_file) : undefined,
    clientAuthType: tls.client_auth_type,
    minVersion: NODE_TLS_VERSION[tls.min_version],
    maxVersion: tls.max_version ? NODE_TLS_VERSION[tls.max_version] : undefined,
  };
}
