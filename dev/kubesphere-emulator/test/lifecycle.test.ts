// States and actions, deletes, PATCH, package/files endpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, buildChart, start, type ListBody, type Wire } from './helpers.js';

let api: Api;
let v1: Buffer;
let v2: Buffer;

beforeAll(async () => {
  api = await start();
  v1 = buildChart({ name: 'life', version: '1.0.0' });
  v2 = buildChart({ name: 'life', version: '2.0.0' });
});
afterAll(async () => {
  await api.close();
});

async function fresh(name: string): Promise<void> {
  expect((await api.upload(v1, { appName: name })).status).toBe(200);
  expect((await api.upload(v2, {}, `/apps/${name}/versions`)).status).toBe(200);
}
const state = async (path: string): Promise<unknown> =>
  ((await api.req('GET', path)).json as Wire).status.state;

describe('version action', () => {
  it('writes any state as given, keeps the old message when none is sent, takes userName from the body', async () => {
    await fresh('va');
    const r = await api.req('POST', '/apps/va/versions/va-1.0.0/action', {
      state: 'submitted',
      message: 'please',
      userName: 'bob',
    });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ message: 'success' });
    expect(
      (await api.req('POST', '/apps/va/versions/va-1.0.0/action', { state: 'no-such-state' })).status,
    ).toBe(200);
    const v = (await api.req('GET', '/apps/va/versions/va-1.0.0')).json as Wire;
    expect(v.status).toMatchObject({ state: 'no-such-state', message: 'please', userName: 'bob' });
    const nf = await api.req('POST', '/apps/va/versions/va-9/action', { state: 'active' });
    expect(nf.status).toBe(404);
    expect(nf.text).toBe('ApplicationVersion.application.kubesphere.io "va-9" not found\n');
  });
});

describe('app action', () => {
  it('active needs a draft/suspended app with an active or passed version; violations are 500 plain text', async () => {
    await fresh('aa');
    const r = await api.req('POST', '/apps/aa/action', { state: 'active' });
    expect(r.status).toBe(500);
    expect(r.text).toBe('app aa has no active or passed appversion\n');
    const s = await api.req('POST', '/apps/aa/action', { state: 'suspended' });
    expect(s.status).toBe(500);
    expect(s.text).toBe('app aa is not in active status\n');
    await api.req('POST', '/apps/aa/versions/aa-1.0.0/action', { state: 'passed' });
    expect((await api.req('POST', '/apps/aa/action', { state: 'active' })).status).toBe(200);
    const app = (await api.req('GET', '/apps/aa')).json as Wire;
    expect(app.status.state).toBe('active');
    expect(app.metadata.labels?.['application.kubesphere.io/app-store']).toBe('true');
    const again = await api.req('POST', '/apps/aa/action', { state: 'active' });
    expect(again.status).toBe(500);
    expect(again.text).toBe('app aa is not in draft or suspended status\n');
    // "passed" versions do not follow the app; active/suspended ones do
    expect(await state('/apps/aa/versions/aa-1.0.0')).toBe('passed');
  });

  it('suspending and re-activating the app carries active/suspended versions along', async () => {
    await fresh('sus');
    await api.req('POST', '/apps/sus/versions/sus-1.0.0/action', { state: 'active' });
    await api.req('POST', '/apps/sus/action', { state: 'active' });
    expect((await api.req('POST', '/apps/sus/action', { state: 'suspended' })).status).toBe(200);
    expect(await state('/apps/sus')).toBe('suspended');
    expect(await state('/apps/sus/versions/sus-1.0.0')).toBe('suspended');
    expect(await state('/apps/sus/versions/sus-2.0.0')).toBe('draft');
    const v = (await api.req('GET', '/apps/sus/versions/sus-1.0.0')).json as Wire;
    expect(v.status.userName).toBe('admin');
    // suspended versions do not count as "active or passed"
    const r = await api.req('POST', '/apps/sus/action', { state: 'active' });
    expect(r.text).toBe('app sus has no active or passed appversion\n');
  });

  it('suspending the last active version puts an active app back to draft (checkAppStatus)', async () => {
    await fresh('last');
    await api.req('POST', '/apps/last/versions/last-1.0.0/action', { state: 'active' });
    await api.req('POST', '/apps/last/action', { state: 'active' });
    await api.req('POST', '/apps/last/versions/last-1.0.0/action', { state: 'suspended' });
    expect(await state('/apps/last')).toBe('draft');
  });

  it('has no workspace route and a bad body is 400', async () => {
    await fresh('nows');
    expect((await api.req('POST', '/workspaces/x/apps/nows/action', { state: 'active' })).status).toBe(404);
    const r = await api.req('POST', '/apps/nows/action', undefined, {
      raw: '{',
      contentType: 'application/json',
    });
    expect(r.status).toBe(400);
  });
});

