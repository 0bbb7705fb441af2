import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/**
 * Path of a required binary. Tests never skip: a missing binary fails the test with
 * the package that provides it (`.ci/run` installs them all).
 */
export function requireBinary(name: string, debianPackage: string): string {
  for (const dir of ['/usr/bin', '/usr/local/bin', '/usr/sbin']) {
    if (existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  }
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${name} is not installed: apt-get install -y ${debianPackage} (bash .ci/run installs it)`);
  }
}
