// Shared by `npm start` and `npm test`: install dependencies if missing, rebuild the
// dashboard when any of its sources is newer than the last build.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILD_SOURCES = ['app', 'components', 'lib', 'collectors', 'sim', 'public', 'next.config.ts', 'package.json', 'tsconfig.json'];

function sh(command) {
  console.log(`> ${command}`);
  execSync(command, { cwd: ROOT, stdio: 'inherit' });
}

export function ensureInstalled() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  if (!existsSync(marker) || statSync(join(ROOT, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs) {
    sh('npm ci --no-audit --no-fund');
  }
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

export function ensureBuilt() {
  const buildId = join(ROOT, '.next', 'BUILD_ID');
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...BUILD_SOURCES.map((source) => newestMtime(join(ROOT, source))));
  if (changedAt > builtAt) sh('npx next build');
}
