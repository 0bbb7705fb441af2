import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// `npm run lint` is part of `npm test`, so CI fails on a lint or formatting problem like on any test.
test('npm run lint passes: Biome finds no lint errors and no unformatted file', () => {
  const result = spawnSync('npm', ['run', '--silent', 'lint'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`.slice(-6000));
});
