import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
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
    ...result.error.issues.map((issue) => ({ path: issue.path as (string | number)[], message: describeIssue(issue) })),
    ...(crossChecks && typeof raw === 'object' ? crossChecks(raw) : []),
  ];
  const seen = new Set<string>();
  const problems = issues.flatMap((issue) => {
    const key = `${formatPath(issue.path)}\0${issue.message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const node = doc.getIn(issue.path, true);
    const line = isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
    return [{ path: formatPath(issue.path), message: issue.message, line }];
  });
  throw new ConfigError(file, problems);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  return issue.message;
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
