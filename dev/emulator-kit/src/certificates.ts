// Throwaway TLS certificates for tests on 127.0.0.1, made with the openssl CLI: a CA, a server
// certificate signed by it, and a client certificate for mutual TLS. Shared by the backend's and
// the console's tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  caPem: string;
  key: string;
  cert: string;
  /** A client certificate (CN=test-client) issued by the same CA, and its key (mutual TLS). */
  clientCert: string;
  clientKey: string;
}

/** TLS options of a server that demands a client certificate issued by the test CA (mutual TLS). */
export function mutualTls(certs: TestCertificates): {
  key: string;
  cert: string;
  ca: string;
  requestCert: true;
  rejectUnauthorized: true;
} {
  return { key: certs.key, cert: certs.cert, ca: certs.caPem, requestCert: true, rejectUnauthorized: true };
}

/**
 * A throwaway CA and a certificate for 127.0.0.1 and localhost (and `dnsNames`) signed by it,
 * made with the openssl CLI.
 */
export function makeCertificates(dnsNames: readonly string[] = []): TestCertificates | undefined {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'repo-tls-'));
  try {
    const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    run([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=test-ca',
    ]);
    // A key and a certificate for `subject`, signed by the CA with the extensions in `extensions`.
    const issue = (name: string, subject: string, extensions: string): void => {
      run([
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.csr`,
        '-subj',
        subject,
      ]);
      writeFileSync(join(dir, `${name}.cnf`), `${extensions}\n`);
      run([
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `${name}.pem`,
        '-days',
        '2',
        '-extfile',
        `${name}.cnf`,
      ]);
    };
    const names = ['IP:127.0.0.1', 'DNS:localhost', ...dnsNames.map((name) => `DNS:${name}`)];
    issue('server', '/CN=127.0.0.1', `subjectAltName=${names.join(',')}`);
    issue('client', '/CN=test-client', 'extendedKeyUsage=clientAuth');
    return {
      caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
      key: readFileSync(join(dir, 'server.key'), 'utf8'),
      cert: readFileSync(join(dir, 'server.pem'), 'utf8'),
      clientCert: readFileSync(join(dir, 'client.pem'), 'utf8'),
      clientKey: readFileSync(join(dir, 'client.key'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
