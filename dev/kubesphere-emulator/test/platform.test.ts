// What the emulator answers ks-console besides the App Store, as ks-core 4.1 does: the version,
// configs, the signed-in user and its role templates, tenants, the extension objects, and an
// installed extension's bundle under /dist. Who may ask is ks-core's: the anonymous and
// authenticated GlobalRoles (with the latter's rego policy), the excluded paths of the release.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type ChartObject, type KsVersion, type RunningEmulator } from '../src/index.js';

const PASSWORD = 'P@88w0rd';
const SERVICE_HOST = 'store-importer.extension-store-importer.svc:80';
const BUNDLE = 'System.register([],function(e){return{execute:function(){e("default",{})}}});';

/** What an extension's chart renders (as charts/backend does, shortened). */
const OBJECTS: ChartObject[] = [
  {
    apiVersion: 'extensions.kubesphere.io/v1alpha1',
    kind: 'JSBundle',
    metadata: { name: 'store-importer' },
    spec: { rawFrom: { url: `http://${SERVICE_HOST}/dist/store-importer/index.js` } },
    status: { link: '/dist/store-importer/index.js', state: 'Available' },
  },
  {
    apiVersion: 'extensions.kubesphere.io/v1alpha1',
    kind: 'APIService',
    metadata: { name: 'v1alpha1.storeimporter.kubesphere.io' },
    spec: { group: 'storeimporter.kubesphere.io', version: 'v1alpha1', url: `http://${SERVICE_HOST}` },
  },
  {
    apiVersion: 'iam.kubesphere.io/v1beta1',
    kind: 'RoleTemplate',
    metadata: {
      name: 'global-view-store-importer',
      labels: { 'iam.kubesphere.io/scope': 'global' },
      annotations: { 'iam.kubesphere.io/role-template-rules': '{"store-importer": "view"}' },
    },
    spec: {
      rules: [{ apiGroups: ['storeimporter.kubesphere.io'], resources: ['jobs'], verbs: ['get', 'list'] }],
    },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'store-importer' } },
];

let upstream: Server;
let upstreamUrl: string;
const started: RunningEmulator[] = [];

async function emulator(version: KsVersion = 'v4.1.3'): Promise<RunningEmulator> {
  const emu = await startEmulator({
    ksVersion: version,
    users: [
      { username: 'admin', password: PASSWORD, role: 'platform-admin', tokens: ['admin-t'] },
      {
        username: 'viewer',
        password: PASSWORD,
        role: 'viewer',
        tokens: ['viewer-t'],
        globalRole: 'platform-viewer',
        roleTemplates: ['global-view-store-importer', 'no-such-template'],
      },
      // may list workspaces in every group (global-view-workspaces: apiGroups '*')
      {
        username: 'watcher',
        password: PASSWORD,
        role: 'viewer',
        tokens: ['watcher-t'],
        roleTemplates: ['global-view-workspaces', 'global-view-users'],
      },
    ],
    extensions: [{ name: 'store-importer', version: '0.1.0', objects: OBJECTS }],
    serviceHosts: { [SERVICE_HOST]: upstreamUrl },
    repos: [{ name: 'team', url: 'http://127.0.0.1:1/', workspace: 'demo-team' }],
  });
  started.push(emu);
  return emu;
}

