#!/usr/bin/env node
// Entry point: runs the TypeScript CLI through tsx, resolving paths from this checkout.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('./cli.ts');
