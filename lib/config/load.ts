import { readFileSync } from 'node:fs';
import { type Document, LineCounter, isMap, isNode, isScalar, parseDocument } from 'yaml';
import { toJSONSchema, type z } from 'zod';
import { Config, configCrossChecks } from './schema';
import { Scenario, scenarioCrossChecks } from './scenario';

/** One problem in a config file, located by its YAML path (`regions[2].store`). */
export interface ConfigProblem {
  path: string;
  message: string;
  line?: number;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function formatProblem(problem: ConfigProblem): string {
  const where = problem.line === undefined ? '' : ` (line ${problem.line})`;
  return `${problem.path || '(top level)'}: ${problem.message}${where}`;
}

/** `['regions', 2, 'store']` → `regions[2].store` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}

type Kind = 'config' | 'scenario';

/** A scenario lists regions by name; a config describes each region as an object. */
export function detectKind(raw: unknown): Kind {
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const regions = (raw as Record<string, unknown>).regions;
    if (Array.isArray(regions) && typeof regions[0] === 'string') return 'scenario';
    if (['replication', 'faults', 'workload', 'clock_offset', 'seed'].some((key) => key in raw)) return 'scenario';
  }
  return 'config';
}

/** Parses YAML text and validates it; every problem names its path and line. */
export function parseYaml<S extends z.ZodType>(text: string, schema: S, file = '<input>'): z.infer<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((error) => ({ path: '', message: `YAML: ${error.message.split('\n')[0]}`, line: lineCounter.linePos(error.pos[0]).line })),
    );
  }
  let raw: object;
  try {
    // Aliases are resolved here: an unknown anchor, or an alias bomb past the library's limit, is refused.
    raw = (doc.toJS({ maxAliasCount: 100 }) as object | null) ?? {};
  } catch (error) {
    throw new ConfigError(file, [{ path: '', message: `YAML: ${(error as Error).message.split('\n')[0]}` }]);
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  // Zod skips cross-field checks once a field fails; run them on the raw input so every problem shows at once.
  const crossChecks = schema === (Scenario as z.ZodType) ? scenarioCrossChecks : schema === (Config as z.ZodType) ? configCrossChecks : null;
  const issues = [
    // An unknown key is a problem of its own, at the key itself, with the nearest known key suggested.
    ...result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: [...(issue.path as (string | number)[]), key], message: unknownKey(key, schema) }))
        : [{ path: issue.path as (string | number)[], message: issue.message }],
    ),
    ...(crossChecks && typeof raw === 'object' ? crossChecks(raw) : []),
  ];
  const seen = new Set<string>();
  const problems = issues.flatMap((issue) => {
    const key = `${formatPath(issue.path)}\0${issue.message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const at = startOf(doc, issue.path);
    return [{ path: formatPath(issue.path), message: issue.message, line: at === undefined ? undefined : lineCounter.linePos(at).line }];
  });
  throw new ConfigError(file, problems);
}

/**
 * Where the text of `path` starts: a mapping's key itself (not its value, which may begin on
 * the next line), a list item, or else the nearest enclosing node that exists.
 */
function startOf(doc: Document, path: (string | number)[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const parent = depth === 0 ? null : doc.getIn(path.slice(0, depth - 1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(path[depth - 1]));
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
      continue;
    }
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}

const knownKeys = new Map<z.ZodType, string[]>();

/** `unknown key "helth"; did you mean "health"?` when a key of the schema is a typo away. */
function unknownKey(key: string, schema: z.ZodType): string {
  if (!knownKeys.has(schema)) knownKeys.set(schema, [...propertyNames(toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }))]);
  const candidates = knownKeys.get(schema)!.map((known) => ({ known, distance: editDistance(key.toLowerCase(), known.toLowerCase()) }));
  const nearest = candidates.sort((a, b) => a.distance - b.distance)[0];
  const close = nearest && nearest.distance <= Math.max(1, Math.floor(key.length / 3));
  return `unknown key "${key}"${close ? `; did you mean "${nearest.known}"?` : ''}`;
}

function propertyNames(node: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((child) => propertyNames(child, names));
  else if (node && typeof node === 'object') {
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    if (properties) Object.keys(properties).forEach((name) => names.add(name));
    Object.values(node).forEach((child) => propertyNames(child, names));
  }
  return names;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

export function loadConfigFile(file: string): Config {
  return parseYaml(readText(file), Config, file);
}

export function loadScenarioFile(file: string): Scenario {
  return parseYaml(readText(file), Scenario, file);
}

/** Validates a file as whichever of config or scenario it is. */
export function checkFile(file: string): { kind: 'scenario' } | { kind: 'config'; config: Config } {
  const text = readText(file);
  const kind = detectKind(safeToJS(text));
  if (kind === 'scenario') {
    parseYaml(text, Scenario, file);
    return { kind };
  }
  return { kind, config: parseYaml(text, Config, file) };
}

/** The document as plain data for a first look, or null when it does not resolve (parseYaml then says why). */
function safeToJS(text: string): unknown {
  try {
    return parseDocument(text).toJS({ maxAliasCount: 100 });
  } catch {
    return null;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [{ path: '', message: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }]);
  }
}
