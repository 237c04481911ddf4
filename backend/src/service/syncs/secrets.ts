// A sync's repository credentials: kept in a Secret the sync references by name, never in the
// sync itself nor in any answer, and never following the repository to another host.
import type { CredentialStore } from '../state/types.js';
import type { UrlSourceRequest } from '../jobs/requests.js';
import { credentialsOf } from '../jobs/spec.js';
import type { ImportSource, RepoCredentials } from '../jobs/types.js';

type SecretRef = NonNullable<ImportSource['secretRef']>;

/** The Secret of a sync's repository credentials. */
export function secretNameOf(sync: string): string {
  return `storeimporter-sync-${sync}`;
}

/** Writes the credentials of the request to the sync's Secret; its reference, or none without any. */
export async function storeCredentials(
  store: CredentialStore,
  sync: string,
  request: UrlSourceRequest,
): Promise<SecretRef | undefined> {
  const credentials = credentialsOf(request);
  return credentials ? { name: await store.put(secretNameOf(sync), credentials) } : undefined;
}

/**
 * The Secret of an edited sync: new credentials replace the stored ones; without new ones the
 * stored ones stay while the repository keeps its host (the old Secret is deleted by the caller
 * once the sync no longer names it).
 */
export async function credentialsAfterEdit(
  store: CredentialStore,
  sync: string,
  before: ImportSource,
  request: UrlSourceRequest,
): Promise<SecretRef | undefined> {
  const stored = await storeCredentials(store, sync, request);
  if (stored) return stored;
  // No new credentials, same repository host: keep the stored ones.
  if (before.secretRef && sameOrigin(before.url, request.url)) return before.secretRef;
  return undefined;
}

/**
 * The credentials to read an edited sync's repository with before it is saved: the new ones,
 * else the stored ones while the repository keeps its host (as credentialsAfterEdit keeps them).
 */
export async function credentialsBeforeEdit(
  store: CredentialStore,
  before: ImportSource,
  request: UrlSourceRequest,
): Promise<RepoCredentials | undefined> {
  const given = credentialsOf(request);
  if (given) return given;
  if (!before.secretRef || !sameOrigin(before.url, request.url)) return undefined;
  return (await store.get(before.secretRef.name)) ?? undefined;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    const left = new URL(a);
    const right = new URL(b);
    return left.protocol === right.protocol && left.host === right.host;
  } catch {
    return false;
  }
}
