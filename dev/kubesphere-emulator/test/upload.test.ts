// Uploads: JSON and multipart bodies, validate, names, size limit, conflicts, labels, openpitrix missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { Api, buildChart, CHART_YAML, makeTgz, start, type ListBody, type Wire } from './helpers.js';

let api: Api;
let demo010: Buffer;
let demo020: Buffer;
let plusVersion: Buffer;
let big: Buffer;

beforeAll(async () => {
  api = await start();
  demo010 = buildChart({ name: 'demo', version: '0.1.0' });
  demo020 = buildChart({ name: 'demo', version: '0.2.0' });
  plusVersion = buildChart({ name: 'demo', version: '1.0.0+build.1' });
  big = buildChart({ name: 'demo', version: '9.9.9', padBytes: 1_100_000 });
});
afterAll(async () => {
  await api.close();
});

describe('POST /apps (JSON)', () => {
  it('creates an app and its first version with fields filled from Chart.yaml and a random name', async () => {
    const r = await api.upload(demo010);
    expect(r.status).toBe(200);
    const data = r.json as Record<string, unknown>;
    expect(data.appName).toMatch(/^demo-[a-z0-9]{5}$/);
    expect(data).toMatchObject({
      aliasName: 'demo',
      versionName: '0.1.0',
      description: 'A Helm chart for Kubernetes',
      resources: null,
    });
    const app = (await api.req('GET', `/apps/${String(data.appName)}`)).json as Wire;
    expect(app.kind).toBe('Application');
    expect(app.metadata.labels).toEqual({
      'application.kubesphere.io/repo-name': 'upload',
      'application.kubesphere.io/app-type': 'helm',
      'application.kubesphere.io/hascrd': '',
      'application.kubesphere.io/app-category-name': 'kubesphere-app-uncategorized',
      'kubesphere.io/workspace': '',
    });
    expect(app.metadata.annotations).toMatchObject({
      'kubesphere.io/alias-name': 'demo',
      'kubesphere.io/description': 'A Helm chart for Kubernetes',
      'application.kubesphere.io/app-originalName': 'demo',
      'application.kubesphere.io/latest-app-version': '0.1.0',
    });
    expect(app.status.state).toBe('draft');
    const v = (await api.req('GET', `/apps/${String(data.appName)}/versions/${String(data.appName)}-0.1.0`))
      .json as Wire;
    expect(v.metadata.labels).toEqual({
      'application.kubesphere.io/repo-name': 'upload',
      'application.kubesphere.io/app-id': data.appName,
      'application.kubesphere.io/app-type': 'helm',
      'kubesphere.io/workspace': '',
    });
    expect(v.metadata.finalizers).toEqual(['application.kubesphere.io/cleanup']);
    expect(v.metadata.ownerReferences?.[0]?.name).toBe(data.appName);
    expect(v.spec.versionName).toBe('0.1.0');
    expect(v.status.state).toBe('draft');
  });

  it('draws a new random name on every upload of the same chart', async () => {
    const a = (await api.upload(demo010)).json as Record<string, string>;
    const b = (await api.upload(demo010)).json as Record<string, string>;
    expect(a.appName).not.toBe(b.appName);
  });

  it('shortens long or non-DNS chart names to the md5 prefix', async () => {
    const pkg = makeTgz([
      { name: 'x/Chart.yaml', data: 'apiVersion: v2\nname: A_Very_Long_Chart_Name\nversion: 1.0.0\n' },
    ]);
    const r = await api.upload(pkg);
    const md5 = createHash('md5').update('a_very_long_chart_name').digest('hex').slice(0, 10);
    expect((r.json as Record<string, string>).appName).toMatch(new RegExp(`^${md5}-[a-z0-9]{5}$`));
  });

  it('?validate=true parses only and stores nothing', async () => {
    const before = ((await api.req('GET', '/apps')).json as ListBody).totalItems;
    const r = await api.upload(demo010, { appName: 'validate-only' }, '/apps', '?validate=true');
    expect(r.status).toBe(200);
    expect((r.json as Record<string, unknown>).appName).toBe('validate-only');
    expect(((await api.req('GET', '/apps')).json as ListBody).totalItems).toBe(before);
  });

  it('uses a caller-given appName and answers 409 with the real text when it exists', async () => {
    expect((await api.upload(demo010, { appName: 'given' })).status).toBe(200);
    const r = await api.upload(demo010, { appName: 'given' });
    expect(r.status).toBe(409);
    expect(r.text).toBe('Application given already exists\n');
    expect(r.contentType).toBe('text/plain; charset=utf-8');
  });

  it('rejects an appName the API server would reject (500 with the Invalid text)', async () => {
    const r = await api.upload(demo010, { appName: 'Bad_Name' });
    expect(r.status).toBe(500);
    expect(r.text).toContain(
      'Application.application.kubesphere.io "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"',
    );
    const long = 'a'.repeat(64);
    const r2 = await api.upload(demo010, { appName: long });
    expect(r2.status).toBe(500);
    expect(r2.text).toContain('must be no more than 63 characters');
  });

  it('refuses a package over 1,048,576 decoded bytes without an OSS store', async () => {
    expect(big.length).toBeGreaterThan(1_048_576);
    const r = await api.upload(big);
    expect(r.status).toBe(400);
    expect(r.text).toBe('System has no OSS store, the maximum file size is 1048576\n');
  });

  it('reports loader errors like Helm (500)', async () => {
    const cases: [Buffer, string][] = [
      [Buffer.from('not a gzip'), 'gzip: invalid header'],
      [makeTgz([{ name: 'x/values.yaml', data: 'a: 1' }]), 'Chart.yaml file is missing'],
      // archive.go checks the empty relative path before the Chart.yaml rule, so a root Chart.yaml hits the first
      [
        makeTgz([{ name: 'Chart.yaml', data: CHART_YAML }]),
        'chart illegally contains content outside the base directory: "Chart.yaml"',
      ],
      [makeTgz([{ name: 'Chart.yaml/x', data: CHART_YAML }]), 'chart yaml not in base directory'],
      [makeTgz([{ name: 'x//abs', data: 'x' }]), 'chart illegally contains absolute paths'],
      [makeTgz([{ name: 'x/../../etc/passwd', data: 'x' }]), 'chart illegally references parent directory'],
      [
        makeTgz([{ name: 'x/Chart.yaml', data: 'apiVersion: v2\nname: demo\nversion: one\n' }]),
        'validation: chart.metadata.version "one" is invalid',
      ],
      [
        makeTgz([{ name: 'x/Chart.yaml', data: 'apiVersion: v2\nversion: 1.0.0\n' }]),
        'validation: chart.metadata.name is required',
      ],
      [
        makeTgz([{ name: 'x/Chart.yaml', data: 'apiVersion: v2\nname: demo\n' }]),
        'validation: chart.metadata.version is required',
      ],
      [
        makeTgz([{ name: 'x/Chart.yaml', data: `${CHART_YAML}type: plugin\n` }]),
        'validation: chart.metadata.type must be application or library',
      ],
      [
        makeTgz([
          { name: 'x/Chart.yaml', data: CHART_YAML },
          { name: 'x/values.yaml', data: '- a\n- b\n' },
        ]),
        'cannot load values.yaml',
      ],
      [makeTgz([{ name: 'x/', type: '5' }]), 'no files in chart archive'],
    ];
    for (const [pkg, msg] of cases) {
      const r = await api.upload(pkg);
      expect(r.status, msg).toBe(500);
      expect(r.text).toContain(msg);
    }
    expect((await api.req('POST', '/apps', { appType: 'helm' })).text).toBe('package is empty\n');
  });

  it('accepts Chart.yaml quirks Helm accepts (unquoted float version, no apiVersion)', async () => {
    const r = await api.upload(makeTgz([{ name: 'x/Chart.yaml', data: 'name: quirky\nversion: 1.0\n' }]), {
      appName: 'quirky',
    });
    expect(r.status).toBe(200);
    expect((r.json as Record<string, string>).versionName).toBe('1');
  });

  it('answers 500 for an unsupported media type and bad base64', async () => {
    const r = await api.req('POST', '/apps', undefined, { raw: 'x', contentType: 'text/plain' });
    expect(r.status).toBe(500);
    expect(r.text).toBe('unsupported media type\n');
    const r2 = await api.req('POST', '/apps', { appType: 'helm', package: 'abc' });
    expect(r2.status).toBe(500);
    expect(r2.text).toMatch(/^illegal base64 data at input byte \d+\n$/);
  });
});