async function get(
  emu: RunningEmulator,
  path: string,
  token?: string,
): Promise<{ status: number; type: string; text: string; json: () => unknown }> {
  const response = await fetch(`${emu.url}${path}`, {
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    text,
    json: () => JSON.parse(text) as unknown,
  };
}

beforeAll(async () => {
  upstream = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/javascript' });
    res.end(req.url?.startsWith('/dist/store-importer/index.js') ? BUNDLE : `unexpected ${req.url ?? ''}`);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const emu of started) await emu.close();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

describe('version and configs', () => {
  it('answers /version and /kapis/version with the release, to anyone on 4.1.1', async () => {
    const emu = await emulator('v4.1.1');
    const version = (await get(emu, '/version')).json() as Record<string, unknown>;
    expect(version).toMatchObject({ gitVersion: 'v4.1.1', gitMajor: '4', gitMinor: '1' });
    expect(version.kubernetes).toMatchObject({ gitVersion: 'v1.28.15' });
    // apiserver.go excludedPaths of v4.1.1 lists /kapis/version
    expect((await get(emu, '/kapis/version')).status).toBe(200);
    expect((await get(emu, '/kapis/version', 'viewer-t')).status).toBe(200);
  });

  it('refuses /kapis/version to non-admins on 4.1.3, which dropped it from the excluded paths', async () => {
    const emu = await emulator('v4.1.3');
    const refused = await get(emu, '/kapis/version', 'viewer-t');
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({
      message: 'forbidden: User "viewer" cannot GET path "/kapis/version"',
    });
    expect((await get(emu, '/kapis/version', 'admin-t')).status).toBe(200);
    expect((await get(emu, '/version')).status).toBe(200);
  });

  it('lets anyone read the login configs, and has no gpu kinds (403 before the 404 for non-admins)', async () => {
    const emu = await emulator();
    const oauth = (await get(emu, '/kapis/config.kubesphere.io/v1alpha2/configs/oauth')).json();
    expect(oauth).toMatchObject({ identityProviders: [], clients: [{ name: 'kubesphere' }] });
    expect((await get(emu, '/kapis/config.kubesphere.io/v1alpha2/configs/theme')).json()).toEqual({});
    expect(
      (await get(emu, '/kapis/config.kubesphere.io/v1alpha2/configs/configz', 'viewer-t')).json(),
    ).toMatchObject({ multicluster: { clusterRole: 'host' } });
    expect(
      (await get(emu, '/kapis/config.kubesphere.io/v1alpha2/configs/gpu/kinds', 'viewer-t')).status,
    ).toBe(403);
    const admin = await get(emu, '/kapis/config.kubesphere.io/v1alpha2/configs/gpu/kinds', 'admin-t');
    expect([admin.status, admin.text.trim()]).toEqual([404, '404: Page Not Found']);
  });
});

describe('users and tenants', () => {
  it('shows a user itself (no password) and its global role templates, and nobody else', async () => {
    const emu = await emulator();
    const self = (await get(emu, '/kapis/iam.kubesphere.io/v1beta1/users/viewer', 'viewer-t')).json();
    expect(self).toMatchObject({
      kind: 'User',
      metadata: { name: 'viewer', annotations: { 'iam.kubesphere.io/globalrole': 'platform-viewer' } },
      status: { state: 'Active' },
    });
    expect(JSON.stringify(self)).not.toContain(PASSWORD);
    expect((await get(emu, '/kapis/iam.kubesphere.io/v1beta1/users/admin', 'viewer-t')).status).toBe(403);
    // global-view-users lets a user read the others
    expect((await get(emu, '/kapis/iam.kubesphere.io/v1beta1/users/admin', 'watcher-t')).status).toBe(200);

    const templates = (
      await get(emu, '/kapis/iam.kubesphere.io/v1beta1/users/viewer/roletemplates?scope=global', 'viewer-t')
    ).json() as {
      items: { metadata: { name: string; annotations: Record<string, string> } }[];
      totalItems: number;
    };
    // a template name without a template is skipped (helper.go getRoleTemplates)
    expect(templates.items.map((item) => item.metadata.name)).toEqual(['global-view-store-importer']);
    expect(templates.totalItems).toBe(1);
    expect(templates.items[0]?.metadata.annotations['iam.kubesphere.io/role-template-rules']).toBe(
      '{"store-importer": "view"}',
    );

    const admin = (
      await get(emu, '/kapis/iam.kubesphere.io/v1beta1/users/admin/roletemplates?scope=global', 'admin-t')
    ).json() as { items: { metadata: { name: string } }[] };
    // platform-admin aggregates every global template: ks-core's and the installed extension's
    const names = admin.items.map((item) => item.metadata.name);
    expect(names).toContain('global-role-template-manage-app');
    expect(names).toContain('global-view-store-importer');
  });

  it('lists every workspace and the host cluster to an admin, no workspace to a user without one', async () => {
    const emu = await emulator();
    const names = (body: unknown): string[] =>
      (body as { items: { metadata: { name: string } }[] }).items.map((item) => item.metadata.name);
    expect(
      names((await get(emu, '/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates', 'admin-t')).json()),
    ).toEqual(['system-workspace', 'demo-team']);
    expect(
      (await get(emu, '/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates', 'viewer-t')).json(),
    ).toEqual({
      items: [],
      totalItems: 0,
    });
    expect(
      names((await get(emu, '/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates', 'watcher-t')).json()),
    ).toEqual(['system-workspace', 'demo-team']);
    expect(
      names((await get(emu, '/kapis/tenant.kubesphere.io/v1beta1/clusters', 'viewer-t')).json()),
    ).toEqual(['host']);
    expect((await get(emu, '/kapis/tenant.kubesphere.io/v1beta1/clusters')).status).toBe(403);
    // a workspace's clusters (its placement: every cluster), for the App Store's deploy dialog
    expect(
      names(
        (
          await get(emu, '/kapis/tenant.kubesphere.io/v1beta1/workspaces/demo-team/clusters', 'viewer-t')
        ).json(),
      ),
    ).toEqual(['host']);
    const missing = await get(
      emu,
      '/kapis/tenant.kubesphere.io/v1beta1/workspaces/nope/clusters',
      'viewer-t',
    );
    expect([missing.status, missing.text]).toEqual([
      404,
      'workspacetemplates.tenant.kubesphere.io "nope" not found\n',
    ]);
  });

  it("lists a member's own workspaces, and describes any workspace to any signed-in user", async () => {
    const emu = await startEmulator({
      users: [
        { username: 'admin', password: PASSWORD, role: 'platform-admin', tokens: ['admin-t'] },
        // a workspace admin: no global right on workspaces, a WorkspaceRoleBinding in team-a
        {
          username: 'wsadmin',
          password: PASSWORD,
          role: 'viewer',
          tokens: ['wsadmin-t'],
          workspaceRoles: { 'team-a': 'team-a-admin', gone: 'gone-admin' },
        },
      ],
      workspaces: ['team-a', 'team-b'],
    });
    started.push(emu);
    const names = (body: unknown): string[] =>
      (body as { items: { metadata: { name: string } }[] }).items.map((item) => item.metadata.name);
    const list = '/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates';
    expect(names((await get(emu, list, 'admin-t')).json())).toEqual(['system-workspace', 'team-a', 'team-b']);
    // tenant.go: the bindings' workspaces; one whose workspace does not exist is skipped
    expect(names((await get(emu, list, 'wsadmin-t')).json())).toEqual(['team-a']);
    // DescribeWorkspaceTemplate: authorized by the authenticated role's rego for everyone signed in
    const other = await get(emu, `${list}/team-b`, 'wsadmin-t');
    expect([other.status, (other.json() as { metadata: { name: string } }).metadata.name]).toEqual([
      200,
      'team-b',
    ]);
    const missing = await get(emu, `${list}/nope`, 'admin-t');
    expect([missing.status, missing.text]).toEqual([
      404,
      'workspacetemplates.tenant.kubesphere.io "nope" not found\n',
    ]);
    expect((await get(emu, `${list}/team-a`)).status).toBe(403);
  });
});

describe('an installed extension', () => {
  it('lists its objects labelled with the extension, and the App Store as an extension', async () => {
    const emu = await emulator();
    const bundles = (
      await get(emu, '/apis/extensions.kubesphere.io/v1alpha1/jsbundles', 'viewer-t')
    ).json() as {
      kind: string;
      items: ChartObject[];
    };
    expect(bundles.kind).toBe('JSBundleList');
    // the console imports /pstatic<link>?resourceVersion=<metadata.resourceVersion>
    expect(bundles.items[0]?.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(
      bundles.items.map((item) => [
        item.metadata.labels?.['kubesphere.io/extension-ref'],
        item.status?.state,
      ]),
    ).toEqual([['store-importer', 'Available']]);
    // authenticated may list jsbundles and extensionentries, not apiservices
    expect((await get(emu, '/apis/extensions.kubesphere.io/v1alpha1/apiservices', 'viewer-t')).status).toBe(
      403,
    );

    const enabled = async (): Promise<Record<string, unknown>> => {
      const list = (await get(emu, '/apis/kubesphere.io/v1alpha1/extensions', 'viewer-t')).json() as {
        items: { metadata: { name: string }; status: { enabled?: boolean } }[];
      };
      return Object.fromEntries(list.items.map((item) => [item.metadata.name, item.status.enabled]));
    };
    expect(await enabled()).toEqual({ openpitrix: true, 'store-importer': true });
    emu.setOptions({ openpitrix: false });
    // status.enabled is omitempty: absent when false
    expect(await enabled()).toEqual({ openpitrix: undefined, 'store-importer': true });
  });

  it('serves its bundle at status.link from rawFrom.url as JavaScript, to anyone, and nothing else under /dist', async () => {
    const emu = await emulator();
    const bundle = await get(emu, '/dist/store-importer/index.js?resourceVersion=1');
    expect([bundle.status, bundle.text]).toEqual([200, BUNDLE]);
    expect(bundle.type).toContain('application/javascript; charset=utf-8');
    const other = await get(emu, '/dist/store-importer/other.js');
    expect([other.status, other.text.trim()]).toEqual([404, '404: Page Not Found']);
    expect((await get(emu, '/dist/store-importer/index.js', 'bad-token')).status).toBe(401);
  });

  it('refuses a bundle whose link is not under /dist/<extension>, as the JSBundle webhook does', async () => {
    const emu = await emulator();
    const [bundle] = OBJECTS;
    if (!bundle) throw new Error('no bundle');
    expect(() => {
      emu.installExtension({
        name: 'other',
        version: '1.0.0',
        objects: [
          { ...bundle, metadata: { name: 'other' }, status: { link: '/dist/store-importer/index.js' } },
        ],
      });
    }).toThrow('the prefix of status.link must be in the format /dist/other/');
  });

  it('forwards its API to the service its APIService names, after authorization', async () => {
    const emu = await emulator();
    const response = await get(emu, '/kapis/storeimporter.kubesphere.io/v1alpha1/jobs', 'viewer-t');
    expect(response.status).toBe(200);
    expect(response.text).toBe('unexpected /kapis/storeimporter.kubesphere.io/v1alpha1/jobs');
    expect((await get(emu, '/kapis/storeimporter.kubesphere.io/v1alpha1/previews', 'viewer-t')).status).toBe(
      403,
    );
  });
});
