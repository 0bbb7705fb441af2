import type { z } from 'zod';

/**
 * A mistake in a Grafana request, answered as `{"error": {code, message, details}}` with
 * `status`. The message starts with the field at fault (`targets[0].payload.source: ...`).
 */
export class GrafanaRequestError extends Error {
  constructor(
    readonly status: 400 | 404 | 413,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** 400 for one field. */
export function badRequest(field: string, message: string): GrafanaRequestError {
  return new GrafanaRequestError(400, 'bad_request', `${field}: ${message}`, { field });
}

/** 404 for a name that is not configured (a region, dataset or SLO). */
export function unknownName(field: string, code: 'unknown_region' | 'unknown_dataset' | 'not_found', what: string, name: string, known: string[]): GrafanaRequestError {
  const listed = known.length > 0 ? known.join(', ') : 'none configured';
  return new GrafanaRequestError(404, code, `${field}: unknown ${what} "${name.slice(0, 100)}" (known: ${listed})`, { field });
}

/** `['targets', 0, 'payload']` → `targets[0].payload`, under `prefix` when given. */
export function fieldPath(path: readonly PropertyKey[], prefix = ''): string {
  const joined = path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), prefix);
  return joined || '(body)';
}

/** Validates `value` with `schema`; every failing field is listed, the first leads the message. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({ field: fieldPath(issue.path, prefix), message: issue.message }));
  const message = fields.map((field) => `${field.field}: ${field.message}`).join('; ');
  throw new GrafanaRequestError(400, 'bad_request', message, { fields });
}
