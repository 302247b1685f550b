import { lstat, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/**
 * Maps a URL path to a file inside the built renderer directory, or null. Used by the serve host
 * and by the Electron app protocol, so both refuse the same things: traversal (`..`, encoded or
 * not), backslashes (a separator on Windows), NUL bytes, directories, and symlinks leading out.
 */
export async function resolveStaticFile(
  rootDir: string,
  urlPath: string,
  opts: { followSymlinks?: boolean } = {},
): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return null;
  if (decoded.split('/').includes('..')) return null;
  if (decoded.endsWith('/')) decoded += 'index.html';

  const root = resolve(rootDir);
  const candidate = resolve(root, `.${decoded}`);
  if (!candidate.startsWith(root + sep)) return null;
  try {
    if (opts.followSymlinks === false) {
      // Inside an asar archive realpath is not reliable; refuse links instead of resolving them.
      const info = await lstat(candidate);
      return info.isFile() ? candidate : null;
    }
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!realFile.startsWith(realRoot + sep)) return null;
    const info = await stat(realFile);
    return info.isFile() ? realFile : null;
  } catch {
    return null;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  // With nosniff, an unknown type stays inert rather than being guessed into something runnable.
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
