/** `npm run demo [path]`: (re)builds the demo case, build/demo/demo.duckdb by default. */
import { resolve } from 'node:path';
import { ensureDemoCase } from '../main/engine/demo/demo-case.ts';

const path = resolve(process.argv[2] ?? 'build/demo/demo.duckdb');
await ensureDemoCase(path);
process.stdout.write(`demo case ready: ${path}\n`);
