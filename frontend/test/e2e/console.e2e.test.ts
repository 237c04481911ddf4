// The extension inside the real KubeSphere console (4.1.1 from npm), in Chromium: Import from Repo is
// in the header's extension drawer for App Store managers and opens the page, the page follows the
// console's language, a deep link survives a reload, the entry is gated on the App Store like App
// Store Management, and the console server's /kapis proxy acts as in a cluster (the session's token,
// never shown to the page; event streams unbuffered). No console errors anywhere.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { PASSWORD, SAMPLE_REPO_NAME } from '@store-importer/playground';
import locales from '../../src/locales';
import { openBrowser, openPage, signIn, waitForText } from './support/browser';
import { startPlaygroundSession, type PlaygroundSession } from './support/playground';

const PAGE = '/apps-manage/store-importer';
const API = '/kapis/storeimporter.kubesphere.io/v1alpha1';

let s: PlaygroundSession;

beforeAll(async () => {
  s = await startPlaygroundSession();
}, 600_000);

afterAll(async () => {
  await s.stop();
});

afterEach(async () => {
  s.playground.emulator.clearFaults();
  s.playground.emulator.setOptions({ openpitrix: true });
  const { consoleErrors, failedRequests } = await s.browser.settle();
  expect({ consoleErrors, failedRequests }).toEqual({ consoleErrors: [], failedRequests: [] });
});

/** Opens the header's extension drawer (the grid button) and returns the entry titles it lists. */
async function drawerEntries(page: Page, title = locales.en.STORE_IMPORTER_MENU): Promise<string[]> {
  await page.goto(s.at('/dashboard'), { waitUntil: 'domcontentloaded' });
  await page.locator('button.extension-button').click();
  // the drawer (Header/ExtensionComp): its entries, or its empty state
  const entry = page.getByText(title, { exact: true });
  const empty = page.getByText(/^(No Extension Found|未发现扩展组件)$/);
  await Promise.race([empty.first().waitFor(), entry.waitFor()]);
  return (await entry.count()) > 0 ? [title] : [];
}

