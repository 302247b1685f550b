#!/usr/bin/env node
// The CLI runs the TypeScript engine directly through tsx, so `npx auditlens` works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api';

// Output piped into `head` closes early; that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
register();
const { main } = await import('../main/cli.ts');
process.exitCode = await main(process.argv.slice(2));
