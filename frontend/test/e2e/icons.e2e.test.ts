// Icons stored at import time, shown by the KubeSphere console's own App Store pages with no way
// out: charts whose icons (a PNG, an SVG) are on a local server are imported through the service,
// the icon server is stopped and the browser may reach the console's origin only; the App Store
// list (/apps, AppCard) and an app's page (Banner) still paint each icon, from a data: URL
// (formatImageUrl in the console's shared Image component). An icon that could not be fetched
// stays the chart's URL, which the blocked browser cannot load: the console shows its letter
// avatar instead.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { JobRecord } from '@store-importer/backend/contract';
import { png } from '@store-importer/emulator-kit';
import { close, listen } from '@store-importer/playground';
import { API, closedUrl } from './support/flow';
import { startPlaygroundSession, type PlaygroundSession } from './support/playground';

/** What formatImageUrl puts before a stored (base64) icon. */
const DATA_PREFIX = 'data:image/png;data:image/svg;data:image/jpg;base64,';
const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" rx="12" fill="#7a3"/>' +
  '<circle cx="32" cy="32" r="18" fill="#fff"/></svg>';
const ENDED = ['Succeeded', 'PartiallyFailed', 'Failed', 'Cancelled'];
/** The sample charts imported, and their icons: a PNG, an SVG, and one nothing serves. */
const CHARTS = { png: 'hello-web', svg: 'kv-cache', lost: 'sql-lite' } as const;

interface StoredApp {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: { icon?: string };
}

let s: PlaygroundSession;
let iconServer: Server;
let iconOrigin: string;
/** paths the icon server was asked for */
const iconRequests: string[] = [];
let repo: Server;
let repoUrl: string;
/** where the unfetchable icon points: nothing listens there */
let gone: string;
/** every URL the page asked for outside the console's origin */
const outside: string[] = [];

/**
 * The playground's sample repository, its index.yaml's icons pointed elsewhere: the PNG and SVG of
 * the icon server, and `gone` (the importer takes a chart's icon from the index when Chart.yaml
 * names none, as the sample charts do).
 */
async function repoWithIcons(upstream: string): Promise<{ server: Server; url: string }> {
  const iconOf: Record<string, string> = {
    [CHARTS.png]: `${iconOrigin}/icon.png`,
    [CHARTS.svg]: `${iconOrigin}/icon.svg`,
    [CHARTS.lost]: gone,
  };
  const forward = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const answer = await fetch(`${upstream}${req.url ?? '/'}`, { method: req.method });
    let body = Buffer.from(await answer.arrayBuffer());
    if (new URL(req.url ?? '/', upstream).pathname === '/index.yaml')
      body = Buffer.from(
        body
          .toString('utf8')
          .replace(/^(\s*icon: )\S+\/icons\/([a-z0-9-]+)\.svg$/gm, (line, key: string, chart: string) =>
            chart in iconOf ? `${key}${iconOf[chart] ?? ''}` : line,
          ),
      );
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' });
    res.end(body);
  };
  const server = createServer((req, res) => {
    forward(req, res).catch(() => {
      res.destroy();
    });
  });
  return { server, url: await listen(server, 0, '127.0.0.1') };
}

beforeAll(async () => {
  s = await startPlaygroundSession();
  iconServer = createServer((req, res) => {
    iconRequests.push(req.url ?? '');
    if (req.url === '/icon.png')
      res.writeHead(200, { 'content-type': 'image/png' }).end(png(48, 48, 0x2266cc));
    else if (req.url === '/icon.svg') res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(ICON_SVG);
    else res.writeHead(404).end();
  });
  iconOrigin = await listen(iconServer, 0, '127.0.0.1');
  gone = `${await closedUrl()}/gone.png`;
  ({ server: repo, url: repoUrl } = await repoWithIcons(s.playground.repoUrl));
}, 600_000);

afterAll(async () => {
  await s.stop();
  await close(repo);
  if (iconServer.listening) await close(iconServer);
});

/** The store's app of a chart (the emulator's record). */
function appOf(chart: string): StoredApp {
  const apps = (s.playground.emulator.state() as { apps: StoredApp[] }).apps;
  const app = apps.find(
    (a) => a.metadata.annotations?.['application.kubesphere.io/app-originalName'] === chart,
  );
  if (!app) throw new Error(`no app for ${chart}`);
  return app;
}

