// The signature policy end to end: packages signed by the real `helm package --sign` with
// throwaway GnuPG keys, served over HTTP beside their .prov files, imported by the CLI into the
// KubeSphere emulator; the versions' states and description annotations read back from it.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildChart, indexRepo } from '../support/charts.js';
import { parseReport, runCli } from '../support/cli.js';
import { stateOf } from '../support/emulator.js';
import { useImportHarness } from '../support/harness.js';
import { makeSigner, signPackage, writeKeybox, type TestSigner } from '../support/signing.js';

const DESCRIPTION = 'kubesphere.io/description';
let signer: TestSigner | undefined;
let stranger: TestSigner | undefined;

/** signed (our key), stranger (another key), tampered (our .prov, another package), unsigned. */
async function signCharts(dir: string): Promise<void> {
  signer = await makeSigner();
  stranger = await makeSigner('Stranger', 'stranger@example.test');
  await signPackage(join(dir, 'signed-1.0.0.tgz'), dir, signer);
  await signPackage(join(dir, 'stranger-1.0.0.tgz'), dir, stranger);
  await signPackage(join(dir, 'tampered-1.0.0.tgz'), dir, signer);
  // The package is swapped after signing: its .prov names the digest of the one signed.
  const other = await mkdtemp(join(tmpdir(), 'tampered-'));
  const swapped = await buildChart(other, {
    name: 'tampered',
    version: '1.0.0',
    files: { 'templates/extra.yaml': 'kind: ConfigMap\n' },
  });
  await copyFile(swapped, join(dir, 'tampered-1.0.0.tgz'));
  await rm(other, { recursive: true, force: true });
  await indexRepo(dir);
}

const h = useImportHarness(
  [
    { name: 'signed', version: '1.0.0' },
    { name: 'stranger', version: '1.0.0' },
    { name: 'tampered', version: '1.0.0' },
    { name: 'unsigned', version: '1.0.0' },
  ],
  { prepareRepo: signCharts },
);

let keys = '';
beforeAll(async () => {
  keys = await mkdtemp(join(tmpdir(), 'verify-keys-'));
  if (!signer) throw new Error('the repository was not signed');
  await writeFile(join(keys, 'pubring.gpg'), signer.publicKeyring);
  await writeFile(join(keys, 'signer.asc'), signer.armoredPublicKey);
  await writeFile(join(keys, 'garbage.asc'), 'not a key\n');
  await writeKeybox(signer, join(keys, 'pubring.kbx'));
});
afterAll(async () => {
  await Promise.all([signer?.dispose(), stranger?.dispose(), rm(keys, { recursive: true, force: true })]);
});

/** Chart -> its version's state and the last line of its description, as the store has them. */
function versionsInStore(): Record<string, { state: string; signature: string | undefined }> {
  const out: Record<string, { state: string; signature: string | undefined }> = {};
  for (const version of stateOf(h.emulator).versions) {
    const chart =
      version.metadata.labels?.['application.kubesphere.io/app-id']?.replace(/-[a-z0-9]{5}$/, '') ?? '';
    const description = version.metadata.annotations?.[DESCRIPTION] ?? '';
    const last = description.split('\n').at(-1);
    out[chart] = {
      state: version.status?.state ?? '',
      signature: last?.startsWith('Signature:') ? last : undefined,
    };
  }
  return out;
}

function appStates(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const app of stateOf(h.emulator).apps)
    out[app.metadata.annotations?.['application.kubesphere.io/app-originalName'] ?? ''] =
      app.status?.state ?? '';
  return out;
}

