// Who a job runs as and with which secrets: the caller's KubeSphere token (kept in memory only),
// or the extension's own ServiceAccount token read from its file at each run (it may have been
// rotated); repository credentials given with the request, or read from the sync's Secret. The
// queue's fairness is per user, so the user a job belongs to is worked out here too.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { UNKNOWN_USER } from '../auth.js';
import { ServiceUnavailableError } from '../errors.js';
import type { CredentialStore } from '../state/types.js';
import type { ImportSpec, JobRecord, RepoCredentials } from './types.js';

/** Who a job runs as: the caller's KubeSphere token (memory only), or the extension's own. */
export type RunIdentity = { token: string } | 'service';

/** The KubeSphere token of a run: the caller's, or the extension's read from its file now. */
export async function tokenFor(identity: RunIdentity, serviceAccountTokenFile: string): Promise<string> {
  if (identity !== 'service') return identity.token;
  let token: string;
  try {
    token = (await readFile(serviceAccountTokenFile, 'utf8')).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ServiceUnavailableError(
      `the extension's KubeSphere ServiceAccount token cannot be read from ${serviceAccountTokenFile} (${code})`,
    );
  }
  if (!token)
    throw new ServiceUnavailableError(
      `the extension's KubeSphere ServiceAccount token file ${serviceAccountTokenFile} is empty`,
    );
  return token;
}

/** The repository credentials of a run: those given with it, else the Secret its source names. */
export async function credentialsFor(
  spec: ImportSpec,
  given: RepoCredentials | undefined,
  store: CredentialStore,
): Promise<RepoCredentials | undefined> {
  if (given) return given;
  const ref = spec.source.secretRef;
  if (!ref) return undefined;
  const credentials = await store.get(ref.name);
  if (!credentials)
    throw new ServiceUnavailableError(`the Secret ${ref.name} with the repository credentials is missing`);
  return credentials;
}

/** The queue lane of a job: its user, or one lane for every job run as the extension (syncs). */
export function laneOf(record: JobRecord, identity: RunIdentity): string {
  if (identity === 'service') return 'service';
  // A token that names no user stands for its own user.
  if (record.requestedBy !== UNKNOWN_USER) return `user:${record.requestedBy}`;
  return `token:${createHash('sha256').update(identity.token).digest('hex')}`;
}
