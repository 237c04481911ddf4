// `npm start`'s playground in Chromium: the page is reached through the console-like left nav,
// the language switch gives Chinese, a deep link survives a reload, the menu is gated on the App
// Store like App Store Management's, and the /kapis proxy acts as the console's (token added and
// kept from the page, event streams unbuffered). No console errors anywhere.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { SAMPLE_REPO_NAME } from '@store-importer/playground';
import locales from '../../src/locales';
import { openPage, waitForText } from './support/browser';
import { startPlaygroundSession, type PlaygroundSession } from './support/playground';

const PAGE = '/apps-manage/store-importer';
const API = '/kapis/storeimporter.kubesphere.io/v1alpha1';
const NAV = '[data-testid="nav-store-importer"]';

let s: PlaygroundSession;

beforeAll(async () => {
  s = await startPlaygroundSession();
}, 180_000);

afterAll(async () => {
  await s.stop();
});

afterEach(async () => {
  s.playground.emulator.clearFaults();
  s.playground.emulator.setOptions({ openpitrix: true });
  expect(await s.browser.settle()).toEqual({ consoleErrors: [], failedRequests: [] });
});

// Page loads on a busy 2-core machine can take seconds each.
describe('the playground in Chromium', { timeout: 60_000 }, () => {
  it('opens the Import from Repo page from the left nav menu', async () => {
    const { page } = s.browser;
    await openPage(page, s.at('/clusters'), locales.en.STORE_IMPORTER_MENU);
    await page.getByTestId('playground-not-here').waitFor();
    await page.locator(NAV).click();
    await waitForText(page, locales.en.IMPORT_FROM_REPO_DESC);
    expect(new URL(page.url()).pathname).toBe(PAGE);
    await s.browser.screenshot('playground-en');
    // The root goes to the first menu entry.
    await page.goto(s.at('/'));
    await page.waitForURL((url) => url.pathname === PAGE);
  });

  it('switches to Chinese and back', async () => {
    const { page } = s.browser;
    await openPage(page, s.at(PAGE), locales.en.IMPORT_FROM_REPO_DESC);
    await page.getByTestId('lang-zh').click();
    await waitForText(page, locales.zh.IMPORT_FROM_REPO_DESC);
    await expect.poll(() => page.locator(NAV).textContent()).toBe(locales.zh.STORE_IMPORTER_MENU);
    expect(await page.getAttribute('html', 'lang')).toBe('zh');
    await s.browser.screenshot('playground-zh');
    await page.getByTestId('lang-en').click();
    await waitForText(page, locales.en.IMPORT_FROM_REPO_DESC);
  });

  it('loads a deep link again on reload', async () => {
    const { page } = s.browser;
    await openPage(page, s.at(`${PAGE}/jobs`), locales.en.IMPORT_FROM_REPO_DESC);
    await page.reload();
    await waitForText(page, locales.en.IMPORT_FROM_REPO_DESC);
    expect(new URL(page.url()).pathname).toBe(`${PAGE}/jobs`);
    expect(await page.getByTestId('playground-not-here').count()).toBe(0);
    await s.browser.screenshot('playground-jobs-reloaded');
  });

  it('hides the menu entry without the App Store (openpitrix), like App Store Management', async () => {
    const { page } = s.browser;
    s.playground.emulator.setOptions({ openpitrix: false });
    await openPage(page, s.at('/'), 'Store Importer playground');
    await page.getByTestId('playground-home').waitFor();
    expect(await page.locator(NAV).count()).toBe(0);
    // The route stays: a bookmark still opens the page (which then reports the missing store).
    await openPage(page, s.at(PAGE), locales.en.IMPORT_FROM_REPO_DESC);
  });
});

describe('the /kapis proxy', () => {
  it('sends the signed-in user token, not the one the page sends, and never shows it to the page', async () => {
    const { emulator, url } = s.playground;
    const response = await fetch(s.at(`${API}/repos`), { headers: { Authorization: 'Bearer forged' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { name: string; url: string }[] };
    expect(body.items).toContainEqual(
      expect.objectContaining({ name: SAMPLE_REPO_NAME, url: s.playground.repoUrl }),
    );
    const html = await (await fetch(url)).text();
    expect(html).toContain('systemjs-importmap');
    expect(html).not.toContain(s.playground.userToken);
    const categories = await fetch(s.at('/kapis/application.kubesphere.io/v2/categories'));
    expect(categories.status).toBe(200);
    const log = (emulator.state() as { requestLog: { path: string; user: string }[] }).requestLog;
    expect(log.filter((entry) => entry.path.includes('/categories')).map((entry) => entry.user)).toContain(
      'admin',
    );
  });

  it('passes job events through as they happen', async () => {
    // Slow store writes so that the import takes a few seconds.
    s.playground.emulator.setFaults({ latencyMs: 300, methods: ['POST'] });
    const created = await fetch(s.at(`${API}/jobs`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        source: { url: s.playground.repoUrl },
        charts: ['hello-web', 'kv-cache', 'sql-lite'],
      }),
    });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    const stream = await fetch(s.at(`${API}/jobs/${id}/events`));
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const arrivals: { at: number; text: string }[] = [];
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = decoder.decode(value, { stream: true });
      arrivals.push({ at: Date.now(), text: chunk });
      text += chunk;
    }
    expect(text).toMatch(/"phase":"(Succeeded|PartiallyFailed)"/);
    const first = arrivals[0];
    const last = arrivals.at(-1);
    if (!first || !last) throw new Error('no events');
    // Events came one by one while the job ran, not all at once when it ended.
    expect(first.text).toContain('event: status');
    expect(last.at - first.at).toBeGreaterThan(300);
  });
});
