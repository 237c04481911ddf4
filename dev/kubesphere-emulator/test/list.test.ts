// GET list endpoints: conditions, labelSelector, name, label, annotation, paging, sorting, workspaces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, makeTgz, start, type ListBody } from './helpers.js';

let api: Api;
const chart = (name: string, version = '1.0.0'): Buffer =>
  makeTgz([{ name: `${name}/Chart.yaml`, data: `apiVersion: v2\nname: ${name}\nversion: ${version}\n` }]);
const names = (b: ListBody): string[] => (b.items ?? []).map((i) => i.metadata.name);
const list = async (q: string): Promise<ListBody> => (await api.req('GET', `/apps${q}`)).json as ListBody;

beforeAll(async () => {
  api = await start();
  await api.upload(chart('alpha'), { appName: 'alpha', aliasName: 'First One' });
  await api.upload(chart('beta'), { appName: 'beta', workspace: 'ws1', categoryName: 'db' });
  await api.upload(chart('gamma'), { appName: 'gamma', workspace: 'system-workspace' });
  await api.upload(chart('delta'), { appName: 'delta', workspace: 'ws2' });
  await api.req('POST', '/apps/beta/versions/beta-1.0.0/action', { state: 'active' });
  await api.req('POST', '/apps/beta/action', { state: 'active' });
});
afterAll(async () => {
  await api.close();
});

describe('GET /apps', () => {
  it('returns {items, totalItems}, newest first (ties by name, descending)', async () => {
    const b = await list('');
    expect(b.totalItems).toBe(4);
    const key = (i: { metadata: { name: string; creationTimestamp?: string } }): string =>
      `${i.metadata.creationTimestamp ?? ''}|${i.metadata.name}`;
    const expected = [...(b.items ?? [])]
      .sort((x, y) => (key(x) < key(y) ? 1 : -1))
      .map((i) => i.metadata.name);
    expect(names(b)).toEqual(expected);
    expect(names(await list('?ascending=true'))).toEqual([...expected].reverse());
    expect(names(await list('?sortBy=name&ascending=true'))).toEqual(['alpha', 'beta', 'delta', 'gamma']);
  });

  it('filters by conditions=status=a|b and answers invalid conditions with 500', async () => {
    expect(names(await list('?conditions=status=active'))).toEqual(['beta']);
    expect(names(await list('?conditions=status=active|draft&sortBy=name'))).toEqual([
      'gamma',
      'delta',
      'beta',
      'alpha',
    ]);
    const r = await api.req('GET', '/apps?conditions=st(atus=x');
    expect(r.status).toBe(500);
    expect(r.text).toBe('invalid conditions\n');
  });

  it('filters by labelSelector (invalid -> 400), label=, annotation=, name (name or alias)', async () => {
    expect(names(await list('?labelSelector=application.kubesphere.io/app-category-name=db'))).toEqual([
      'beta',
    ]);
    expect(names(await list('?labelSelector=kubesphere.io/workspace%20in%20(ws1,ws2)&sortBy=name'))).toEqual([
      'delta',
      'beta',
    ]);
    expect(names(await list('?labelSelector=application.kubesphere.io/app-store'))).toEqual(['beta']);
    expect(
      names(await list('?labelSelector=!application.kubesphere.io/app-store&sortBy=name&ascending=true')),
    ).toEqual(['alpha', 'delta', 'gamma']);
    const bad = await api.req('GET', '/apps?labelSelector=a%3D%3Db%3Dc%3D');
    expect(bad.status).toBe(400);
    expect(names(await list('?label=kubesphere.io/workspace=ws2'))).toEqual(['delta']);
    expect(names(await list('?annotation=kubesphere.io/alias-name=First%20One'))).toEqual(['alpha']);
    expect(names(await list('?name=first'))).toEqual(['alpha']);
    expect(names(await list('?name=lph'))).toEqual(['alpha']);
    expect(names(await list('?name=ALPH'))).toEqual([]);
  });

  it('pages with page/limit; limit absent = all; out of range = empty', async () => {
    const p1 = await list('?limit=3&page=1&sortBy=name&ascending=true');
    expect(names(p1)).toEqual(['alpha', 'beta', 'delta']);
    expect(p1.totalItems).toBe(4);
    expect(names(await list('?limit=3&page=2&sortBy=name&ascending=true'))).toEqual(['gamma']);
    expect(names(await list('?limit=3&page=3'))).toEqual([]);
    expect(names(await list('?page=2'))).toHaveLength(4);
  });

  it('writes items: null when a filter matched nothing (Go nil slice)', async () => {
    expect((await api.req('GET', '/apps?name=zzz')).json).toEqual({ items: null, totalItems: 0 });
  });

  it('workspace routes show that workspace and system-workspace only', async () => {
    const b = (await api.req('GET', '/workspaces/ws1/apps?sortBy=name&ascending=true')).json as ListBody;
    expect(names(b)).toEqual(['beta', 'gamma']);
  });

  it('the store query of the console works', async () => {
    const b = await list(
      '?conditions=status=active&labelSelector=application.kubesphere.io/repo-name=upload',
    );
    expect(names(b)).toEqual(['beta']);
  });
});

describe('GET /apps/{app}/versions', () => {
  it('filters by app, status and workspace', async () => {
    await api.upload(chart('alpha', '2.0.0'), {}, '/workspaces/ws9/apps/alpha/versions');
    const all = (await api.req('GET', '/apps/alpha/versions')).json as ListBody;
    expect(all.totalItems).toBe(2);
    const ws = (await api.req('GET', '/workspaces/ws9/apps/alpha/versions')).json as ListBody;
    expect(names(ws)).toEqual(['alpha-2.0.0']);
    const draft = (await api.req('GET', '/apps/alpha/versions?conditions=status=active')).json as ListBody;
    expect(draft.totalItems).toBe(0);
  });
});
