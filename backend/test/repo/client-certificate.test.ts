// The checks of a client certificate and its key, as the engine, the CLI and the service's edge
// share them: on certificates made by openssl for the test, and keys made here.
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { clientCertificateProblem, describeClientCertificateProblem } from '../../src/engine/index.js';
import { makeCertificates } from '../support/servers.js';

const generated = makeCertificates();
if (!generated) throw new Error('these tests need the openssl CLI to make their certificates');
const certs = generated;

describe('clientCertificateProblem', () => {
  it('accepts a certificate with its own key, followed by its chain, and nothing at all', () => {
    expect(clientCertificateProblem(certs.clientCert, certs.clientKey)).toBeUndefined();
    expect(clientCertificateProblem(`${certs.clientCert}${certs.caPem}`, certs.clientKey)).toBeUndefined();
    expect(clientCertificateProblem(undefined, undefined)).toBeUndefined();
    expect(clientCertificateProblem(' ', '')).toBeUndefined();
  });

  it('wants both or neither', () => {
    expect(clientCertificateProblem(certs.clientCert, undefined)).toBe('incomplete');
    expect(clientCertificateProblem('', certs.clientKey)).toBe('incomplete');
  });

  it('tells a bad certificate, a bad key, an encrypted key and the key of another certificate', () => {
    expect(clientCertificateProblem('junk', certs.clientKey)).toBe('certificate-invalid');
    const broken = certs.clientCert.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    expect(clientCertificateProblem(broken, certs.clientKey)).toBe('certificate-invalid');
    expect(clientCertificateProblem(certs.clientCert, 'junk')).toBe('key-invalid');
    expect(
      clientCertificateProblem(
        certs.clientCert,
        '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----',
      ),
    ).toBe('key-invalid');
    const encrypted = createPrivateKey(certs.clientKey)
      .export({
        type: 'pkcs8',
        format: 'pem',
        cipher: 'aes-256-cbc',
        passphrase: 'secret',
      })
      .toString();
    expect(clientCertificateProblem(certs.clientCert, encrypted)).toBe('key-encrypted');
    expect(clientCertificateProblem(certs.clientCert, certs.key)).toBe('key-mismatch');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'sec1',
      format: 'pem',
    });
    expect(clientCertificateProblem(certs.clientCert, ec.toString())).toBe('key-mismatch');
  });

  it('names the inputs as the caller knows them, and never quotes them', () => {
    const names = { cert: '--cert-file c.pem', key: '--key-file k.pem' };
    const text = describeClientCertificateProblem('key-mismatch', names);
    expect(text).toBe(
      '--key-file k.pem is not the private key of the certificate in --cert-file c.pem: give the key the certificate was issued for',
    );
    expect(describeClientCertificateProblem('incomplete', { cert: 'certPem', key: 'keyPem' })).toMatch(
      /^certPem and keyPem go together/,
    );
  });
});
