import type { ApiError, Result } from '../preload/api.ts';

/**
 * Upload of a file to the serve host (POST /api/upload), for imports from a browser, which cannot
 * hand the engine a local path. XMLHttpRequest rather than fetch: it reports upload progress.
 * Like the API bridge, it answers with a Result and never throws.
 */

export interface UploadedFile {
  /** Where the server stored it; what importFiles takes. */
  path: string;
  name: string;
  bytes: number;
}

export type UploadFn = (
  file: Blob,
  name: string,
  opts: { onProgress?(loaded: number, total: number): void; signal?: AbortSignal },
) => Promise<Result<UploadedFile>>;

function failure(code: ApiError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function isUploadResult(v: unknown): v is Result<UploadedFile> {
  if (typeof v !== 'object' || v === null || !('ok' in v)) return false;
  if (v.ok === true) {
    const value = 'value' in v ? v.value : null;
    return typeof value === 'object' && value !== null && 'path' in value && typeof value.path === 'string';
  }
  return 'error' in v && typeof v.error === 'object' && v.error !== null;
}

export function createUploader(opts: { apiBase: string; token: string | null }): UploadFn {
  return (file, name, { onProgress, signal }) =>
    new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      const url = new URL('upload', opts.apiBase);
      url.searchParams.set('name', name);
      xhr.open('POST', url.href);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      if (opts.token) xhr.setRequestHeader('Authorization', `Bearer ${opts.token}`);
      xhr.responseType = 'text';
      xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
      xhr.onload = () => {
        let body: unknown;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          resolve(failure('internal', `The server answered ${xhr.status} without a readable body`));
          return;
        }
        resolve(
          isUploadResult(body) ? body : failure('internal', `Unexpected answer to the upload (HTTP ${xhr.status})`),
        );
      };
      xhr.onerror = () =>
        resolve(failure('internal', `The upload of ${name} failed: the server closed the connection`));
      xhr.onabort = () => resolve(failure('cancelled', `The upload of ${name} was cancelled`));
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      if (signal?.aborted) {
        resolve(failure('cancelled', `The upload of ${name} was cancelled`));
        return;
      }
      xhr.send(file);
    });
}
