#!/usr/bin/env node
// `npm run bench [name ...]`: runs the benchmarks in bench/ one after another.
import { spawnSync } from 'node:child_process';
import { ensureInstalled, ROOT } from './prepare.mjs';

const BENCHES = ['accuracy', 'cost', 'conflicts', 'divergence', 'failover', 'slo', 'peers', 'promql'];
ensureInstalled();
const chosen = process.argv.length > 2 ? process.argv.slice(2) : BENCHES;
for (const name of chosen) {
  if (!BENCHES.includes(name)) {
    console.error(`unknown bench "${name}" (have: ${BENCHES.join(', ')})`);
    process.exit(2);
  }
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
