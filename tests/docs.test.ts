import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createMetrics } from '@/lib/metrics/registry';
import { Config } from '@/lib/config/schema';
import { Scenario } from '@/lib/config/scenario';
import { formatDuration } from '@/lib/config/duration';

// The reference docs in docs/ must name exactly what the code has: every exported metric,
// config key and API route gets a row, and no row names something that does not exist.

interface ExportedMetric {
  name: string;
  type: string;
  labels: string[];
}

/** Every metric one process serves on /metrics. The only place that knows how the registry is built. */
async function exportedMetrics(): Promise<ExportedMetric[]> {
  const { registry } = createMetrics([], () => null);
  return (await registry.getMetricsAsJSON()).map(({ name, type }) => ({
    name,
    type: String(type),
    // prom-client keeps a metric's label names on the instance, not in its JSON form.
    labels: [...((registry.getSingleMetric(name) as unknown as { labelNames?: string[] }).labelNames ?? [])],
  }));
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Row {
  name: string;
  cells: string[];
}
interface Table {
  heading: string;
  header: string[];
  rows: { cells: string[]; line: number }[];
}

const splitRow = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());

const parsed = new Map<string, Table[]>();

/** The markdown tables of a file, outside code fences, each under its nearest heading. */
function tables(file: string): Table[] {
  if (parsed.has(file)) return parsed.get(file)!;
  const found: Table[] = [];
  let heading = '';
  let fenced = false;
  let current: Table | null = null;
  read(file)
    .split('\n')
    .forEach((line, index) => {
      if (line.startsWith('```')) fenced = !fenced;
      if (fenced) return;
      if (/^#+ /.test(line)) heading = line.replace(/^#+ /, '').trim();
      if (!line.trim().startsWith('|')) return void (current = null);
      const cells = splitRow(line);
      if (!current) return void found.push((current = { heading, header: cells, rows: [] }));
      if (!cells.every((cell) => /^:?-+:?$/.test(cell))) current.rows.push({ cells, line: index + 1 });
    });
  parsed.set(file, found);
  return found;
}

/**
 * Rows of the tables whose first header is `first` (and, if given, under `heading`). Each row
 * must start with one backticked name; a name listed twice fails.
 */
function rows(file: string, first: string, heading?: string): Row[] {
  const selected = tables(file).filter((table) => table.header[0] === first && (heading === undefined || table.heading === heading));
  assert.ok(selected.length > 0, `${file}: no table headed "${first}"${heading ? ` under "${heading}"` : ''}`);
  const all = selected.flatMap((table) =>
    table.rows.map(({ cells, line }) => {
      const name = /^`([^`]+)`$/.exec(cells[0])?.[1];
      assert.ok(name, `${file}:${line}: a row's first cell must be one backticked name, got ${cells[0]}`);
      return { name, cells };
    }),
  );
  const names = all.map((row) => row.name);
  assert.deepEqual(
    names.filter((name, index) => names.indexOf(name) !== index),
    [],
    `${file}: rows listed twice`,
  );
  return all;
}

const cell = (file: string, first: string, column: string, row: Row) => {
  const index = tables(file)
    .find((table) => table.header[0] === first)!
    .header.indexOf(column);
  assert.ok(index > 0, `${file}: tables headed "${first}" need a "${column}" column`);
  return row.cells[index] ?? '';
};

/** Both directions at once, so one failure lists every missing and every stale row. */
function assertSameNames(file: string, what: string, actual: Iterable<string>, documented: Iterable<string>): void {
  const [have, doc] = [new Set(actual), new Set(documented)];
  const missing = [...have].filter((name) => !doc.has(name)).sort();
  const stale = [...doc].filter((name) => !have.has(name)).sort();
  assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, `${file}: ${what} without a row (missing) or rows naming nothing (stale)`);
}

test('docs/metrics.md has one row per exported metric, and every row is exported', async () => {
  const documented = rows('docs/metrics.md', 'metric').map((row) => row.name);
  assertSameNames(
    'docs/metrics.md',
    'metrics',
    (await exportedMetrics()).map((metric) => metric.name),
    documented,
  );
});

test("docs/metrics.md states each metric's type and labels as registered", async () => {
  const documented = new Map(rows('docs/metrics.md', 'metric').map((row) => [row.name, row]));
  for (const metric of await exportedMetrics()) {
    const row = documented.get(metric.name);
    if (!row) continue; // reported by the test above
    const type = cell('docs/metrics.md', 'metric', 'type', row).split(/\s/)[0];
    const labels = cell('docs/metrics.md', 'metric', 'labels', row)
      .replaceAll('`', '')
      .split(',')
      .map((label) => label.trim())
      .filter((label) => label && label !== '—');
    assert.deepEqual({ type, labels: labels.sort() }, { type: metric.type, labels: [...metric.labels].sort() }, `docs/metrics.md: ${metric.name}`);
  }
});

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  default?: unknown;
  const?: unknown;
};
interface Key {
  required: boolean;
  node: JsonSchema;
}
interface Keys {
  keys: Map<string, Key>;
  /** Discriminated unions: path → discriminator value → the fields only that variant has. */
  unions: Map<string, Map<string, string[]>>;
}

