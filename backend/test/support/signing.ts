// Throwaway GnuPG keys made at test time, and chart packages signed by the real
// `helm package --sign` (a .prov beside the package). gpg (GnuPG 2) writes the secret key in the
// OpenPGP format helm's Go openpgp reads (`gpg --export-secret-keys`, unprotected), and the public
// keyring binary (`gpg --export`) or armored (`--armor`).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { helmBin } from './charts.js';

const run = promisify(execFile);
const GPG = process.env.GPG_BIN ?? '/usr/bin/gpg';

export interface TestSigner {
  /** `Name <email>`: the key's user id, which helm --key names. */
  userId: string;
  name: string;
  fingerprint: string;
  /** Unprotected secret key, for `helm package --sign --keyring`. */
  secring: string;
  /** `gpg --export`: the binary public keyring. */
  publicKeyring: Buffer;
  /** `gpg --export --armor`. */
  armoredPublicKey: string;
  dispose(): Promise<void>;
}

/** A new RSA 2048 signing key in a temp GNUPGHOME. */
export async function makeSigner(name = 'Test Signer', email = 'signer@example.test'): Promise<TestSigner> {
  const home = await mkdtemp(join(tmpdir(), 'gnupg-'));
  const env = { ...process.env, GNUPGHOME: home };
  const gpg = async (args: string[]): Promise<Buffer> =>
    (await run(GPG, ['--batch', '--quiet', ...args], { env, encoding: 'buffer' })).stdout;
  const userId = `${name} <${email}>`;
  await gpg([
    '--pinentry-mode',
    'loopback',
    '--passphrase',
    '',
    '--quick-gen-key',
    userId,
    'rsa2048',
    'sign',
    'never',
  ]);
  const colons = (await gpg(['--with-colons', '--list-keys', userId])).toString('utf8');
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(colons)?.[1];
  if (!fingerprint) throw new Error(`gpg listed no fingerprint for ${userId}`);
  const secring = join(home, 'secring.gpg');
  await writeFile(
    secring,
    await gpg(['--pinentry-mode', 'loopback', '--passphrase', '', '--export-secret-keys', userId]),
  );
  return {
    userId,
    name,
    fingerprint,
    secring,
    publicKeyring: await gpg(['--export', userId]),
    armoredPublicKey: (await gpg(['--export', '--armor', userId])).toString('utf8'),
    dispose: () => rm(home, { recursive: true, force: true }),
  };
}

/** The signer's public key imported into a new GnuPG keybox file (`pubring.kbx` format) at `path`. */
export async function writeKeybox(signer: TestSigner, path: string): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'gnupg-kbx-'));
  try {
    const exported = join(home, 'public.asc');
    await writeFile(exported, signer.armoredPublicKey);
    await run(GPG, ['--batch', '--quiet', '--no-default-keyring', '--keyring', path, '--import', exported], {
      env: { ...process.env, GNUPGHOME: home },
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/**
 * Re-packages the chart package `tgz` (in `dir`) with `helm package --sign`: the package and its
 * `.prov` replace the unsigned one. Re-index the repository afterwards (the digest changes).
 */
export async function signPackage(tgz: string, dir: string, signer: TestSigner): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'chart-sign-'));
  try {
    await run('tar', ['-xzf', tgz, '-C', work]);
    const chart = chartDirName(tgz);
    await run(helmBin(), [
      'package',
      join(work, chart),
      '--destination',
      dir,
      '--sign',
      '--key',
      signer.name,
      '--keyring',
      signer.secring,
    ]);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** `dir/name-1.0.0.tgz` -> `name`: helm packages a chart in a folder named as the chart. */
function chartDirName(tgz: string): string {
  const file = tgz.slice(tgz.lastIndexOf('/') + 1).replace(/\.tgz$/, '');
  return file.replace(/-\d+\.\d+\.\d+.*$/, '');
}
