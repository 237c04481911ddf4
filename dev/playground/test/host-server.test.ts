// The host server with stand-in upstreams and files: what each path serves, the page's globals,
// and the fallback when the port is taken.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PageGlobals } from '../host/globals.js';
import { close, listen } from '../src/http.js';
import { startHostServer, type HostServer } from '../src/host-server.js';
import { sessionUser } from '../src/users.js';

const TOKEN = 'admin-token-93ab';
let work: string;
let kubesphere: Server;
let blocker: Server;
let blockedPort: number;
let host: HostServer;
let openpitrix = true;

function named(name: string): Server {
  return createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ name, url: req.url, authorization: req.headers.authorization }));
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'host-server-'));
  await mkdir(join(work, 'dist'));
  await writeFile(join(work, 'dist', 'index.js'), 'System.register([], function () { return {}; });\n');
  await mkdir(join(work, 'host', 'chunks'), { recursive: true });
  await writeFile(join(work, 'host', 'console.js'), '// console\n');
  kubesphere = named('kubesphere');
  const kubesphereUrl = await listen(kubesphere, 0, '127.0.0.1');
  blocker = createServer();
  blockedPort = Number(new URL(await listen(blocker, 0, '127.0.0.1')).port);
  host = await startHostServer({
    host: '127.0.0.1',
    port: blockedPort,
    hostBuildDir: join(work, 'host'),
    frontendDistDir: join(work, 'dist'),
    kubesphere: { name: 'KubeSphere emulator', url: kubesphereUrl, token: TOKEN },
    defaultLang: 'en',
    user: sessionUser('admin'),
    openpitrix: () => openpitrix,
  });
});

afterAll(async () => {
  await host.close();
  await Promise.all([close(kubesphere), close(blocker)]);
  await rm(work, { recursive: true, force: true });
});

async function globalsOf(path: string, cookie?: string): Promise<PageGlobals> {
  const response = await fetch(`${host.url}${path}`, cookie ? { headers: { Cookie: cookie } } : {});
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await response.text();
  expect(html).not.toContain(TOKEN);
  const encoded = /decodeURIComponent\(("[^"]*")\)/.exec(html)?.[1];
  if (encoded === undefined) throw new Error('no globals in the page');
  return JSON.parse(decodeURIComponent(JSON.parse(encoded) as string)) as PageGlobals;
}

describe('the host server', () => {
  it('takes another port when the one asked for is taken, and says which', () => {
    expect(host.busyPort).toBe(blockedPort);
    expect(new URL(host.url).port).not.toBe(String(blockedPort));
  });

  it('serves the page for every client-side route, with the console globals', async () => {
    const globals = await globalsOf('/apps-manage/store-importer/jobs/imp-1');
    expect(globals.user).toMatchObject({ username: 'admin', globalrole: 'platform-admin', lang: 'en' });
    expect(globals.user.globalRules).toEqual(sessionUser('admin').globalRules);
    expect(globals.ksConfig).toEqual({ openpitrix: true });
    expect(globals.installedExtensions).toEqual([
      expect.objectContaining({ extensionName: 'store-importer', link: '/dist/store-importer/index.js' }),
    ]);
    const html = await (await fetch(`${host.url}/`)).text();
    expect(html).toContain('"react":"core:react"');
    expect(html.indexOf('systemjs-importmap')).toBeLessThan(html.indexOf('system.min.js'));
  });

  it('follows the lang cookie and the App Store state', async () => {
    expect((await globalsOf('/', 'lang=zh')).user.lang).toBe('zh');
    expect((await globalsOf('/', 'lang=fr')).user.lang).toBe('en');
    openpitrix = false;
    expect((await globalsOf('/')).ksConfig).toEqual({ openpitrix: false });
    openpitrix = true;
  });

  it('serves the bundle where ks-apiserver and ks-console do, and the host files', async () => {
    for (const path of [
      '/dist/store-importer/index.js',
      '/pstatic/dist/store-importer/index.js?resourceVersion=1',
    ]) {
      const response = await fetch(`${host.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(await response.text()).toMatch(/^System\.register/);
    }
    expect((await fetch(`${host.url}/playground/host/console.js`)).status).toBe(200);
    expect((await fetch(`${host.url}/playground/systemjs/system.min.js`)).status).toBe(200);
    expect((await fetch(`${host.url}/playground/host/..%2F..%2F..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await fetch(`${host.url}/dist/store-importer/missing.js`)).status).toBe(404);
  });

  it('proxies all of /kapis to KubeSphere with the token: the extension API too, as ks-console does', async () => {
    const api = (await (
      await fetch(`${host.url}/kapis/storeimporter.kubesphere.io/v1alpha1/jobs`)
    ).json()) as Record<string, string>;
    expect(api).toEqual({
      name: 'kubesphere',
      url: '/kapis/storeimporter.kubesphere.io/v1alpha1/jobs',
      authorization: `Bearer ${TOKEN}`,
    });
    const store = (await (
      await fetch(`${host.url}/kapis/application.kubesphere.io/v2/apps`)
    ).json()) as Record<string, string>;
    expect(store).toMatchObject({ name: 'kubesphere', url: '/kapis/application.kubesphere.io/v2/apps' });
    expect((await fetch(`${host.url}/anything`, { method: 'POST' })).status).toBe(404);
  });
});