const isObject = (node: JsonSchema) => node.properties !== undefined;
const branchesOf = (node: JsonSchema) => (node.anyOf ?? node.oneOf)?.filter((branch) => branch.type !== 'null');
const below = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Leaf key paths: objects descend, lists of objects become `[]`, records and scalar lists are leaves. */
function walk(node: JsonSchema, path: string, required: boolean, out: Keys): void {
  assert.ok(!node.$ref && !node.allOf, `${path}: the key walk does not read $ref or allOf; extend it`);
  const branches = branchesOf(node);
  if (branches?.some(isObject)) {
    walkUnion(branches, path, out, node, required);
  } else if (isObject(node)) {
    for (const [key, child] of Object.entries(node.properties!)) walk(child, below(path, key), node.required?.includes(key) ?? false, out);
  } else if (node.type === 'array' && node.items && (isObject(node.items) || branchesOf(node.items)?.some(isObject))) {
    walk(node.items, `${path}[]`, false, out);
  } else {
    out.keys.set(path, { required, node });
  }
}

function walkUnion(branches: JsonSchema[], path: string, out: Keys, node?: JsonSchema, required = false): void {
  if (!branches.every(isObject)) {
    // A scalar or an object (`metrics_auth: same` or `metrics_auth: { token_env: … }`): a row for the key, and one per object field.
    assert.ok(node, `${path}: a union of objects and scalars inside a union; extend the key walk`);
    out.keys.set(path, { required, node });
    for (const branch of branches.filter(isObject)) for (const [key, child] of Object.entries(branch.properties!)) walk(child, below(path, key), false, out);
    return;
  }
  const keysOf = (branch: JsonSchema) => Object.keys(branch.properties!);
  const discriminator = keysOf(branches[0]).find((key) => branches.every((branch) => branch.properties![key]?.const !== undefined));
  assert.ok(discriminator, `${path}: a union without a discriminator; extend the key walk`);
  const common = keysOf(branches[0]).filter((key) => branches.every((branch) => key in branch.properties!));
  for (const key of common) {
    const required = branches.every((branch) => branch.required?.includes(key));
    walk(branches[0].properties![key], below(path, key), required, out);
  }
  out.unions.set(path, new Map(branches.map((branch) => [String(branch.properties![discriminator].const), keysOf(branch).filter((key) => !common.includes(key))])));
}

/** A schema's keys as a user writes them (input), with the defaults they get (output). */
function schemaKeys(schema: z.ZodType): Keys & { defaults: Map<string, JsonSchema> } {
  const input: Keys = { keys: new Map(), unions: new Map() };
  const output: Keys = { keys: new Map(), unions: new Map() };
  walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, '', true, input);
  walk(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema, '', true, output);
  return { ...input, defaults: new Map([...output.keys].map(([path, key]) => [path, key.node])) };
}

/** What the default column must say: the default in backticks, `required`, or `—`. */
function expectedDefault(key: Key, output: JsonSchema | undefined): string {
  if (output && 'default' in output) {
    const value = output.default;
    // A duration is a string in the file and milliseconds once parsed.
    if (typeof value === 'number' && key.node.type === 'string') return `\`${formatDuration(value)}\``;
    return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
  }
  return key.required ? 'required' : '—';
}

const CONFIG = schemaKeys(Config);
const SCENARIO = schemaKeys(Scenario);
const SCENARIO_ONLY = new Map([...SCENARIO.keys].filter(([path]) => !CONFIG.keys.has(path)));

for (const [what, heading, keys, defaults] of [
  ['config key', 'Deployment config', CONFIG.keys, CONFIG.defaults],
  ['scenario-only key', 'Demo scenario', SCENARIO_ONLY, SCENARIO.defaults],
] as const) {
  test(`docs/config.md has one row per ${what} (${heading}), and every row is a key`, () => {
    assertSameNames(
      'docs/config.md',
      `${what}s`,
      keys.keys(),
      rows('docs/config.md', 'key', heading).map((row) => row.name),
    );
  });

  test(`docs/config.md gives each ${what} its schema default, or marks it required`, () => {
    for (const row of rows('docs/config.md', 'key', heading)) {
      const key = keys.get(row.name);
      if (key) assert.equal(cell('docs/config.md', 'key', 'default', row), expectedDefault(key, defaults.get(row.name)), `docs/config.md: default of ${row.name}`);
    }
  });
}

