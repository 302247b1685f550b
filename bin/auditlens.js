#!/usr/bin/env node
// The CLI runs the TypeScript engine directly through tsx, so `npx auditlens` works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../main/cli.ts');
process.exitCode = await main(process.argv.slice(2));
