import { describe, expect, it } from 'vitest';

import { readKeyring } from './keys.js';

const block = (kind: string, body: string): string =>
  `-----BEGIN PGP ${kind} BLOCK-----\n\n${body}\n-----END PGP ${kind} BLOCK-----\n`;

describe('readKeyring', () => {
  it('refuses a secret key pasted beside public ones, before reading any', async () => {
    const text = block('PUBLIC KEY', 'AAAA') + block('PRIVATE KEY', 'BBBB');
    await expect(readKeyring(Buffer.from(text))).rejects.toThrow(/holds a secret key: give only public keys/);
  });

  it('says a text without keys holds none', async () => {
    await expect(readKeyring(Buffer.from('not a key\n'))).rejects.toThrow(/holds no OpenPGP public key/);
  });
});