test('docs/config.md lists every fault kind with exactly its fields', () => {
  assert.deepEqual([...CONFIG.unions.keys()], [], 'the config schema gained a union: give it a table in docs/config.md and here');
  assert.deepEqual([...SCENARIO.unions.keys()], ['faults[]'], 'the scenario schema gained a union: give it a table in docs/config.md and here');
  const kinds = SCENARIO.unions.get('faults[]')!;
  const documented = rows('docs/config.md', 'kind', 'Fault kinds');
  assertSameNames(
    'docs/config.md',
    'fault kinds',
    kinds.keys(),
    documented.map((row) => row.name),
  );
  for (const row of documented) {
    const fields = [...cell('docs/config.md', 'kind', 'fields', row).matchAll(/`([^`]+)`/g)].map((match) => match[1]);
    if (kinds.has(row.name)) assert.deepEqual(fields.sort(), [...kinds.get(row.name)!].sort(), `docs/config.md: fields of fault ${row.name}`);
  }
});

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** `GET` or `handler as GET` → the name the module exports. */
const exportedAs = (specifier: string) =>
  specifier
    .trim()
    .split(/\s+as\s+/)
    .at(-1) ?? '';

/** `METHOD /api/path` for every handler exported by app/api/**\/route.ts; `[param]` becomes `{param}`. */
function apiRoutes(dir = join(ROOT, 'app', 'api')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return apiRoutes(path);
    if (!/^route\.(ts|tsx|js|mjs)$/.test(entry.name)) return [];
    const url = `/${relative(join(ROOT, 'app'), dirname(path))}`
      .split('/')
      .filter((segment) => !/^\(.*\)$/.test(segment))
      .map((segment) => segment.replace(/^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$/, '{$1}'))
      .join('/');
    const source = readFileSync(path, 'utf8');
    const declared = [...source.matchAll(/export\s+(?:async\s+function|function|const|let|var)\s+([A-Z]+)\b/g)].map((match) => match[1]);
    const listed = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((match) => match[1].split(',').map(exportedAs));
    return [...new Set([...declared, ...listed])].filter((name) => METHODS.includes(name)).map((method) => `${method} ${url}`);
  });
}

test('docs/api.md has one row per API route and method, and every row is a route', () => {
  const documented = rows('docs/api.md', 'route').map((row) => row.name);
  for (const name of documented) assert.match(name, new RegExp(`^(${METHODS.join('|')}) /api(/\\S*)?$`), `docs/api.md: "${name}" is not METHOD /api/path`);
  assertSameNames('docs/api.md', 'routes', apiRoutes(), documented);
});

/** Text files of the repository: tracked, or new and not ignored. */
function repoFiles(pattern: RegExp): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return [...new Set(listed.split('\0'))].filter((file) => pattern.test(file) && existsSync(join(ROOT, file))).sort();
}

const TEXT_FILES = /\.(md|ts|tsx|mjs|cjs|js|ya?ml)$/;
const CODE_FILES = /\.(ts|tsx|mjs|cjs|js)$/;
// Built from character classes so this file does not match itself.
const CONTRACT_POINTERS = [/\.\.\/share[d]\b/, /\bSPE[C]\b/];
const URL_PATTERN = /https?:\/\/[^\s)`'"<>|\]]+/g;
/** Hosts that can only be examples or local services, never a published page. */
const EXAMPLE_HOST = /^(localhost|127(\.\d+){3}|0\.0\.0\.0|\[::1?\]|[^.]+|.+\.(internal|local|localhost|example|test|invalid)|(.+\.)?example\.(com|net|org))$/i;
const hostOf = (url: string) => url.replace(/^https?:\/\//, '').split(/[/:?#]/)[0];

test('the repository points to no document outside it: no internal contract, no outside copy of the docs', () => {
  const problems = repoFiles(TEXT_FILES).flatMap((file) =>
    read(file)
      .split('\n')
      .flatMap((line, index) => {
        const where = `${file}:${index + 1}`;
        const contract = CONTRACT_POINTERS.some((pattern) => pattern.test(line)) ? [`${where}: refers to the internal contract: ${line.trim().slice(0, 120)}`] : [];
        const urls = (line.match(URL_PATTERN) ?? []).filter((url) => !EXAMPLE_HOST.test(hostOf(url)));
        const outside = urls
          .filter((url) => file.startsWith('docs/') || ((file === 'README.md' || CODE_FILES.test(file)) && /regionwatch/i.test(url)))
          .map((url) => `${where}: links outside the repository: ${url}`);
        return [...contract, ...outside];
      }),
  );
  assert.deepEqual(problems, []);
});

test('relative links in README.md and docs/ lead to files that exist', () => {
  const broken = repoFiles(/^(README\.md|docs\/.+\.md)$/).flatMap((file) =>
    [...read(file).matchAll(/\]\(([^)\s]+)\)/g)]
      .map((match) => match[1].split('#')[0])
      .filter((target) => target && !/^[a-z]+:/i.test(target) && !existsSync(join(ROOT, dirname(file), target)))
      .map((target) => `${file}: ${target}`),
  );
  assert.deepEqual(broken, []);
});