describe('signature policy', () => {
  it('require: releases the verified version only; the others stay drafts with the reason, recorded in their descriptions', async () => {
    const result = await h.cli('--verify', 'require', '--keyring', join(keys, 'pubring.gpg'));
    expect(result.code, result.stderr).toBe(0);
    const items = Object.fromEntries(parseReport(result).items.map((item) => [item.chart, item]));
    expect(items.signed).toMatchObject({ status: 'created' });
    expect(items.signed?.reason).toContain(
      `signature verified: signed by ${signer?.userId ?? ''} (${signer?.fingerprint ?? ''})`,
    );
    expect(items.unsigned?.reason).toMatch(
      /^not signed: no Helm provenance file.*; not released: the signature policy "require"/,
    );
    expect(items.tampered?.reason).toMatch(
      /signature invalid: provenance: the package's sha256:[0-9a-f]{64} is not the signed sha256:/,
    );
    expect(items.stranger?.reason).toMatch(
      /signature invalid: provenance: signed by key [0-9A-F]{16}, which is not in the keyring/,
    );
    for (const chart of ['unsigned', 'tampered', 'stranger']) expect(items[chart]?.status).toBe('created');

    const versions = versionsInStore();
    expect(versions.signed).toEqual({
      state: 'active',
      signature: `Signature: verified, signed by ${signer?.userId ?? ''} (${signer?.fingerprint ?? ''})`,
    });
    expect(versions.unsigned).toEqual({ state: 'draft', signature: 'Signature: none' });
    expect(versions.tampered?.state).toBe('draft');
    expect(versions.tampered?.signature).toMatch(/^Signature: invalid: provenance: the package's sha256/);
    expect(versions.stranger?.signature).toMatch(/^Signature: invalid: provenance: signed by key/);
    expect(appStates()).toEqual({
      signed: 'active',
      unsigned: 'draft',
      tampered: 'draft',
      stranger: 'draft',
    });
    // The app's description comes from its first version's upload: it ends with that line too.
    const signedApp = stateOf(h.emulator).apps.find(
      (app) => app.metadata.annotations?.['application.kubesphere.io/app-originalName'] === 'signed',
    );
    expect(signedApp?.metadata.annotations?.[DESCRIPTION]?.split('\n').at(-1)).toBe(
      versions.signed?.signature,
    );

    // A re-run does not release what the first held back.
    const again = await h.cli('--verify', 'require', '--keyring', join(keys, 'pubring.gpg'));
    expect(again.code, again.stderr).toBe(0);
    const reItems = Object.fromEntries(parseReport(again).items.map((item) => [item.chart, item]));
    expect(reItems.unsigned).toMatchObject({ status: 'exists' });
    expect(reItems.unsigned?.reason).toContain('not released');
    expect(reItems.signed).toMatchObject({ status: 'exists', reason: '' });
    expect(appStates()).toEqual({
      signed: 'active',
      unsigned: 'draft',
      tampered: 'draft',
      stranger: 'draft',
    });
  });

  it('require with publish review: a held version is submitted for review, never released', async () => {
    const result = await h.cli(
      '--verify',
      'require',
      '--keyring',
      join(keys, 'signer.asc'),
      '--publish',
      'review',
    );
    expect(result.code, result.stderr).toBe(0);
    const versions = versionsInStore();
    expect(versions.signed?.state).toBe('submitted');
    expect(versions.unsigned?.state).toBe('submitted');
  });

  it('warn: imports and releases every version, noting the failures (armored keyring)', async () => {
    const result = await h.cli('--verify', 'warn', '--keyring', join(keys, 'signer.asc'));
    expect(result.code, result.stderr).toBe(0);
    const items = Object.fromEntries(parseReport(result).items.map((item) => [item.chart, item]));
    expect(items.unsigned?.reason).toBe(
      'not signed: no Helm provenance file (.prov) or cosign signature was found for it',
    );
    expect(items.tampered?.reason).toMatch(/^signature invalid: /);
    expect(items.signed?.reason).toMatch(/^signature verified: /);
    const versions = versionsInStore();
    for (const chart of ['signed', 'unsigned', 'tampered', 'stranger'])
      expect(versions[chart]?.state).toBe('active');
    expect(versions.unsigned?.signature).toBe('Signature: none');
  });

  it("reads GnuPG 2's keybox (pubring.kbx) as a keyring", async () => {
    const result = await h.cli(
      '--verify',
      'require',
      '--keyring',
      join(keys, 'pubring.kbx'),
      '--charts',
      'signed',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(versionsInStore().signed?.state).toBe('active');
    expect(parseReport(result).items[0]?.reason).toMatch(/^signature verified: /);
  });

  it('off (the default): fetches no .prov and records nothing', async () => {
    h.repo.requests.length = 0;
    const result = await h.cli();
    expect(result.code, result.stderr).toBe(0);
    const versions = versionsInStore();
    for (const chart of ['signed', 'unsigned'])
      expect(versions[chart]).toEqual({ state: 'active', signature: undefined });
    expect(h.repo.requests.map(({ url }) => url).filter((url) => url.endsWith('.prov'))).toEqual([]);
    expect(h.repo.requests.length).toBeGreaterThan(0);
  });

  // Last: it changes the repository the tests share.
  it('require: a held draft whose package is fixed upstream is uploaded again, then released', async () => {
    const held = await h.cli('--verify', 'require', '--keyring', join(keys, 'pubring.gpg'));
    expect(held.code, held.stderr).toBe(0);
    expect(versionsInStore().tampered?.state).toBe('draft');
    // The repository publishes a package that verifies: the held draft is not released as it is
    // (its stored bytes are the tampered ones) but uploaded again, then released.
    if (!signer) throw new Error('no signer');
    await signPackage(join(h.repoDir, 'tampered-1.0.0.tgz'), h.repoDir, signer);
    await indexRepo(h.repoDir);
    const fixed = await h.cli('--verify', 'require', '--keyring', join(keys, 'pubring.gpg'));
    expect(fixed.code, fixed.stderr).toBe(0);
    const fixedItems = Object.fromEntries(parseReport(fixed).items.map((item) => [item.chart, item]));
    expect(fixedItems.tampered).toMatchObject({ status: 'created' });
    expect(versionsInStore().tampered).toEqual({
      state: 'active',
      signature: `Signature: verified, signed by ${signer.userId} (${signer.fingerprint})`,
    });
    const log = stateOf(h.emulator).requestLog as { method: string; path: string }[];
    expect(log.some((entry) => entry.method === 'DELETE' && entry.path.includes('/versions/tampered-'))).toBe(
      true,
    );
  });
});

describe('--verify flag errors: exit 2, nothing imported', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown policy', ['--verify', 'maybe'], /--verify must be off, warn or require, not "maybe"/],
    [
      'require without keys',
      ['--verify', 'require'],
      /--verify require needs keys to check with: --keyring FILE/,
    ],
    [
      'a keyring without a policy',
      ['--keyring', 'x.gpg'],
      /--keyring is used only to check signatures: add --verify/,
    ],
    [
      'an unreadable keyring',
      ['--verify', 'warn', '--keyring', '/nonexistent/pubring.gpg'],
      /--keyring \/nonexistent\/pubring.gpg cannot be read \(ENOENT\)/,
    ],
    [
      'a keyring with no key',
      ['--verify', 'warn', '--keyring', 'GARBAGE'],
      /--keyring .*garbage.asc: The keyring holds no OpenPGP public key/,
    ],
    [
      'a cosign key that is no PEM key',
      ['--verify', 'warn', '--cosign-key', 'GARBAGE'],
      /--cosign-key .*garbage.asc: The cosign key is not a PEM public key/,
    ],
  ];
  it.each(cases)('%s', async (_name, flags, message) => {
    const args = flags.map((flag) => (flag === 'GARBAGE' ? join(keys, 'garbage.asc') : flag));
    const result = await runCli([...h.baseArgs(), ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(stateOf(h.emulator).versions).toEqual([]);
  });
});