/** Imports the repository's charts through the service, as the page's Import button does. */
async function importAll(): Promise<void> {
  const created = await s.fetchAsUser(`${API}/jobs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ source: { url: repoUrl }, charts: Object.values(CHARTS) }),
  });
  expect(created.status).toBe(202);
  const { id } = (await created.json()) as JobRecord;
  await expect
    .poll(
      async () => {
        const job = (await (await s.fetchAsUser(`${API}/jobs/${id}`)).json()) as JobRecord;
        return ENDED.includes(job.status.phase) ? job.status.phase : 'running';
      },
      { timeout: 60_000, interval: 500 },
    )
    .toBe('Succeeded');
}

/** naturalWidth of the console's icon <img> showing `src`, once it has loaded (0 when it failed). */
async function paintedWidth(page: Page, src: string): Promise<number> {
  const img = page.locator(`img[src="${src}"]`).first();
  await img.waitFor();
  return img.evaluate(async (element: HTMLImageElement) => {
    await element.decode().catch(() => undefined);
    return element.naturalWidth;
  });
}

describe("the console's App Store shows stored icons with no way out", { timeout: 120_000 }, () => {
  it('paints each imported icon from a data: URL, and the letter avatar for one never fetched', async () => {
    await importAll();
    // The backend read each icon once; from now on nothing serves them.
    expect(iconRequests.sort()).toEqual(['/icon.png', '/icon.svg']);
    await close(iconServer);

    const { page } = s.browser;
    const consoleOrigin = new URL(s.playground.url).origin;
    page.on('request', (request) => {
      if (!request.url().startsWith('data:') && new URL(request.url()).origin !== consoleOrigin)
        outside.push(request.url());
    });
    await page.route('**/*', (route) =>
      new URL(route.request().url()).origin === consoleOrigin
        ? route.continue()
        : route.abort('blockedbyclient'),
    );

    // the PNG as it was imported (48 px), the SVG as its 256 px rendering
    const stored = [
      { app: appOf(CHARTS.png), width: 48 },
      { app: appOf(CHARTS.svg), width: 256 },
    ];
    const lost = appOf(CHARTS.lost);
    // What the store holds: bare base64 for the fetched ones, the chart's URL for the lost one.
    for (const { app } of stored) expect(app.spec.icon).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(lost.spec.icon).toBe(gone);

    await page.goto(s.at('/apps'), { waitUntil: 'domcontentloaded' });
    for (const { app, width } of stored)
      expect(await paintedWidth(page, `${DATA_PREFIX}${app.spec.icon ?? ''}`)).toBe(width);

    // The lost icon's <img> errs (blocked) and the console swaps it for the name's first letter.
    await expect
      .poll(() => outside.filter((url) => url === gone).length, { timeout: 15_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => page.locator(`img[src="${gone}"]`).count()).toBe(0);
    await page.getByText(`${CHARTS.lost}(${lost.metadata.name})`).first().waitFor();
    const avatar = page.locator('span', { hasText: /^S$/ });
    await expect.poll(() => avatar.count()).toBe(1);
    await s.browser.screenshot('icons-apps');

    // The app's own page (its Banner) shows it from the stored icon too.
    const pngApp = stored[0]?.app;
    if (!pngApp) throw new Error(`no ${CHARTS.png} app`);
    await page.goto(s.at(`/apps/${pngApp.metadata.name}`), { waitUntil: 'domcontentloaded' });
    expect(await paintedWidth(page, `${DATA_PREFIX}${pngApp.spec.icon ?? ''}`)).toBe(48);
    await s.browser.screenshot('icons-app-page', { fullPage: false });

    // Nothing went to the icon server; the only way out tried was the lost icon's URL.
    expect(outside.filter((url) => url.startsWith(iconOrigin))).toEqual([]);
    expect([...new Set(outside)]).toEqual([gone]);
    // and the blocked icon is the only thing that failed or was logged as an error
    const { consoleErrors, failedRequests } = await s.browser.settle();
    expect(failedRequests.filter((line) => !line.startsWith(`GET ${gone}: `))).toEqual([]);
    expect(consoleErrors.filter((line) => !line.includes('net::ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
  });
});