describe('multipart uploads', () => {
  it('takes the file part and the jsonData field', async () => {
    const r = await api.uploadMultipart(demo010, { appType: 'helm', appName: 'multi' });
    expect(r.status).toBe(200);
    expect((r.json as Record<string, string>).appName).toBe('multi');
    const r2 = await api.uploadMultipart(demo020, { appType: 'helm' }, '/apps/multi/versions');
    expect(r2.status).toBe(200);
    const app = (await api.req('GET', '/apps/multi')).json as Wire;
    expect(app.metadata.annotations?.['application.kubesphere.io/latest-app-version']).toBe('0.2.0');
  });

  it('refuses a package field inside jsonData', async () => {
    const r = await api.uploadMultipart(demo010, { appType: 'helm', package: 'AAAA' });
    expect(r.status).toBe(500);
    expect(r.text).toBe(
      'When using multipart/form-data to upload files, the package field does not need to be included in the json data.\n',
    );
  });
});

describe('POST /apps/{app}/versions', () => {
  it('names versions <app>-<version>, hashing non-DNS versions, and keeps latest-app-version at the highest semver', async () => {
    await api.upload(demo020, { appName: 'ver' });
    expect((await api.upload(demo010, {}, '/apps/ver/versions')).status).toBe(200);
    const app = (await api.req('GET', '/apps/ver')).json as Wire;
    expect(app.metadata.annotations?.['application.kubesphere.io/latest-app-version']).toBe('0.2.0');
    expect((await api.upload(plusVersion, {}, '/apps/ver/versions')).status).toBe(200);
    const sha = createHash('sha1').update('1.0.0+build.1').digest('hex').slice(0, 12);
    const v = await api.req('GET', `/apps/ver/versions/ver-${sha}`);
    expect(v.status).toBe(200);
    expect((v.json as Wire).spec.versionName).toBe('1.0.0+build.1');
    expect(
      ((await api.req('GET', '/apps/ver')).json as Wire).metadata.annotations?.[
        'application.kubesphere.io/latest-app-version'
      ],
    ).toBe('1.0.0+build.1');
  });

  it('409 on an existing version, 404 for an unknown app', async () => {
    const r = await api.upload(demo010, {}, '/apps/ver/versions');
    expect(r.status).toBe(409);
    expect(r.text).toBe('ApplicationVersion ver-0.1.0 already exists\n');
    const r2 = await api.upload(demo010, {}, '/apps/nope/versions');
    expect(r2.status).toBe(404);
    expect(r2.text).toBe('Application.application.kubesphere.io "nope" not found\n');
  });

  it('labels versions with the path workspace, else system-workspace', async () => {
    await api.upload(demo010, { appName: 'wsapp', workspace: 'team' });
    await api.upload(demo020, {}, '/workspaces/team/apps/wsapp/versions');
    const v1 = (await api.req('GET', '/apps/wsapp/versions/wsapp-0.1.0')).json as Wire;
    const v2 = (await api.req('GET', '/apps/wsapp/versions/wsapp-0.2.0')).json as Wire;
    expect(v1.metadata.labels?.['kubesphere.io/workspace']).toBe('team');
    expect(v2.metadata.labels?.['kubesphere.io/workspace']).toBe('team');
    await api.upload(demo010, { appName: 'glob' });
    await api.upload(demo020, {}, '/apps/glob/versions');
    expect(
      ((await api.req('GET', '/apps/glob/versions/glob-0.2.0')).json as Wire).metadata.labels?.[
        'kubesphere.io/workspace'
      ],
    ).toBe('system-workspace');
  });

  it('re-uploading an existing version name through the update route keeps the OLD bytes (ConfigMap store)', async () => {
    const pkgA = makeTgz([
      { name: 'x/Chart.yaml', data: 'apiVersion: v2\nname: same\nversion: 1.0.0\ndescription: A\n' },
    ]);
    const pkgB = makeTgz([
      { name: 'x/Chart.yaml', data: 'apiVersion: v2\nname: same\nversion: 1.0.0\ndescription: B\n' },
    ]);
    await api.upload(pkgA, { appName: 'same' });
    const r = await api.upload(pkgB, {}, '/apps/same/versions/same-1.0.0');
    expect(r.status).toBe(200);
    const p = (await api.req('GET', '/apps/same/versions/same-1.0.0/package')).json as Record<string, string>;
    expect(Buffer.from(p.package ?? '', 'base64').equals(pkgA)).toBe(true);
    // ...while the version object itself was updated from B
    expect(
      ((await api.req('GET', '/apps/same/versions/same-1.0.0')).json as Wire).metadata.annotations?.[
        'kubesphere.io/description'
      ],
    ).toBe('B');
  });
});