describe('deletes', () => {
  it('DELETE app removes its versions and packages', async () => {
    await fresh('del');
    expect((await api.req('DELETE', '/apps/del')).json).toEqual({ message: 'success' });
    expect((await api.req('GET', '/apps/del/versions/del-1.0.0')).status).toBe(404);
    const st = api.emu.state() as { packages: { key: string }[] };
    expect(st.packages.some((p) => p.key.startsWith('del-'))).toBe(false);
    const again = await api.req('DELETE', '/apps/del');
    expect(again.status).toBe(404);
    expect(again.text).toBe('Application.application.kubesphere.io "del" not found\n');
  });

  it('DELETE version leaves the app and its latest-app-version annotation alone; unknown -> API server 404 text', async () => {
    await fresh('delv');
    expect((await api.req('DELETE', '/apps/delv/versions/delv-2.0.0')).status).toBe(200);
    const app = (await api.req('GET', '/apps/delv')).json as Wire;
    expect(app.metadata.annotations?.['application.kubesphere.io/latest-app-version']).toBe('2.0.0');
    const r = await api.req('DELETE', '/apps/delv/versions/delv-2.0.0');
    expect(r.status).toBe(404);
    expect(r.text).toBe('applicationversions.application.kubesphere.io "delv-2.0.0" not found\n');
    // the package went with the version: uploading it again stores the new bytes
    expect((await api.upload(v2, {}, '/apps/delv/versions')).status).toBe(200);
  });
});

describe('PATCH /apps/{app}', () => {
  it('overwrites category, icon, description, alias, abstraction, appHome (missing fields become empty)', async () => {
    await fresh('pa');
    const r = await api.req('PATCH', '/apps/pa', { categoryName: 'db', aliasName: 'Pa', description: 'd' });
    expect(r.status).toBe(200);
    const app = r.json as Wire;
    expect(app.kind).toBeUndefined();
    expect(app.metadata.labels?.['application.kubesphere.io/app-category-name']).toBe('db');
    expect(app.metadata.annotations?.['kubesphere.io/alias-name']).toBe('Pa');
    expect(app.spec.icon).toBeUndefined();
    expect(app.spec.abstraction).toBeUndefined();
    const r2 = await api.req('PATCH', '/apps/pa', {});
    expect((r2.json as Wire).metadata.labels?.['application.kubesphere.io/app-category-name']).toBe('');
  });
});

describe('package and files', () => {
  it('returns {versionID, package, appID} and the chart files', async () => {
    await fresh('pkg');
    const r = await api.req('GET', '/apps/pkg/versions/pkg-1.0.0/package');
    const body = r.json as Record<string, string>;
    expect(Object.keys(body)).toEqual(['appID', 'package', 'versionID']);
    expect(Buffer.from(body.package ?? '', 'base64').equals(v1)).toBe(true);
    const f = (await api.req('GET', '/apps/pkg/versions/pkg-1.0.0/files')).json as Record<string, string>;
    expect(Buffer.from(f['Chart.yaml'] ?? '', 'base64').toString()).toContain('name: life');
    expect(f['templates/deployment.yaml']).toBeDefined();
    const nf = await api.req('GET', '/apps/pkg/versions/nope/package');
    expect(nf.status).toBe(500);
    expect(nf.text).toBe('ApplicationVersion.application.kubesphere.io "nope" not found\n');
  });

  it('lists versions of an app', async () => {
    const l = (await api.req('GET', '/apps/pkg/versions?sortBy=versionName')).json as ListBody;
    expect(l.items?.map((i) => i.spec.versionName)).toEqual(['2.0.0', '1.0.0']);
    const a = (await api.req('GET', '/apps/pkg/versions?sortBy=versionName&ascending=true')).json as ListBody;
    expect(a.items?.map((i) => i.spec.versionName)).toEqual(['1.0.0', '2.0.0']);
  });
});
