// --verify's key files, read and checked before anything else is contacted, so a wrong file is
// named by its flag (exit 2).
import { readFile } from 'node:fs/promises';

import { InputError, readCosignKey, readKeyring, reasonOf } from '../engine/index.js';
import type { VerifyOptions } from '../engine/index.js';
import type { CliConfig } from './args.js';

/** Public keys: a keyring of a few keys is kilobytes; a bigger file is not a keyring. */
const MAX_KEY_FILE_BYTES = 1024 * 1024;

export async function readVerifyOptions(verify: CliConfig['verify']): Promise<VerifyOptions | undefined> {
  if (verify === undefined) return undefined;
  const keyring = verify.keyring === undefined ? undefined : await keyFile('--keyring', verify.keyring);
  const cosignKey =
    verify.cosignKey === undefined
      ? undefined
      : (await keyFile('--cosign-key', verify.cosignKey)).toString('utf8');
  try {
    if (keyring) await readKeyring(keyring);
  } catch (error) {
    throw new InputError(`--keyring ${verify.keyring ?? ''}: ${reasonOf(error)}`);
  }
  try {
    if (cosignKey !== undefined) readCosignKey(cosignKey);
  } catch (error) {
    throw new InputError(`--cosign-key ${verify.cosignKey ?? ''}: ${reasonOf(error)}`);
  }
  return {
    policy: verify.policy,
    ...(keyring === undefined ? {} : { keyring }),
    ...(cosignKey === undefined ? {} : { cosignKey }),
  };
}

async function keyFile(flag: string, path: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputError(
      `${flag} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): check the path and its permissions`,
    );
  }
  if (bytes.length > MAX_KEY_FILE_BYTES)
    throw new InputError(`${flag} ${path} is over ${MAX_KEY_FILE_BYTES} bytes: give public keys only`);
  return bytes;
}
