import type { z } from 'zod';
import { ApiError } from '@/lib/api/types';

/**
 * A failed API request, with a message an operator can act on
 * (`GET /api/lag/matrix: 503 collectors have not completed a cycle yet`).
 * `status` is absent when the request never got an HTTP response.
 */
export class ApiRequestError extends Error {
  readonly status: number | undefined;
  readonly code: string | undefined;

  constructor(message: string, options: { status?: number; code?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ApiRequestError';
    this.status = options.status;
    this.code = options.code;
  }
}

export interface FetchOptions {
  signal?: AbortSignal;
  /** Non-2xx statuses whose body still follows the schema (health answers 503 while starting). */
  acceptStatuses?: readonly number[];
}

/**
 * GETs `path` and parses the JSON body with `schema`. Every failure — no response, an
 * error status, a body that is not JSON or not the expected shape — becomes an
 * {@link ApiRequestError} whose message names the request and the cause.
 */
export async function fetchApi<T>(path: string, schema: z.ZodType<T>, options: FetchOptions = {}): Promise<T> {
  // The query string is left out of messages: it repeats what the panel already shows.
  const request = `GET ${path.split('?')[0]}`;
  let response: Response;
  try {
    response = await fetch(path, { signal: options.signal, headers: { accept: 'application/json' } });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiRequestError(`${request}: network error: ${messageOf(cause)}`, { cause });
  }

  const bodyText = await response.text();
  const body = parseJson(bodyText);
  const accepted = response.ok || (options.acceptStatuses ?? []).includes(response.status);
  if (!accepted) throw statusError(request, response, body);
  if (body === undefined) {
    throw new ApiRequestError(`${request}: response is not JSON (${preview(bodyText)})`, { status: response.status });
  }

  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  if (!response.ok) throw statusError(request, response, body);
  throw new ApiRequestError(`${request}: unexpected response shape: ${describeIssues(parsed.error)}`, {
    status: response.status,
  });
}

/**
 * Makes a react-query `queryFn` for one endpoint. `path` may be a function so that
 * time windows (`from`/`to`) are computed when the query runs, not when it was declared.
 */
export function createQueryFn<T>(path: string | (() => string), schema: z.ZodType<T>, options: Omit<FetchOptions, 'signal'> = {}) {
  return ({ signal }: { signal: AbortSignal }) => fetchApi(typeof path === 'string' ? path : path(), schema, { ...options, signal });
}

function statusError(request: string, response: Response, body: unknown): ApiRequestError {
  const apiError = ApiError.safeParse(body);
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (apiError.success) {
    const { code, message } = apiError.data.error;
    return new ApiRequestError(`${request}: ${response.status} ${message}`, { status: response.status, code });
  }
  return new ApiRequestError(`${request}: ${status}`, { status: response.status });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

function preview(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return 'empty body';
  return trimmed.length > 80 ? `${trimmed.slice(0, 80)}…` : trimmed;
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
