import { EngineError } from '../errors.ts';
import type { VendorDef } from './types.ts';

/**
 * Where a pull's credential comes from. The case never holds one: the desktop host hands the
 * engine a keychain-backed store (Electron safeStorage); the CLI and serve host read the vendor's
 * environment variable (the CLI also prompts on a terminal). A credential typed into the viewer
 * is used for that pull only, unless the investigator asks the desktop app to remember it.
 */
export interface CredentialStore {
  /** Says where secrets go, for the viewer ("OS keychain"). */
  readonly label: string;
  get(key: string): Promise<string | undefined>;
  set(key: string, secret: string): Promise<void>;
  has(prefix: string): Promise<boolean>;
}

/** One keychain entry per vendor account: the collector and the account it reads. */
export function credentialKey(vendor: VendorDef, tenant: string): string {
  return `${vendor.id}:${tenant}`;
}

export function envCredential(vendor: VendorDef, env: Record<string, string | undefined>): string | undefined {
  const v = env[vendor.envVar]?.trim();
  return v ? v : undefined;
}

export async function resolveCredential(o: {
  vendor: VendorDef;
  tenant: string;
  typed?: string | undefined;
  remember?: boolean | undefined;
  store?: CredentialStore | undefined;
  env: Record<string, string | undefined>;
}): Promise<string> {
  const typed = o.typed?.trim();
  if (typed) {
    if (o.remember) {
      if (!o.store) throw new EngineError('bad-input', 'this host cannot keep credentials (no OS keychain); the credential was used for this pull only');
      await o.store.set(credentialKey(o.vendor, o.tenant), typed);
    }
    return typed;
  }
  const stored = await o.store?.get(credentialKey(o.vendor, o.tenant));
  if (stored) return stored;
  const fromEnv = envCredential(o.vendor, o.env);
  if (fromEnv) return fromEnv;
  throw new EngineError(
    'bad-input',
    `no credential for ${o.vendor.label}: set ${o.vendor.envVar} (${o.vendor.credentialName}) in the environment, or enter it`,
  );
}
