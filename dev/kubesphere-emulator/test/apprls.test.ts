// GET /applications (handler_apprls.go ListAppRls) over seeded ApplicationReleases: the labels of
// the route and `appID`, the labelSelector on appversion-id (labels.Parse: 400 when invalid), and
// that deleting a version in use is not refused (DeleteAppVersion checks no release).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, makeTgz, start, type ListBody } from './helpers.js';

let api: Api;
const names = (b: ListBody): string[] => (b.items ?? []).map((i) => i.metadata.name).sort();
const list = async (path: string): Promise<ListBody> => {
  const r = await api.req('GET', path);
  expect(r.status, r.text).toBe(200);
  return r.json as ListBody;
};

beforeAll(async () => {
  api = await start({ workspaces: ['ws1', 'ws2'] });
  const chart = makeTgz([{ name: 'demo/Chart.yaml', data: 'apiVersion: v2\nname: demo\nversion: 1.0.0\n' }]);
  await api.upload(chart, { appName: 'demo' });
  api.emu.seedRelease({ name: 'r1', app: 'demo', version: 'demo-1.0.0', workspace: 'ws1', namespace: 'ns1' });
  api.emu.seedRelease({ name: 'r2', app: 'demo', version: 'demo-2.0.0', workspace: 'ws2', namespace: 'ns2' });
  api.emu.seedRelease({
    name: 'r3',
    app: 'other',
    version: 'other-1.0.0',
    workspace: 'ws1',
    namespace: 'ns1',
  });
});
afterAll(async () => {
  await api.close();
});

describe('GET /applications', () => {
  it('lists every release across namespaces, with the label ks-core sets from spec.appVersionID', async () => {
    const all = await list('/applications');
    expect(names(all)).toEqual(['r1', 'r2', 'r3']);
    const r1 = (all.items ?? []).find((i) => i.metadata.name === 'r1');
    expect(r1?.metadata.labels?.['application.kubesphere.io/appversion-id']).toBe('demo-1.0.0');
  });

  it('narrows by the workspace or namespace of the route and by a set-based labelSelector', async () => {
    expect(names(await list('/workspaces/ws1/applications'))).toEqual(['r1', 'r3']);
    expect(names(await list('/namespaces/ns2/applications'))).toEqual(['r2']);
    const selector = encodeURIComponent(
      'application.kubesphere.io/appversion-id in (demo-1.0.0,other-1.0.0)',
    );
    expect(names(await list(`/applications?labelSelector=${selector}`))).toEqual(['r1', 'r3']);
    expect(names(await list(`/workspaces/ws2/applications?labelSelector=${selector}`))).toEqual([]);
  });

  it('answers an invalid labelSelector with 400', async () => {
    const r = await api.req('GET', `/applications?labelSelector=${encodeURIComponent('a in (')}`);
    expect(r.status).toBe(400);
  });

  it('does not refuse deleting a version a release uses', async () => {
    expect((await api.req('DELETE', '/apps/demo/versions/demo-1.0.0')).status).toBe(200);
  });
});
