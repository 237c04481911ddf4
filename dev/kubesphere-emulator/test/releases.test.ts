// What each release answers differently (src/releases.ts): ks-core v4.1.1 and v4.1.2 alike, v4.1.3
// and KSE 4.2 (assumed to keep v4.1.3's rules) alike. Each test fails if its rule were the other
// release's. Expected values are spelled out here, not computed by the emulator's own code.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KS_VERSIONS, type KsVersion } from '../src/index.js';
import { Api, makeTgz, start, type ListBody, type Wire } from './helpers.js';

const chart = (version: string, extra: { name: string; data: string }[] = []): Buffer =>
  makeTgz([
    { name: 'demo/Chart.yaml', data: `apiVersion: v2\nname: demo\nversion: "${version}"\n` },
    ...extra,
  ]);

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - {name: v1, served: true, storage: true}
`;

const sha12 = (v: string): string => createHash('sha1').update(v).digest('hex').slice(0, 12);
const OLD: readonly KsVersion[] = ['v4.1.1', 'v4.1.2'];

describe.each(KS_VERSIONS)('%s', (version) => {
  const old = OLD.includes(version);
  let api: Api;

  beforeAll(async () => {
    api = await start({ ksVersion: version, repos: [{ name: 'main', url: 'https://example.com/charts' }] });
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(async () => {
    await api.req('POST', '/_emulator/reset');
  });

  /** An app `demo-app` with version 0.1.0, made through POST /apps. */
  const demoApp = async (): Promise<void> => {
    expect((await api.upload(chart('0.1.0'), { appName: 'demo-app' })).status).toBe(200);
  };
  const versionsOf = async (app: string): Promise<Wire[]> =>
    ((await api.req('GET', `/apps/${app}/versions`)).json as ListBody).items ?? [];

  it('reports its gitVersion on /kapis/version', async () => {
    expect((await api.req('GET', '/kapis/version')).json).toMatchObject({ gitVersion: version });
  });

  it('names a non-DNS version added to an app by FormatVersion (helper.go)', async () => {
    await demoApp();
    const r = await api.upload(chart('1.0.0+build.1'), {}, '/apps/demo-app/versions');
    expect(r.status).toBe(200);
    // the answer's versionName is built before the handler formats it
    expect((r.json as Record<string, unknown>).versionName).toBe('1.0.0+build.1');
    const added = (await versionsOf('demo-app')).find((v) => v.metadata.name !== 'demo-app-0.1.0');
    if (old) {
      expect(added?.metadata.name).toBe('demo-app-1.0.0-build.1');
      expect(added?.spec.versionName).toBe('1.0.0-build.1');
    } else {
      expect(added?.metadata.name).toBe(`demo-app-${sha12('1.0.0+build.1')}`);
      expect(added?.spec.versionName).toBe('1.0.0+build.1');
    }
  });

  it('refuses a version whose replaced name is still no DNS name only before v4.1.3', async () => {
    await demoApp();
    const r = await api.upload(chart('1.0.0-RC.1'), {}, '/apps/demo-app/versions');
    if (old) {
      expect(r.status).toBe(500);
      expect(r.text).toContain(
        'ApplicationVersion.application.kubesphere.io "demo-app-1.0.0---.1" is invalid',
      );
    } else {
      expect(r.status).toBe(200);
      expect((await versionsOf('demo-app')).map((v) => v.metadata.name)).toContain(
        `demo-app-${sha12('1.0.0-RC.1')}`,
      );
    }
  });

  it('POST /apps with a non-DNS first version: the app is written, the version fails before v4.1.3', async () => {
    const r = await api.upload(chart('1.0.0+build.1'), { appName: 'plus-app' });
    const app = await api.req('GET', '/apps/plus-app');
    expect(app.status).toBe(200);
    if (old) {
      expect(r.status).toBe(500);
      expect(r.text).toContain('"plus-app-1.0.0+build.1" is invalid: metadata.name: Invalid value');
      expect((app.json as Wire).status.state).toBe('draft');
      expect(await versionsOf('plus-app')).toEqual([]);
    } else {
      expect(r.status).toBe(200);
      expect((await versionsOf('plus-app')).map((v) => v.metadata.name)).toEqual([
        `plus-app-${sha12('1.0.0+build.1')}`,
      ]);
    }
  });

  it("takes a new version's workspace from the path (v4.1.3) or the body (before)", async () => {
    await demoApp();
    const inWs = await api.upload(
      chart('0.2.0'),
      { workspace: 'other' },
      '/workspaces/ws1/apps/demo-app/versions',
    );
    expect(inWs.status).toBe(200);
    await api.upload(chart('0.3.0'), {}, '/workspaces/ws1/apps/demo-app/versions');
    await api.upload(chart('0.4.0'), {}, '/apps/demo-app/versions');
    const label = async (name: string): Promise<string | undefined> =>
      ((await api.req('GET', `/apps/demo-app/versions/${name}`)).json as Wire).metadata.labels?.[
        'kubesphere.io/workspace'
      ];
    if (old) {
      expect(await label('demo-app-0.2.0')).toBe('other');
      expect(await label('demo-app-0.3.0')).toBe('');
      expect(await label('demo-app-0.4.0')).toBe('');
    } else {
      expect(await label('demo-app-0.2.0')).toBe('ws1');
      expect(await label('demo-app-0.3.0')).toBe('ws1');
      expect(await label('demo-app-0.4.0')).toBe('system-workspace');
    }
  });

  it('reads CRDs on every upload before v4.1.3, and writes hascrd and spec.resources from v4.1.3', async () => {
    const r = await api.upload(chart('1.0.0', [{ name: 'demo/crds/widget.yaml', data: CRD }]), {
      appName: 'crd-app',
      hasCrd: 'true',
    });
    expect(r.status).toBe(200);
    const app = (await api.req('GET', '/apps/crd-app')).json as Wire;
    const widgets = [{ Group: 'example.com', Version: 'v1', Resource: 'widgets' }];
    if (old) {
      expect((r.json as Record<string, unknown>).resources).toEqual(widgets);
      expect(app.metadata.labels).not.toHaveProperty(['application.kubesphere.io/hascrd']);
      expect(app.spec).not.toHaveProperty('resources');
    } else {
      expect((r.json as Record<string, unknown>).resources).toBeNull();
      expect(app.metadata.labels?.['application.kubesphere.io/hascrd']).toBe('true');
    }
  });

  it("puts the release's finalizer on versions", async () => {
    await demoApp();
    const v = (await api.req('GET', '/apps/demo-app/versions/demo-app-0.1.0')).json as Wire;
    expect(v.metadata.finalizers).toEqual([
      old ? 'storeCleanFinalizer.application.kubesphere.io' : 'application.kubesphere.io/cleanup',
    ]);
  });

  it('panics (closing the connection) on a first listed version that is no blang semver before v4.1.3', async () => {
    expect((await api.upload(chart('1.0'), { appName: 'short-app' })).status).toBe(200);
    const added = api.upload(chart('1.1.0'), {}, '/apps/short-app/versions');
    if (old) {
      await expect(added).rejects.toThrow();
      // written before UpdateLatestAppVersion panicked
      expect((await versionsOf('short-app')).map((v) => v.spec.versionName)).toEqual(['1.1.0', '1.0']);
    } else {
      expect((await added).status).toBe(200);
      // 96f85d450 skips what it cannot parse: the first listed stays the latest
      const app = (await api.req('GET', '/apps/short-app')).json as Wire;
      expect(app.metadata.annotations?.['application.kubesphere.io/latest-app-version']).toBe('1.0');
    }
  });

  it('has POST /repos/{repo}/action from v4.1.3 only', async () => {
    const r = await api.req('POST', '/repos/main/action', {});
    if (old) {
      expect(r.status).toBe(404);
      expect(r.text).toBe('404: Page Not Found\n');
    } else {
      expect(r.status).toBe(200);
      expect(((await api.req('GET', '/repos/main')).json as Wire).status.state).toBe('manualTrigger');
    }
  });

  it('routes chart CRs under /apps/{app}/cr and /cr before v4.1.3, under /applications/{application}/cr after', async () => {
    const status = async (path: string): Promise<number> => (await api.req('GET', path)).status;
    // 501: the route exists (not emulated); 404: no such route
    expect(await status('/apps/demo-app/cr')).toBe(old ? 501 : 404);
    expect(await status('/cr/x')).toBe(old ? 501 : 404);
    expect(await status('/applications/demo-app/cr')).toBe(old ? 404 : 501);
    expect(await status('/namespaces/ns/applications/demo-app/cr/x')).toBe(old ? 404 : 501);
  });

  it('writes Repo.spec.syncPeriod as int,omitempty before v4.1.3 and as *int after', async () => {
    const repo = (await api.req('GET', '/repos/main')).json as Wire;
    if (old) expect(repo.spec).not.toHaveProperty('syncPeriod');
    else expect(repo.spec.syncPeriod).toBe(0);
  });

  it('lists: conditions dropped before v4.1.3 (items [] not null), nameAndAlias and sortBy=versionName from v4.1.3', async () => {
    expect((await api.req('GET', '/apps?conditions=status=active')).json).toEqual({
      items: old ? [] : null,
      totalItems: 0,
    });
    await demoApp();
    const byAlias = (await api.req('GET', '/apps?nameAndAlias=zzz')).json as ListBody;
    expect(byAlias.totalItems).toBe(old ? 1 : 0);
    await api.upload(chart('1.10.0'), {}, '/apps/demo-app/versions');
    await api.upload(chart('1.9.0'), {}, '/apps/demo-app/versions');
    const sorted = (await api.req('GET', '/apps/demo-app/versions?sortBy=versionName')).json as ListBody;
    const names = (sorted.items ?? []).map((v) => v.spec.versionName);
    // v4.1.3: semver, newest first; before: creationTimestamp, then name, descending
    if (old) expect(names.indexOf('1.9.0')).toBeLessThan(names.indexOf('1.10.0'));
    else expect(names).toEqual(['1.10.0', '1.9.0', '0.1.0']);
  });
});

describe('KSE 4.2 (v4.2.0)', () => {
  it('keeps /kapis/version closed to non-admins like v4.1.3 (an assumption)', async () => {
    const api = await start({ ksVersion: 'v4.2.0' });
    try {
      expect((await api.req('GET', '/kapis/version', undefined, { token: api.emu.viewerToken })).status).toBe(
        403,
      );
      expect((await fetch(`${api.emu.url}/version`)).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
