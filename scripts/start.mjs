// `npm start`: the desktop app when an Electron runtime is present, otherwise the same viewer
// served to a browser on loopback. Either way on the demo case, unless a .duckdb path is given:
//   npm start                       # demo case (created on first run)
//   npm start -- my-case.duckdb     # that case
//   npm start -- --port 8123        # fixed port for the browser fallback
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

// Run the TypeScript engine and helpers directly, as bin/auditlens.js does.
register();

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { port: { type: 'string' }, host: { type: 'string' } },
  allowPositionals: true,
});
const givenCase = positionals.find((p) => p.toLowerCase().endsWith('.duckdb'));

const { ensureRendererBuilt, ensureDesktopBuilt } = await import('./lib/build-if-stale.ts');
const { findElectronRuntime } = await import('./lib/electron-runtime.ts');

if (await ensureRendererBuilt(root)) console.log('Built the viewer (out/renderer).');

async function casePath() {
  if (givenCase) return resolve(givenCase);
  const { demoCasePath, ensureDemoCase } = await import('../main/demo/demo-case.ts');
  const demo = demoCasePath();
  await ensureDemoCase(demo);
  return demo;
}

async function runDesktop(executable) {
  await ensureDesktopBuilt(root);
  const child = spawn(executable, [root, await casePath()], { stdio: 'inherit', cwd: root });
  const stop = (signal) => child.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function runServe() {
  const { createEngine } = await import('../main/engine/api.ts');
  const { startServer } = await import('../main/serve.ts');
  const { buildDemo } = await import('../main/demo/demo-case.ts');
  const engine = await createEngine({ casePath: await casePath(), buildDemo });
  const server = await startServer({
    engine,
    port: values.port ? Number(values.port) : 0,
    ...(values.host ? { host: values.host } : {}),
    rendererDir: join(root, 'out', 'renderer'),
  });
  console.log(`AuditLens viewer: ${server.url}`);
  console.log('Open that link in a browser (it carries the access token). Ctrl+C stops the server.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await engine.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

const runtime = findElectronRuntime(root);
if (runtime.ok) {
  await runDesktop(runtime.executable);
} else {
  console.log(`No Electron runtime here (${runtime.reason}); serving the viewer to your browser instead.`);
  await runServe();
}
