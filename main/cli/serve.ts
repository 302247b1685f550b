import { EXIT_OK, intArg, type CommandHost, type Io } from './common.ts';

async function runServe(io: Io, casePath: string | undefined, o: { port?: number; host?: string; readOnly?: boolean }): Promise<number> {
  const { createEngine } = await import('../engine/api.ts');
  const { startServer } = await import('../serve.ts');
  const { buildDemo } = await import('../demo/demo-case.ts');
  const readOnly = o.readOnly ? { readOnly: true } : {};
  const engine = await createEngine(casePath ? { casePath, create: !o.readOnly, buildDemo, ...readOnly } : { buildDemo, ...readOnly });
  const server = await startServer({ engine, ...(o.port !== undefined ? { port: o.port } : {}), ...(o.host ? { host: o.host } : {}) });
  io.out(`AuditLens is serving ${casePath ?? '(no case open)'}${o.readOnly ? ' read-only' : ''} at ${server.url}\n`);
  if (o.host && !['127.0.0.1', 'localhost', '::1'].includes(o.host)) {
    io.err(`auditlens: warning: listening on ${o.host}, reachable from other machines; the token is the only guard\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await engine.dispose();
  return EXIT_OK;
}

export function registerServe({ program, io, setCode }: CommandHost): void {
  program
    .command('serve')
    .description('serve the viewer over HTTP on 127.0.0.1 with a per-start token')
    .argument('[case]')
    .option('--port <p>', 'port (default: a free one)', intArg)
    .option('--host <h>', 'interface to bind; anything but loopback must be asked for explicitly')
    .option('--read-only', 'open cases read-only: browse, never change (imports, annotations, views refused)')
    .action(async (casePath: string | undefined, o) => setCode(await runServe(io, casePath, o)));
}
