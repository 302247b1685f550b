import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CredentialStore } from './engine/collect/credentials.ts';
import { EngineError } from './engine/errors.ts';

/**
 * The desktop host's credential store: Electron `safeStorage` (the OS keychain's key: Keychain on
 * macOS, DPAPI on Windows, libsecret/kwallet on Linux) encrypts each secret, and only the
 * ciphertext is written, to a file in the app's user-data folder — never beside or inside a case.
 * Takes safeStorage as an argument so it can be tested without Electron.
 */

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

interface StoreFile {
  version: 1;
  entries: Record<string, string>;
}

export function keychainStore(safe: SafeStorageLike, file: string): CredentialStore {
  const read = (): StoreFile => {
    try {
      const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoreFile>;
      return { version: 1, entries: v.entries && typeof v.entries === 'object' ? v.entries : {} };
    } catch {
      return { version: 1, entries: {} };
    }
  };
  return {
    label: 'the OS keychain',
    async get(key) {
      const enc = read().entries[key];
      if (!enc || !safe.isEncryptionAvailable()) return undefined;
      try {
        return safe.decryptString(Buffer.from(enc, 'base64'));
      } catch {
        return undefined;
      }
    },
    async set(key, secret) {
      if (!safe.isEncryptionAvailable()) {
        throw new EngineError('refused', 'the OS keychain is not available, so the credential was not remembered (it was used for this pull only)');
      }
      const data = read();
      data.entries[key] = safe.encryptString(secret).toString('base64');
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
      renameSync(tmp, file);
      chmodSync(file, 0o600);
    },
    async has(prefix) {
      return Object.keys(read().entries).some((k) => k.startsWith(prefix));
    },
  };
}
