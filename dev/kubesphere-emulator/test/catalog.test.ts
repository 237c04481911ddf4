// Categories and repos.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, makeTgz, start, type ListBody, type Wire } from './helpers.js';

let api: Api;
let repoServer: Server;
let repoUrl = '';
const chart = (name: string): Buffer =>
  makeTgz([{ name: `${name}/Chart.yaml`, data: `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n` }]);

beforeAll(async () => {
  api = await start({
    repos: [
      {
        name: 'bitnami',
        url: 'https://charts.bitnami.com/bitnami',
        credential: { username: 'u', password: 'p' },
      },
    ],
  });
  repoServer = createServer((req, res) => {
    if (req.url === '/charts/index.yaml') {
      if (req.headers.authorization !== `Basic ${Buffer.from('me:secret').toString('base64')}`) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/yaml' }).end('apiVersion: v1\nentries: {}\n');
      return;
    }
    if (req.url === '/open/index.yaml') {
      res.writeHead(200).end('apiVersion: v1\nentries: {}\n');
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => repoServer.listen(0, '127.0.0.1', r));
  repoUrl = `http://127.0.0.1:${(repoServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await api.close();
  await new Promise((r) => repoServer.close(r));
});

describe('categories', () => {
  it('kubesphere-app-uncategorized appears only once an app is labelled with it, with a count', async () => {
    expect((await api.req('GET', '/categories')).json).toEqual({ items: [], totalItems: 0 });
    await api.upload(chart('one'), { appName: 'one' });
    const c = (await api.req('GET', '/categories/kubesphere-app-uncategorized')).json as Wire;
    expect(c.status).toEqual({ total: 1 });
    expect(c.metadata.finalizers).toEqual(['categories.application.kubesphere.io']);
  });

  it('creates, counts, refuses to delete a used one (500) and the default one (400)', async () => {
    const body = {
      metadata: { name: 'database', annotations: { 'kubesphere.io/alias-name': 'Database' } },
      spec: { icon: 'db' },
    };
    const r = await api.req('POST', '/categories', body);
    expect(r.status).toBe(200);
    expect((r.json as Wire).metadata.annotations).toEqual({
      'kubesphere.io/alias-name': 'Database',
      'kubesphere.io/description': '',
    });
    const dup = await api.req('POST', '/categories', body);
    expect(dup.status).toBe(409);
    expect(dup.text).toBe('Category database already exists\n');
    await api.upload(chart('two'), { appName: 'two', categoryName: 'database' });
    expect(((await api.req('GET', '/categories/database')).json as Wire).status.total).toBe(1);
    const used = await api.req('DELETE', '/categories/database');
    expect(used.status).toBe(500);
    expect(used.text).toBe('can not delete helm category: database which owns applications\n');
    const def = await api.req('DELETE', '/categories/kubesphere-app-uncategorized');
    expect(def.status).toBe(400);
    expect(def.text).toBe("kubesphere-app-uncategorized is default Category can't be delete\n");
    // moving the app away frees the category
    await api.req('PATCH', '/apps/two', { categoryName: 'kubesphere-app-uncategorized' });
    expect(((await api.req('GET', '/categories/database')).json as Wire).status.total).toBe(0);
    expect(
      ((await api.req('GET', '/categories/kubesphere-app-uncategorized')).json as Wire).status.total,
    ).toBe(2);
    expect((await api.req('DELETE', '/categories/database')).json).toEqual({ message: 'success' });
    const nf = await api.req('GET', '/categories/database');
    expect(nf.status).toBe(404);
    expect(nf.text).toBe('Category.application.kubesphere.io "database" not found\n');
  });
});

describe('repos', () => {
  it('lists seeded global repos with their stored credential', async () => {
    const b = (await api.req('GET', '/repos')).json as ListBody;
    expect(b.items?.map((i) => i.metadata.name)).toEqual(['bitnami']);
    expect(b.items?.[0]?.spec.credential).toEqual({ username: 'u', password: 'p' });
    expect(b.items?.[0]?.metadata.labels).toEqual({ 'kubesphere.io/workspace': 'system-workspace' });
  });

  it('POST /repos loads the index with the credential, stores only URL userinfo as credential', async () => {
    const bad = await api.req('POST', '/repos', {
      metadata: { name: 'priv' },
      spec: { url: `${repoUrl}/charts` },
    });
    expect(bad.status).toBe(500);
    expect(bad.text).toBe(`failed to fetch ${repoUrl}/charts/index.yaml : 401 Unauthorized\n`);
    const ok = await api.req('POST', '/repos', {
      metadata: { name: 'priv', labels: { 'kubesphere.io/workspace': 'system-workspace' } },
      spec: { url: `${repoUrl}/charts`, credential: { username: 'me', password: 'secret' }, syncPeriod: 0 },
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ repo_id: 'priv' });
    const repo = (await api.req('GET', '/repos/priv')).json as Wire;
    expect(repo.spec).toEqual({ url: `${repoUrl}/charts`, credential: {}, syncPeriod: 0 });
    const withUser = `http://me:secret@127.0.0.1:${repoUrl.split(':')[2] ?? ''}/charts`;
    expect(
      (await api.req('POST', '/repos', { metadata: { name: 'priv2' }, spec: { url: withUser } })).status,
    ).toBe(200);
    expect(((await api.req('GET', '/repos/priv2')).json as Wire).spec.credential).toEqual({
      username: 'me',
      password: 'secret',
    });
    const dup = await api.req('POST', '/repos', { metadata: { name: 'priv2' }, spec: { url: withUser } });
    expect(dup.status).toBe(409);
    expect(dup.text).toBe('Repo priv2 already exists\n');
  });

  it('refuses the name "upload", supports validate, filters by workspace', async () => {
    const up = await api.req('POST', '/repos', {
      metadata: { name: 'upload' },
      spec: { url: `${repoUrl}/open` },
    });
    expect(up.status).toBe(400);
    expect(up.text).toBe('repo name upload is not allowed\n');
    expect(
      (
        await api.req('POST', '/repos?validate=1', {
          metadata: { name: 'v' },
          spec: { url: `${repoUrl}/open` },
        })
      ).json,
    ).toEqual({ ok: true });
    await api.req('POST', '/workspaces/ws1/repos', {
      metadata: { name: 'wsrepo', labels: { 'kubesphere.io/workspace': 'ws1' } },
      spec: { url: `${repoUrl}/open` },
    });
    const global = ((await api.req('GET', '/repos')).json as ListBody).items?.map((i) => i.metadata.name);
    expect(global).not.toContain('wsrepo');
    const ws = ((await api.req('GET', '/workspaces/ws1/repos')).json as ListBody).items?.map(
      (i) => i.metadata.name,
    );
    expect(ws).toContain('wsrepo');
    expect(ws).toContain('bitnami');
    expect((await api.req('POST', '/repos/wsrepo/action')).status).toBe(200);
    expect(((await api.req('GET', '/repos/wsrepo')).json as Wire).status.state).toBe('manualTrigger');
    expect((await api.req('DELETE', '/repos/wsrepo')).status).toBe(200);
    expect((await api.req('DELETE', '/repos/wsrepo')).text).toBe(
      'repos.application.kubesphere.io "wsrepo" not found\n',
    );
  });
});
