#!/usr/bin/env node
// `npm test`: installs what the suites need, builds the dashboard if stale, runs every
// suite with node's test runner and ends with one line `N passed, N failed`.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureInstalled, ensureBuilt, ROOT } from './prepare.mjs';

ensureInstalled();
ensureBuilt();

const SKIP_DIRS = new Set(['node_modules', '.next', '.git', 'data', 'bench']);

/** Unit tests sit beside the code; integration and browser tests live in tests/. */
function findTests(dir, found = []) {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, found);
    else if (/\.test\.tsx?$/.test(name)) found.push(path);
  }
  return found;
}

const only = process.argv.slice(2);
const files = (only.length > 0 ? only.map((file) => join(ROOT, file)) : findTests(ROOT)).sort((a, b) => Number(a.includes('/tests/')) - Number(b.includes('/tests/')) || a.localeCompare(b));
console.log(`running ${files.length} test files:\n${files.map((file) => `  ${relative(ROOT, file)}`).join('\n')}`);

process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import tsx`.trim();
let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 1, timeout: 15 * 60_000 });
stream.on('test:pass', (event) => {
  if (event.details?.type !== 'suite') passed++;
});
stream.on('test:fail', (event) => {
  if (event.details?.type !== 'suite') failed++;
});
stream.compose(spec).pipe(process.stdout);
stream.on('end', () => {
  // Let the reporter flush before the summary line, which must come last.
  setImmediate(() => {
    console.log(`\n${passed} passed, ${failed} failed`);
    process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
  });
});
