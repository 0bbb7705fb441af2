import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** One import of a project module: where it is written and the project path it names. */
interface ImportEdge {
  file: string;
  line: number;
  specifier: string;
  /** Project-relative path without extension (`lib/store/history`), or null for packages and node: modules. */
  target: string | null;
}

/** `@/x` and relative specifiers as project paths; anything else is a package. */
function resolveSpecifier(file: string, specifier: string): string | null {
  if (specifier.startsWith('@/')) return posix.normalize(specifier.slice(2));
  if (specifier.startsWith('./') || specifier.startsWith('../')) return posix.normalize(posix.join(posix.dirname(file), specifier));
  return null;
}

/**
 * Every module a source file names: static imports and re-exports (type-only ones too, they
 * still couple the layers), side-effect imports, dynamic `import()` and `require()`.
 * The TypeScript scanner skips comments and strings, so a mention in a JSDoc is no import.
 */
function importsOf(file: string, text: string): ImportEdge[] {
  const lineOf = (position: number) => text.slice(0, position).split('\n').length;
  return ts.preProcessFile(text, true, true).importedFiles.map((imported) => ({
    file,
    line: lineOf(imported.pos),
    specifier: imported.fileName,
    target: resolveSpecifier(file, imported.fileName),
  }));
}

/** Production sources: tracked .ts/.tsx outside tests/ and bench/, tests beside the code excluded. */
function productionFiles(): string[] {
  const tracked = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.tsx'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  return tracked.filter((file) => !/^(tests|bench)\//.test(file) && !/\.test\.tsx?$/.test(file) && !file.endsWith('.d.ts'));
}

const edges = productionFiles().flatMap((file) => importsOf(file, readFileSync(join(ROOT, file), 'utf8')));

/** `collectors` matches collectors.ts, collectors/index.ts and everything under collectors/. */
const within = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);
const withinAny = (path: string, folders: string[]) => folders.some((folder) => within(path, folder));

interface LayerRule {
  name: string;
  /** The files the rule constrains. */
  applies: (file: string) => boolean;
  /** True when importing `target` from `file` breaks the rule. */
  forbids: (target: string, file: string) => boolean;
}

const RULES: LayerRule[] = [
  {
    name: 'lib/domain imports only lib/domain, lib/api and lib/config',
    applies: (file) => within(file, 'lib/domain'),
    forbids: (target) => !withinAny(target, ['lib/domain', 'lib/api', 'lib/config']),
  },
  {
    name: 'lib, app and components never import collectors or sim',
    applies: (file) => withinAny(file, ['lib', 'app', 'components']),
    forbids: (target) => withinAny(target, ['collectors', 'sim']),
  },
  {
    name: 'lib/store never imports collectors, lib/signals, lib/server or lib/metrics',
    applies: (file) => within(file, 'lib/store'),
    forbids: (target) => withinAny(target, ['collectors', 'lib/signals', 'lib/server', 'lib/metrics']),
  },
  {
    name: 'collectors never import lib/store',
    applies: (file) => within(file, 'collectors'),
    forbids: (target) => within(target, 'lib/store'),
  },
  {
    name: 'only bin/demo.ts (and sim itself) imports sim',
    applies: (file) => file !== 'bin/demo.ts' && !within(file, 'sim'),
    forbids: (target) => within(target, 'sim'),
  },
  {
    name: 'lib/signals never imports collectors, lib/server or lib/metrics',
    applies: (file) => within(file, 'lib/signals'),
    forbids: (target) => withinAny(target, ['collectors', 'lib/server', 'lib/metrics']),
  },
];

function violationsOf(rule: LayerRule, among: ImportEdge[]): string[] {
  return among
    .filter((edge) => edge.target !== null && rule.applies(edge.file) && rule.forbids(edge.target, edge.file))
    .map((edge) => `${edge.file}:${edge.line}: imports '${edge.specifier}' (${edge.target}), but ${rule.name}`);
}

test('the import scanner sees every kind of import, resolves relative paths and ignores comments and strings', () => {
  const text = [
    "// import { gone } from '@/sim/commented';",
    "/** See import('@/collectors/doc') */",
    "import type { Config } from '@/lib/config/schema';",
    'import {',
    '  pairKey,',
    "} from '../domain/region';",
    "export { lagStatus } from './lag-status';",
    'const note = "import x from \'@/sim/string\'";',
    "const later = await import('@/sim/random');",
  ].join('\n');
  assert.deepEqual(
    importsOf('lib/signals/lag.ts', text).map((edge) => [edge.line, edge.specifier, edge.target]),
    [
      [3, '@/lib/config/schema', 'lib/config/schema'],
      [6, '../domain/region', 'lib/domain/region'],
      [7, './lag-status', 'lib/signals/lag-status'],
      [9, '@/sim/random', 'sim/random'],
    ],
  );
  assert.equal(resolveSpecifier('app/api/health/route.ts', '../../../collectors'), 'collectors');
  assert.equal(resolveSpecifier('lib/server/lag.ts', 'zod'), null);
  assert.equal(resolveSpecifier('lib/server/lag.ts', 'node:fs'), null);
});

test('the rules catch a violation written either way, and name its file and line', () => {
  const planted = [...importsOf('lib/store/history.ts', "import x from '../../collectors/heartbeat';"), ...importsOf('lib/domain/lag.ts', "\nimport { y } from '@/lib/store/db';")];
  assert.deepEqual(
    RULES.flatMap((rule) => violationsOf(rule, planted)),
    [
      "lib/domain/lag.ts:2: imports '@/lib/store/db' (lib/store/db), but lib/domain imports only lib/domain, lib/api and lib/config",
      "lib/store/history.ts:1: imports '../../collectors/heartbeat' (collectors/heartbeat), but lib, app and components never import collectors or sim",
      "lib/store/history.ts:1: imports '../../collectors/heartbeat' (collectors/heartbeat), but lib/store never imports collectors, lib/signals, lib/server or lib/metrics",
    ],
  );
});

test('the scan covers the production tree (a vacuous pass would prove nothing)', () => {
  const files = new Set(edges.map((edge) => edge.file));
  for (const layer of ['lib/domain/', 'lib/store/', 'lib/signals/', 'lib/server/', 'collectors/', 'app/', 'components/', 'bin/', 'sim/']) {
    assert.ok(
      [...files].some((file) => file.startsWith(layer)),
      `no imports found under ${layer}`,
    );
  }
  assert.ok(!files.has('collectors/divergence.test.ts') && ![...files].some((file) => file.startsWith('tests/')), 'tests are not production code');
  const has = (file: string, target: string) => edges.some((edge) => edge.file === file && edge.target === target);
  assert.ok(has('collectors/index.ts', 'lib/signals/divergence'), 'collectors/index.ts → lib/signals/divergence');
  assert.ok(has('collectors/adapters/sqlite.ts', 'collectors/merkle/client'), 'relative import resolved');
});

for (const rule of RULES) {
  test(`layer rule: ${rule.name}`, () => {
    const violations = violationsOf(rule, edges);
    assert.deepEqual(violations, [], `\n${violations.join('\n')}`);
  });
}
