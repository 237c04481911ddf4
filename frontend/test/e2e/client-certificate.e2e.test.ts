// Mutual TLS in Chromium: the wizard previews an https repository on 127.0.0.1 that demands a
// client certificate (certificates made by openssl for the test), after the CA, the certificate
// and its private key are pasted. The page checks both-or-neither before asking the server, never
// shows the key back, and keeps none of them in the address.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeCertificates, mutualTls, type TestCertificates } from '@store-importer/emulator-kit';
import {
  API,
  BROWSER_TEST_MS,
  en,
  enterRepoUrl,
  openWizard,
  PAGE,
  playgroundForFile,
  runPreview,
  shownCharts,
} from './support/flow';

const session = playgroundForFile();

/** An https repository that demands a client certificate, serving the playground's charts. */
async function mutualTlsRepo(
  upstream: string,
  certs: TestCertificates,
): Promise<{ url: string; server: Server }> {
  const forward = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const answer = await fetch(`${upstream.replace(/\/$/, '')}${req.url ?? '/'}`, { method: req.method });
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'content-length']) headers[name] = answer.headers.get(name) ?? '';
    res.writeHead(answer.status, headers);
    res.end(Buffer.from(await answer.arrayBuffer()));
  };
  const server = createServer(mutualTls(certs), (req, res) => {
    forward(req, res).catch(() => {
      res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('a repository that demands a client certificate', { timeout: BROWSER_TEST_MS }, () => {
  const generated = makeCertificates();
  if (!generated) throw new Error('this test needs the openssl CLI to make its certificates');
  const certs = generated;
  const keyLine = certs.clientKey.split('\n')[1] ?? '';
  let repo: { url: string; server: Server };

  beforeAll(async () => {
    repo = await mutualTlsRepo(session().playground.repoUrl, certs);
  });
  afterAll(async () => {
    repo.server.closeAllConnections();
    await new Promise((resolve) => repo.server.close(resolve));
  });

  it('previews after the certificate and key are pasted, never showing the key', async () => {
    const s = session();
    const { page } = s.browser;
    const previews = (): number =>
      s.browser.requests.filter((line) => line.endsWith(`${API}/previews`)).length;
    await openWizard(page, s.at(PAGE));
    await enterRepoUrl(page, { url: repo.url });
    await page.getByTestId('source-ca').fill(certs.caPem);
    // Half of the pair: said in the page, nothing asked of the server.
    const before = previews();
    await page.getByTestId('source-cert').fill(certs.clientCert);
    expect(await page.getByTestId('source-problem').textContent()).toBe(en('SOURCE_CERT_KEY_PAIR'));
    expect(await page.getByTestId('preview-button').isDisabled()).toBe(true);
    expect(previews()).toBe(before);

    // Typed by hand (or through an IME), the key stays in its field until the field is left.
    const key = page.getByTestId('source-key');
    await key.pressSequentially('-----');
    expect(await key.count()).toBe(1);
    await key.fill(certs.clientKey);
    expect(await key.count()).toBe(1);
    await key.blur();
    // Once entered, the key is not shown again: only that it is there.
    await page.getByTestId('source-key-entered').waitFor();
    expect(await page.getByTestId('source-key').count()).toBe(0);
    // Each "Load from file" says which field it fills.
    const loads = ['ca', 'cert', 'key'].map((name) => page.getByTestId(`source-${name}-load`));
    const labels = await Promise.all(loads.map((load) => load.getAttribute('aria-label')));
    expect(new Set(labels).size).toBe(3);
    await s.browser.screenshot('client-certificate-0-form');
    expect(await runPreview(page)).toBe('charts');
    expect((await shownCharts(page)).length).toBeGreaterThan(0);
    await s.browser.screenshot('client-certificate-1-preview');
    expect(await page.content()).not.toContain(keyLine);
    expect(decodeURIComponent(page.url())).not.toContain('BEGIN');
  });
});
