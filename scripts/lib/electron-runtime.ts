import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronRuntime = { ok: true; executable: string } | { ok: false; reason: string };

/**
 * Finds a startable Electron binary without `require('electron')`: that module tries to download
 * the binary when it is missing, which hangs or fails on offline machines. Used by `npm start` to
 * choose between the desktop app and the serve host, and by the Electron tests to skip with a reason.
 */
export function findElectronRuntime(
  projectRoot: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): ElectronRuntime {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(join(projectRoot, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { ok: false, reason: 'the electron package has no binary; it was not downloaded at install' };
  }
  const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(executable)) return { ok: false, reason: `the electron binary is missing at ${executable}` };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  // Running it as plain Node proves the binary and its shared libraries load, without a window.
  const probe = spawnSync(executable, ['--version'], {
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (probe.error || probe.status !== 0) {
    const detail = probe.error?.message ?? probe.stderr.split('\n')[0] ?? `exit ${probe.status}`;
    return { ok: false, reason: `the electron binary does not start: ${detail}` };
  }
  return { ok: true, executable };
}
