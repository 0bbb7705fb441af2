#!/usr/bin/env node
// `npm start` on a fresh clone: install if needed, build if stale, then run the demo.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureInstalled, ensureBuilt, ROOT } from './prepare.mjs';

ensureInstalled();
ensureBuilt();
const demo = spawn(process.execPath, [join(ROOT, 'bin', 'regionwatch.js'), 'demo', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => demo.kill(signal));
demo.on('exit', (code) => process.exit(code ?? 0));
