import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { PrometheusConfig } from '@/lib/config/schema';
import type { Point } from '@/lib/series/lttb';

/**
 * A PromQL backend that could not answer: `unavailable` (down, refusing, or slower than the
 * timeout; the API answers 503) or `bad_gateway` (it answered with an error or something that
 * is not the PromQL HTTP API; 502). The message names the backend without credentials.
 */
export class PromBackendError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'bad_gateway',
    message: string,
  ) {
    super(message);
    this.name = 'PromBackendError';
  }

  get status(): 502 | 503 {
    return this.kind === 'unavailable' ? 503 : 502;
  }
}

/**
 * Whether `error` is a PromBackendError. The client runs in the CLI's module graph and the
 * route handlers in Next's bundle, each with its own copy of the class, so `instanceof`
 * cannot tell; the name and kind can.
 */
export function isPromBackendError(error: unknown): error is PromBackendError {
  return error instanceof Error && error.name === 'PromBackendError' && ['unavailable', 'bad_gateway'].includes((error as PromBackendError).kind);
}

const SampleValue = z.tuple([z.number(), z.string()]);
const Labels = z.record(z.string(), z.string());

const VectorData = z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: Labels, value: SampleValue })) });
const ScalarData = z.object({ resultType: z.literal('scalar'), result: SampleValue });
const MatrixData = z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric: Labels, values: z.array(SampleValue) })) });

const Failure = z.object({ status: z.literal('error'), errorType: z.string().optional(), error: z.string().optional() });
const success = <D extends z.ZodType>(data: D) => z.object({ status: z.literal('success'), data });

/** One labelled series as `query_range` returns it, its values as [epoch ms, value] points. */
export interface RangeSeries {
  labels: Record<string, string>;
  points: Point[];
}

/** One labelled value as an instant `query` returns it. */
export interface InstantSample {
  labels: Record<string, string>;
  at: number;
  value: number;
}

/** The backend's address as logs and errors may show it: no userinfo, no query string. */
export function describeBackend(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '(invalid prometheus.url)';
  }
}

/**
 * The PromQL HTTP API client the history panels read through: `query` and `query_range`, a
 * bearer token read from `bearer_token_file` on every call, extra headers, a timeout on every
 * call, and every response validated before a number leaves it.
 */
export class PromClient {
  readonly backend: string;
  /** The URL without userinfo; credentials given in it are sent as basic auth instead. */
  private readonly base: string;
  private readonly basicAuth: string | null;

  constructor(private readonly config: PrometheusConfig) {
    this.backend = describeBackend(config.url);
    const url = new URL(config.url);
    this.basicAuth = url.username || url.password ? Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64') : null;
    url.username = '';
    url.password = '';
    this.base = url.toString().replace(/\/+$/, '');
  }

  /** An instant vector at `at` (epoch ms); a scalar comes back as one sample without labels. */
  async query(expr: string, at: number): Promise<InstantSample[]> {
    const data = await this.call('query', { query: expr, time: seconds(at) }, z.discriminatedUnion('resultType', [VectorData, ScalarData]));
    if (data.resultType === 'scalar') return finite([{ labels: {}, at: data.result[0] * 1000, value: Number(data.result[1]) }]);
    return finite(data.result.map((sample) => ({ labels: sample.metric, at: sample.value[0] * 1000, value: Number(sample.value[1]) })));
  }

  /** Every series of `expr` over [from, to] (epoch ms) at `stepMs`. */
  async queryRange(expr: string, from: number, to: number, stepMs: number): Promise<RangeSeries[]> {
    const data = await this.call('query_range', { query: expr, start: seconds(from), end: seconds(to), step: seconds(stepMs) }, MatrixData);
    return data.result.map((series) => ({
      labels: series.metric,
      points: series.values.flatMap(([at, value]): Point[] => {
        const number = Number(value);
        return Number.isFinite(number) ? [[at * 1000, number]] : [];
      }),
    }));
  }

  private async call<D extends z.ZodType>(endpoint: string, params: Record<string, string>, data: D): Promise<z.infer<D>> {
    const url = `${this.base}/api/v1/${endpoint}`;
    const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', ...this.config.headers };
    if (this.basicAuth) headers.Authorization = `Basic ${this.basicAuth}`;
    if (this.config.bearer_token_file) headers.Authorization = `Bearer ${await this.token(this.config.bearer_token_file)}`;
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(params), signal: AbortSignal.timeout(this.config.timeout) });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${this.config.timeout} ms` : unreachable(error);
      throw new PromBackendError('unavailable', `Prometheus at ${this.backend}: ${reason}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new PromBackendError(response.status >= 500 ? 'unavailable' : 'bad_gateway', `Prometheus at ${this.backend}: HTTP ${response.status}, not a PromQL API response`);
    }
    const failed = Failure.safeParse(body);
    if (failed.success) {
      const kind = response.status === 503 || failed.data.errorType === 'timeout' || failed.data.errorType === 'unavailable' ? 'unavailable' : 'bad_gateway';
      throw new PromBackendError(kind, `Prometheus at ${this.backend}: ${failed.data.errorType ?? 'error'}: ${failed.data.error ?? `HTTP ${response.status}`}`);
    }
    const parsed = success(data).safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PromBackendError('bad_gateway', `Prometheus at ${this.backend}: unexpected ${endpoint} response (${issue.path.join('.') || 'body'}: ${issue.message})`);
    }
    return (parsed.data as { data: z.infer<D> }).data;
  }

  private async token(file: string): Promise<string> {
    try {
      return (await readFile(file, 'utf8')).trim();
    } catch (error) {
      throw new PromBackendError('unavailable', `prometheus.bearer_token_file: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
}

/** `query_range`'s step for `points` points over [from, to]: whole seconds, at least one. */
export function stepFor(from: number, to: number, points: number): number {
  return Math.max(1000, Math.ceil((to - from) / Math.max(1, points - 1) / 1000) * 1000);
}

/** A PromQL string literal for a label value. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function finite(samples: InstantSample[]): InstantSample[] {
  return samples.filter((sample) => Number.isFinite(sample.value));
}

function unreachable(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ? `unreachable (${cause.code})` : 'unreachable';
}
