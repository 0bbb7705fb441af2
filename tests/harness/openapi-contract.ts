import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

/**
 * The Grafana JSON data source's OpenAPI contract (tests/fixtures), compiled with ajv: JSON
 * bodies sent and received are checked against the schema of their path, and the schemas
 * used are recorded so a test can show what was covered.
 */
export interface Contract {
  /** Asserts that `value` matches (or, with `valid` false, breaks) the path's request or 200-response schema; paths without one pass. */
  assertMatches(path: string, where: 'request' | 'response', value: unknown, valid?: boolean): void;
  /** `request /query`, `response /metrics`, …: every schema that validated something. */
  covered: Set<string>;
}

const FILE = new URL('../fixtures/grafana-json-datasource.openapi.yaml', import.meta.url);

export function grafanaContract(): Contract {
  const openapi = parse(readFileSync(FILE, 'utf8'));
  // One deviation, on purpose: the reference types each table row as a string or a number, yet a
  // row is a list of cells, as the same schema's example shows ([[1557385723416,"SE",123], …]).
  // Rows are validated as lists of cells; null is a missing value (a pending conflict's resolved_at).
  openapi.paths['/query'].post.responses['200'].content['application/json'].schema.items.anyOf[1].properties.rows.items = {
    type: 'array',
    items: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] },
  };
  // OpenAPI keywords such as `example` are not JSON Schema: strict mode off, formats checked by hand.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', { type: 'string', validate: (text: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(text) && !Number.isNaN(Date.parse(text)) });
  ajv.addSchema(openapi, 'openapi.json');

  const pointer = (path: string) => path.replaceAll('~', '~0').replaceAll('/', '~1');
  const schemaAt = (path: string, where: string): ValidateFunction | undefined => {
    const operation = openapi.paths[path]?.post ?? openapi.paths[path]?.get;
    const method = openapi.paths[path]?.post ? 'post' : 'get';
    const hasSchema = where === 'request' ? operation?.requestBody?.content?.['application/json']?.schema : operation?.responses?.['200']?.content?.['application/json']?.schema;
    if (!hasSchema) return undefined;
    const tail = where === 'request' ? 'requestBody/content/application~1json/schema' : 'responses/200/content/application~1json/schema';
    return ajv.getSchema(`openapi.json#/paths/${pointer(path)}/${method}/${tail}`);
  };

  const covered = new Set<string>();
  return {
    covered,
    assertMatches(path, where, value, valid = true) {
      const validate = schemaAt(path, where);
      if (!validate) return;
      covered.add(`${where} ${path}`);
      const ok = validate(value) as boolean;
      assert.equal(ok, valid, `${where} of ${path} ${valid ? 'breaks' : 'unexpectedly matches'} the OpenAPI schema: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value).slice(0, 600)}`);
    },
  };
}