// Page loads on a busy 2-core machine can take seconds each.
describe('the extension in the KubeSphere console', { timeout: 60_000 }, () => {
  it("is listed in the header's extension drawer and opens the Import from Repo page", async () => {
    const { page } = s.browser;
    expect(await drawerEntries(page)).toEqual([locales.en.STORE_IMPORTER_MENU]);
    await s.browser.screenshot('console-drawer', { fullPage: false });
    await page.getByText(locales.en.STORE_IMPORTER_MENU, { exact: true }).click();
    await waitForText(page, locales.en.IMPORT_FROM_REPO_DESC);
    expect(new URL(page.url()).pathname).toBe(PAGE);
    await s.browser.screenshot('console-page-en');
  });

  it('speaks Chinese in a Chinese browser, as the console does', async () => {
    // core/src/utils/i18n.ts: the user's language (spec.lang), else the browser's
    const browser = await openBrowser({ locale: 'zh-CN' });
    try {
      await signIn(browser.page, s.playground.url, 'admin', PASSWORD);
      await openPage(browser.page, s.at(PAGE), locales.zh.IMPORT_FROM_REPO_DESC);
      await browser.screenshot('console-page-zh');
      expect(await drawerEntries(browser.page, locales.zh.STORE_IMPORTER_MENU)).toEqual([
        locales.zh.STORE_IMPORTER_MENU,
      ]);
      expect((await browser.settle()).consoleErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('loads a deep link again on reload', async () => {
    const { page } = s.browser;
    await openPage(page, s.at(`${PAGE}/jobs`), locales.en.IMPORT_FROM_REPO_DESC);
    await page.reload();
    await waitForText(page, locales.en.IMPORT_FROM_REPO_DESC);
    expect(new URL(page.url()).pathname).toBe(`${PAGE}/jobs`);
  });

  it('leaves the drawer without the entry when the App Store (openpitrix) is not installed', async () => {
    const { page } = s.browser;
    s.playground.emulator.setOptions({ openpitrix: false });
    expect(await drawerEntries(page)).toEqual([]);
    // The route stays: a bookmark still opens the page (which then reports the missing store).
    await openPage(page, s.at(PAGE), locales.en.IMPORT_FROM_REPO_DESC);
  });
});

interface StoredApp {
  metadata: { name: string };
  spec: { icon?: string };
}

describe("what an import puts in the console's App Store", { timeout: 90_000 }, () => {
  it('lists the released apps with icons and categories, and the job links open their pages', async () => {
    const { page } = s.browser;
    const created = await s.fetchAsUser(`${API}/jobs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ source: { url: s.playground.repoUrl }, charts: ['hello-web', 'kv-cache'] }),
    });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    await openPage(page, s.at(`${PAGE}/jobs/${id}`), locales.en.IMPORT_FROM_REPO_DESC);
    const link = page.locator(
      '[data-testid="job-charts-row"][data-key="hello-web"] [data-testid="job-app-link"]',
    );
    await link.waitFor({ timeout: 30_000 });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/apps\/hello-web-[a-z0-9]{5}$/);
    const apps = (s.playground.emulator.state() as { apps: StoredApp[] }).apps;
    const hello = apps.find((app) => `/apps/${app.metadata.name}` === href);
    if (!hello) throw new Error(`${href} is not in the store`);

    // The job's link opens the App Store's page of the app, with its version.
    await link.click();
    await page.waitForURL((url) => url.pathname === `/apps/${hello.metadata.name}`);
    await waitForText(page, 'A static web server that says hello');
    await waitForText(page, /1\.0\.0/);
    await s.browser.screenshot('console-app-page');

    // /apps lists both with their icons (stored at import: the chart's SVG as PNG base64, which the
    // console shows as a data: URL; icons.e2e.test.ts has the details) and filters by category.
    await openPage(page, s.at('/apps'), hello.metadata.name);
    expect(hello.spec.icon).toMatch(/^iVBORw0KGgo[A-Za-z0-9+/]+=*$/);
    await expect
      .poll(() => page.locator(`img[src^="data:"][src$=",${hello.spec.icon ?? ''}"]`).count())
      .toBeGreaterThan(0);
    await s.browser.screenshot('console-apps');
    await page.getByText('Web Servers', { exact: true }).first().click();
    // the filtered list replaces the whole one (it is briefly empty while it loads): wait for both
    // at once, hello-web (Web Servers) shown and kv-cache (Database) gone
    await expect
      .poll(async () => [
        await page.getByText(`hello-web(${hello.metadata.name})`).count(),
        await page.getByText(/kv-cache\(/).count(),
      ])
      .toEqual([1, 0]);
  });
});

/** The browser's console session (its token cookie), for requests made outside the page. */
async function sessionCookie(): Promise<string> {
  const cookies = await s.browser.context.cookies(s.playground.url);
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

describe("the console server's /kapis proxy", { timeout: 60_000 }, () => {
  it("sends the session's token, not one the page sends, and never shows it to the page", async () => {
    const { emulator } = s.playground;
    const cookie = await sessionCookie();
    const token = /(?:^|; )token=([^;]+)/.exec(cookie)?.[1];
    expect(token).toBeTruthy();
    const response = await fetch(s.at(`${API}/repos`), {
      headers: { Cookie: cookie, Authorization: 'Bearer forged' },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { name: string; url: string }[] };
    expect(body.items).toContainEqual(
      expect.objectContaining({ name: SAMPLE_REPO_NAME, url: s.playground.repoUrl }),
    );
    const html = await (await fetch(s.at(PAGE), { headers: { Cookie: cookie } })).text();
    expect(html).toContain('systemjs-importmap');
    expect(html).not.toContain(token);
    const log = (emulator.state() as { requestLog: { path: string; user: string }[] }).requestLog;
    expect(log.filter((entry) => entry.path.startsWith(`${API}/repos`)).map((entry) => entry.user)).toContain(
      'admin',
    );
  });

  it('passes job events through as they happen', async () => {
    const cookie = await sessionCookie();
    // Slow store writes so that the import takes a few seconds.
    s.playground.emulator.setFaults({ latencyMs: 300, methods: ['POST'] });
    const created = await fetch(s.at(`${API}/jobs`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({
        source: { url: s.playground.repoUrl },
        charts: ['hello-web', 'kv-cache', 'sql-lite'],
      }),
    });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };
    const stream = await fetch(s.at(`${API}/jobs/${id}/events`), { headers: { Cookie: cookie } });
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
