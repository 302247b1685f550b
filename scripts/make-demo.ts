/** `npm run demo [path]`: (re)builds the demo case, the one `npm start` and the start screen open by default. */
import { resolve } from 'node:path';
import { demoCasePath, ensureDemoCase } from '../main/demo/demo-case.ts';

const path = resolve(process.argv[2] ?? demoCasePath());
await ensureDemoCase(path);
process.stdout.write(`demo case ready: ${path}\n`);
