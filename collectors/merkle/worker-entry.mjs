// Worker threads do not inherit the main thread's TypeScript loader: register it, then
// load the checksum worker itself.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
await import('./worker.ts');
