// Authentication, authorization, OAuth, faults, inspection and persistence.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, makeTgz, start, type ListBody } from './helpers.js';

let api: Api;
const chart = makeTgz([{ name: 'a/Chart.yaml', data: 'apiVersion: v2\nname: a\nversion: 1.0.0\n' }]);

beforeAll(async () => {
  api = await start();
});
afterAll(async () => {
  await api.close();
});

describe('authentication', () => {
  it('no token: anonymous user, 403 Status', async () => {
    const r = await api.req('GET', '/apps', undefined, { token: null });
    expect(r.status).toBe(403);
    expect(r.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'apps.application.kubesphere.io is forbidden: User "system:anonymous" cannot list resource "apps" in API group "application.kubesphere.io" at the cluster scope',
      reason: 'Forbidden',
      details: { group: 'application.kubesphere.io', kind: 'apps' },
      code: 403,
    });
  });

  it('invalid tokens: 401 Status with the verifier message', async () => {
    const garbage = await api.req('GET', '/apps', undefined, { token: 'garbage' });
    expect(garbage.status).toBe(401);
    expect(garbage.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'token contains an invalid number of segments',
      reason: 'Unauthorized',
      code: 401,
    });
    const forged = api.emu
      .issueToken('admin')
      .replace(/.$/, 'A')
      .replace(/\.[^.]+$/, '.AAAA');
    expect(
      ((await api.req('GET', '/apps', undefined, { token: forged })).json as { message: string }).message,
    ).toBe('signature is invalid');
    const expired = api.emu.issueToken('admin', -5);
    const e = await api.req('GET', '/apps', undefined, { token: expired });
    expect(e.status).toBe(401);
    expect((e.json as { message: string }).message).toMatch(/^jwt: token is expired by \d/);
  });

  it('viewer: reads pass, every write is 403 with the authorizer message', async () => {
    expect((await api.req('GET', '/apps', undefined, { token: api.emu.viewerToken })).status).toBe(200);
    const cases: [string, string, string][] = [
      [
        'POST',
        '/apps',
        'apps.application.kubesphere.io is forbidden: User "viewer" cannot create resource "apps" in API group "application.kubesphere.io" at the cluster scope',
      ],
      [
        'POST',
        '/apps/x/versions',
        'apps.application.kubesphere.io "x" is forbidden: User "viewer" cannot create resource "apps/versions" in API group "application.kubesphere.io" at the cluster scope',
      ],
      [
        'DELETE',
        '/apps/x',
        'apps.application.kubesphere.io "x" is forbidden: User "viewer" cannot delete resource "apps" in API group "application.kubesphere.io" at the cluster scope',
      ],
      [
        'PATCH',
        '/workspaces/ws/apps/x',
        'apps.application.kubesphere.io "x" is forbidden: User "viewer" cannot patch resource "apps" in API group "application.kubesphere.io" at the cluster scope',
      ],
      [
        'POST',
        '/apps/x/action',
        'apps.application.kubesphere.io "x" is forbidden: User "viewer" cannot create resource "apps/action" in API group "application.kubesphere.io" at the cluster scope',
      ],
      [
        'POST',
        '/categories',
        'categories.application.kubesphere.io is forbidden: User "viewer" cannot create resource "categories" in API group "application.kubesphere.io" at the cluster scope',
      ],
    ];
    for (const [method, path, message] of cases) {
      const r = await api.req(method, path, {}, { token: api.emu.viewerToken });
      expect(r.status, `${method} ${path}`).toBe(403);
      expect((r.json as { message: string }).message).toBe(message);
    }
  });
});