describe('with an OSS store', () => {
  it('has no size limit and overwrites on re-upload', async () => {
    const oss = await start({ ossStore: true });
    try {
      expect((await oss.upload(big, { appName: 'big' })).status).toBe(200);
      const p = (await oss.req('GET', '/apps/big/versions/big-9.9.9/package')).json as Record<string, string>;
      expect(Buffer.from(p.package ?? '', 'base64').length).toBe(big.length);
      const pkgA = makeTgz([
        { name: 'x/Chart.yaml', data: 'apiVersion: v2\nname: same\nversion: 1.0.0\ndescription: A\n' },
      ]);
      const pkgB = makeTgz([
        { name: 'x/Chart.yaml', data: 'apiVersion: v2\nname: same\nversion: 1.0.0\ndescription: B\n' },
      ]);
      await oss.upload(pkgA, { appName: 'same' });
      await oss.upload(pkgB, {}, '/apps/same/versions/same-1.0.0');
      const q = (await oss.req('GET', '/apps/same/versions/same-1.0.0/package')).json as Record<
        string,
        string
      >;
      expect(Buffer.from(q.package ?? '', 'base64').equals(pkgB)).toBe(true);
    } finally {
      await oss.close();
    }
  });
});

describe('openpitrix not installed', () => {
  it('answers 404 `namespaces "extension-openpitrix" not found` and leaves the half-created objects', async () => {
    const noop = await start({ openpitrix: false });
    try {
      const r = await noop.upload(demo010, { appName: 'orphan' });
      expect(r.status).toBe(404);
      expect(r.text).toBe('namespaces "extension-openpitrix" not found\n');
      const app = await noop.req('GET', '/apps/orphan');
      expect(app.status).toBe(200);
      const v = (await noop.req('GET', '/apps/orphan/versions/orphan-0.1.0')).json as Wire;
      expect(v.status.state).toBeUndefined();
      expect((await noop.upload(demo010, { appName: 'orphan' })).status).toBe(409);
    } finally {
      await noop.close();
    }
  });
});
