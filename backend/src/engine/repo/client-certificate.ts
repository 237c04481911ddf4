// Checks of a TLS client certificate and its private key (mutual TLS), shared by the engine, the
// CLI (named by its flags) and the service's edge (named by its fields), so a typo, a lone half
// or a key of another certificate fails before any request, in the caller's own words. No
// problem ever quotes the key, nor keeps the crypto error (whose text could).
import { X509Certificate, createPrivateKey } from 'node:crypto';

export type ClientCertificateProblem =
  'incomplete' | 'certificate-invalid' | 'key-invalid' | 'key-encrypted' | 'key-mismatch';

const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PRIVATE_KEY = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/;

function given(pem: string | undefined): pem is string {
  return pem !== undefined && pem.trim() !== '';
}

/**
 * What is wrong with a client certificate and key, or undefined when both are usable, or both are
 * absent (empty counts as absent). The certificate may be followed by its chain: the first block
 * is the one the key must match.
 */
export function clientCertificateProblem(
  certPem: string | undefined,
  keyPem: string | undefined,
): ClientCertificateProblem | undefined {
  if (!given(certPem) && !given(keyPem)) return undefined;
  if (!given(certPem) || !given(keyPem)) return 'incomplete';
  const certBlock = CERTIFICATE.exec(certPem)?.[0];
  let certificate: X509Certificate;
  try {
    if (certBlock === undefined) return 'certificate-invalid';
    certificate = new X509Certificate(certBlock);
  } catch {
    return 'certificate-invalid';
  }
  const keyBlock = PRIVATE_KEY.exec(keyPem);
  if (keyBlock === null) return 'key-invalid';
  if (keyBlock[1] === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(keyBlock[0])) {
    return 'key-encrypted';
  }
  try {
    return certificate.checkPrivateKey(createPrivateKey(keyBlock[0])) ? undefined : 'key-mismatch';
  } catch {
    return 'key-invalid';
  }
}

/** The problem in a sentence naming the two inputs as the caller knows them (flags or fields). */
export function describeClientCertificateProblem(
  problem: ClientCertificateProblem,
  names: { cert: string; key: string },
): string {
  const { cert, key } = names;
  switch (problem) {
    case 'incomplete':
      return `${cert} and ${key} go together: give both the client certificate and its private key, or neither`;
    case 'certificate-invalid':
      return `${cert} is not a PEM certificate (-----BEGIN CERTIFICATE-----): give the client certificate in PEM form`;
    case 'key-invalid':
      return `${key} is not a PEM private key (-----BEGIN PRIVATE KEY-----): give the client certificate's private key in PEM form`;
    case 'key-encrypted':
      return `${key} is an encrypted private key, which is not supported: decrypt it first (openssl pkey -in KEY -out PLAIN_KEY)`;
    case 'key-mismatch':
      return `${key} is not the private key of the certificate in ${cert}: give the key the certificate was issued for`;
  }
}