describe('/oauth/token', () => {
  const form = (f: Record<string, string>): Promise<Response> =>
    fetch(`${api.emu.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(f),
    });

  it('password grant issues a working 2h bearer token', async () => {
    const r = await form({
      grant_type: 'password',
      username: 'admin',
      password: 'P@88w0rd',
      client_id: 'kubesphere',
      client_secret: 'kubesphere',
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const t = (await r.json()) as {
      access_token: string;
      token_type: string;
      refresh_token: string;
      expires_in: number;
    };
    expect(t.token_type).toBe('Bearer');
    expect(t.expires_in).toBe(7200);
    expect(t.refresh_token).toBeTruthy();
    expect(
      (
        await api.req(
          'POST',
          '/apps',
          { appType: 'helm', package: chart.toString('base64') },
          { token: t.access_token },
        )
      ).status,
    ).toBe(200);
  });

  it('answers the real OAuth error shapes', async () => {
    const cases: [Record<string, string>, number, unknown][] = [
      [
        {
          grant_type: 'password',
          username: 'admin',
          password: 'wrong',
          client_id: 'kubesphere',
          client_secret: 'kubesphere',
        },
        400,
        { error: 'invalid_grant', error_description: 'Invalid username or password.' },
      ],
      [
        {
          grant_type: 'password',
          username: 'admin',
          password: 'P@88w0rd',
          client_id: 'other',
          client_secret: 'kubesphere',
        },
        400,
        {
          error: 'invalid_client',
          error_description: 'The provided client_id is invalid or does not exist.',
        },
      ],
      [
        {
          grant_type: 'password',
          username: 'admin',
          password: 'P@88w0rd',
          client_id: 'kubesphere',
          client_secret: 'x',
        },
        401,
        { error: 'unauthorized_client', error_description: 'Invalid client credential.' },
      ],
      [
        { grant_type: 'client_credentials', client_id: 'kubesphere', client_secret: 'kubesphere' },
        400,
        { error: 'unsupported_grant_type', error_description: 'The provided grant_type is not supported.' },
      ],
    ];
    for (const [f, status, body] of cases) {
      const r = await form(f);
      expect(r.status).toBe(status);
      expect(await r.json()).toEqual(body);
    }
  });
});

describe('faults', () => {
  it('failNext, errorRate and latency, settable at run time', async () => {
    let r = await api.req('POST', '/_emulator/faults', { failNext: 2, errorStatus: 503 });
    expect(r.status).toBe(200);
    expect((await api.req('GET', '/apps')).status).toBe(503);
    expect((await api.req('GET', '/apps')).status).toBe(503);
    expect((await api.req('GET', '/apps')).status).toBe(200);
    api.emu.setFaults({ errorRate: 1, errorStatus: 500 });
    r = await api.req('GET', '/apps');
    expect(r.status).toBe(500);
    expect(r.text).toBe('emulator: injected fault\n');
    await api.req('POST', '/_emulator/faults', { clear: true, latencyMs: 150 });
    const t0 = Date.now();
    expect((await api.req('GET', '/apps')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    api.emu.clearFaults();
    expect((await api.req('POST', '/_emulator/faults', { errorRate: 2 })).status).toBe(400);
  });

  it('can be set at start', async () => {
    const f = await start({ faults: { errorRate: 1, errorStatus: 502 } });
    try {
      expect((await f.req('GET', '/apps')).status).toBe(502);
    } finally {
      await f.close();
    }
  });
});

describe('inspection and persistence', () => {
  it('GET /_emulator/state shows versions with package size/digest and the request log', async () => {
    await api.upload(chart, { appName: 'inspect' });
    const st = (await api.req('GET', '/_emulator/state')).json as {
      versions: { metadata: { name: string }; package: { size: number; sha256: string; store: string } }[];
      requestLog: { method: string; path: string; status: number; user: string }[];
    };
    const v = st.versions.find((x) => x.metadata.name === 'inspect-1.0.0');
    expect(v?.package).toMatchObject({ size: chart.length, store: 'configmap' });
    expect(
      st.requestLog.some(
        (e) => e.method === 'POST' && e.path.endsWith('/apps') && e.status === 200 && e.user === 'admin',
      ),
    ).toBe(true);
    expect((await api.req('POST', '/_emulator/reset')).status).toBe(200);
    expect(((await api.req('GET', '/apps')).json as ListBody).totalItems).toBe(0);
  });

  it('stateFile survives a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emu-state-')), 'state.json');
    const a = await start({ stateFile: file });
    await a.upload(chart, { appName: 'kept' });
    await a.close();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('apps');
    const b = await start({ stateFile: file });
    try {
      expect((await b.req('GET', '/apps/kept')).status).toBe(200);
      const p = (await b.req('GET', '/apps/kept/versions/kept-1.0.0/package')).json as { package: string };
      expect(Buffer.from(p.package, 'base64').equals(chart)).toBe(true);
    } finally {
      await b.close();
    }
  });
});
