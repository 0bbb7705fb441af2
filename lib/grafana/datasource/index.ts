import { errorResponse } from '@/lib/server/http';
import type { Runtime } from '@/lib/server/runtime';
import { listMetrics, METRIC_NAMES, metricPayloadOptions } from './catalog';
import { tagKeys, tagValues, variableValues } from './variables';
import { GrafanaRequestError } from './errors';
import { runQuery } from './query';

/**
 * The simPod JSON data source API under `/api/grafana` (docs/api.md, "Grafana JSON data
 * source"). Every answer is read from the signals' snapshots and the stores through the
 * same lib/server functions the REST API uses, so Grafana and the dashboard show one number.
 */

/** Bodies larger than this get 413; Grafana's largest (a dashboard's `/query`) are a few KiB. */
export const MAX_GRAFANA_BODY_BYTES = 1024 * 1024;

type Endpoint = (runtime: Runtime, body: unknown) => unknown;

/** `POST /api/grafana/{path}` handlers, by path. */
const GRAFANA_ENDPOINTS: Record<string, Endpoint> = {
  metrics: (_runtime, body) => listMetrics(body),
  'metric-payload-options': metricPayloadOptions,
  query: (runtime, body) => runQuery(runtime, body),
  variable: variableValues,
  'tag-keys': () => tagKeys(),
  'tag-values': tagValues,
};

/** The handler of `POST /api/grafana/{path}`, if there is one. */
export function grafanaEndpoint(path: string): Endpoint | undefined {
  return Object.hasOwn(GRAFANA_ENDPOINTS, path) ? GRAFANA_ENDPOINTS[path] : undefined;
}

/** `GET /api/grafana`: the data source's "Save & test". */
export function grafanaHealth(runtime: Runtime): { status: 'ok'; service: 'regionwatch'; regions: string[]; metrics: string[] } {
  return { status: 'ok', service: 'regionwatch', regions: runtime.config.regions.map((region) => region.name), metrics: [...METRIC_NAMES] };
}

/** A body's JSON; an empty body is `{}` (Grafana sends none to `/tag-keys`). */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new GrafanaRequestError(400, 'bad_request', `(body): not valid JSON: ${(error as Error).message}`);
  }
}

/** Runs one endpoint: its answer as JSON, or the error of a client mistake (anything else is left to `handle`). */
export async function grafanaAnswer(work: () => unknown): Promise<Response> {
  try {
    return Response.json(await work());
  } catch (error) {
    if (error instanceof GrafanaRequestError) return errorResponse(error.status, error.code, error.message, error.details);
    throw error;
  }
}

const ENDPOINT_LIST = ['GET /', ...Object.keys(GRAFANA_ENDPOINTS).map((path) => `POST /${path}`)].join(', ');

/** The answer for a path no endpoint serves with `method`: 405 where the other method would, else 404. */
export function noGrafanaEndpoint(method: 'GET' | 'POST', path: string): Response {
  const servedBy = path === '' ? 'GET' : grafanaEndpoint(path) ? 'POST' : null;
  if (servedBy && servedBy !== method) {
    const response = errorResponse(405, 'method_not_allowed', `${method} /api/grafana/${path}: use ${servedBy}`);
    response.headers.set('allow', servedBy);
    return response;
  }
  return errorResponse(404, 'not_found', `no Grafana data source endpoint "/${path.slice(0, 100)}" (${ENDPOINT_LIST})`);
}
