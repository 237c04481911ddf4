// Extension APIs through the emulator as through ks-apiserver: authenticated, authorized against the
// users' global roles and role templates, then forwarded to a real upstream on 127.0.0.1 (bodies,
// headers, event streams, aborts), with ks-apiserver's 401, 403, 502 and 503 answers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RoleTemplate, type RunningEmulator } from '../src/index.js';

const GROUP = 'storeimporter.kubesphere.io';
const API = `/kapis/${GROUP}/v1alpha1`;
/** As charts/backend/templates/roletemplates.yaml defines them (shortened). */
const TEMPLATES: RoleTemplate[] = [
  {
    name: 'global-view-store-importer',
    rules: [
      { apiGroups: [GROUP], resources: ['jobs', 'jobs/events', 'syncs'], verbs: ['get', 'list', 'watch'] },
    ],
  },
  {
    name: 'global-manage-store-importer',
    rules: [
      {
        apiGroups: [GROUP],
        resources: ['previews', 'jobs', 'jobs/cancel', 'jobs/events', 'syncs', 'syncs/run'],
        verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
      },
    ],
  },
];
const PASSWORD = 'P@88w0rd';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

let emu: RunningEmulator;
let upstream: Server;
let upstreamUrl: string;
const received: Seen[] = [];
const closed: string[] = [];
/** Ends the open event stream with a second event. */
let releaseStream: () => void = () => undefined;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('latin1');
}

function serveUpstream(req: IncomingMessage, res: ServerResponse): void {
  req.on('close', () => closed.push(req.url ?? ''));
  void readBody(req).then((body) => {
    received.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers as Record<string, string>,
      body,
    });
    if (req.url?.startsWith(`${API}/jobs/streamed/events`)) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      res.write('event: status\ndata: {"n":1}\n\n');
      releaseStream = () => res.end('event: status\ndata: {"n":2}\n\n');
      return;
    }
    if (req.url?.startsWith(`${API}/jobs/hanging/events`)) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(': open\n\n');
      return;
    }
    res.writeHead(207, { 'Content-Type': 'application/json', 'X-Upstream': 'yes', Connection: 'close' });
    res.end(JSON.stringify({ method: req.method, url: req.url, length: Buffer.byteLength(body, 'latin1') }));
  });
}

beforeAll(async () => {
  upstream = createServer(serveUpstream);
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  emu = await startEmulator({
    roleTemplates: TEMPLATES,
    users: [
      { username: 'admin', password: PASSWORD, role: 'platform-admin', tokens: ['t-admin'] },
      {
        username: 'viewer',
        password: PASSWORD,
        role: 'viewer',
        tokens: ['t-viewer'],
        roleTemplates: ['global-view-store-importer'],
      },
      {
        username: 'importer',
        password: PASSWORD,
        role: 'viewer',
        tokens: ['t-importer'],
        roleTemplates: ['global-view-store-importer', 'global-manage-store-importer', 'not-installed'],
      },
      { username: 'nobody', password: PASSWORD, role: 'viewer', tokens: ['t-nobody'] },
    ],
    apiServices: [{ group: GROUP, version: 'v1alpha1', url: upstreamUrl }],
  });
});

afterAll(async () => {
  await emu.close();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

function call(method: string, path: string, token: string | null, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token !== null) headers.set('Authorization', `Bearer ${token}`);
  return fetch(`${emu.url}${path}`, { ...init, method, headers });
}

/** The metav1.Status fields every refusal has. */
const FAILURE = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure' };

function forbiddenStatus(message: string, name?: string, kind = 'previews'): unknown {
  const details = { ...(name ? { name } : {}), group: GROUP, kind };
  return { ...FAILURE, message, reason: 'Forbidden', details, code: 403 };
}

/** WriteRawJSON of an errors.StatusError: the Status nested under ErrStatus. */
async function expectStatusError(response: Response, status: Record<string, unknown>): Promise<void> {
  expect(response.status).toBe(status.code);
  expect(await response.json()).toEqual({ ErrStatus: { metadata: {}, ...status } });
}

describe('authorization of extension APIs', () => {
  it('a bad token is 401 with the verifier message, and nothing reaches the service', async () => {
    const before = received.length;
    const response = await call('GET', `${API}/jobs`, 'garbage');
    expect(response.status).toBe(401);
    const message = 'token contains an invalid number of segments';
    expect(await response.json()).toEqual({ ...FAILURE, message, reason: 'Unauthorized', code: 401 });
    expect(received.length).toBe(before);
  });

  it("refuses what the user's role templates do not grant, in ks-apiserver's words", async () => {
    const before = received.length;
    const cases: [string, string, string | null, unknown][] = [
      [
        'POST',
        `${API}/previews`,
        't-viewer',
        forbiddenStatus(
          `previews.${GROUP} is forbidden: User "viewer" cannot create resource "previews" in API group "${GROUP}" at the cluster scope`,
        ),
      ],
      [
        'POST',
        `${API}/jobs/imp-1/cancel`,
        't-viewer',
        forbiddenStatus(
          `jobs.${GROUP} "imp-1" is forbidden: User "viewer" cannot create resource "jobs/cancel" in API group "${GROUP}" at the cluster scope`,
          'imp-1',
          'jobs',
        ),
      ],
      [
        'DELETE',
        `${API}/syncs/nightly`,
        't-viewer',
        forbiddenStatus(
          `syncs.${GROUP} "nightly" is forbidden: User "viewer" cannot delete resource "syncs" in API group "${GROUP}" at the cluster scope`,
          'nightly',
          'syncs',
        ),
      ],
      [
        'GET',
        `${API}/jobs`,
        't-nobody',
        forbiddenStatus(
          `jobs.${GROUP} is forbidden: User "nobody" cannot list resource "jobs" in API group "${GROUP}" at the cluster scope`,
          undefined,
          'jobs',
        ),
      ],
      [
        'GET',
        `${API}/jobs`,
        null,
        forbiddenStatus(
          `jobs.${GROUP} is forbidden: User "system:anonymous" cannot list resource "jobs" in API group "${GROUP}" at the cluster scope`,
          undefined,
          'jobs',
        ),
      ],
    ];
    for (const [method, path, token, status] of cases) {
      const response = await call(method, path, token, method === 'GET' ? {} : { body: '{}' });
      expect(response.status, `${method} ${path} as ${token ?? 'anonymous'}`).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual(status);
    }
    expect(received.length).toBe(before);
  });

  it('the request log names the user of refused and forwarded calls', async () => {
    await call('POST', `${API}/previews`, 't-viewer', { body: '{}' });
    await (await call('GET', `${API}/syncs`, 't-viewer')).text();
    const { requestLog } = emu.state() as {
      requestLog: { method: string; path: string; status: number; user: string }[];
    };
    expect(
      requestLog.slice(-2).map(({ method, path, status, user }) => [method, path, status, user]),
    ).toEqual([
      ['POST', `${API}/previews`, 403, 'viewer'],
      ['GET', `${API}/syncs`, 207, 'viewer'],
    ]);
  });

  it('leaves the App Store API as it was: the viewer reads it and may not write it', async () => {
    expect((await call('GET', '/kapis/application.kubesphere.io/v2/apps', 't-nobody')).status).toBe(200);
    expect(
      (await call('POST', '/kapis/application.kubesphere.io/v2/apps', 't-importer', { body: '{}' })).status,
    ).toBe(403);
    // A group with no APIService and no route: authorization first, as in ks-apiserver.
    expect((await call('GET', '/kapis/other.kubesphere.io/v1/things', 't-viewer')).status).toBe(403);
    expect((await call('GET', '/kapis/other.kubesphere.io/v1/things', 't-admin')).status).toBe(404);
  });
});

describe('forwarding to the APIService', () => {
  it('passes method, path, sorted query, headers with the Authorization, and the body', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024, 7);
    const response = await call('POST', `${API}/previews?z=1&a=b%20c&a=%2A`, 't-importer', {
      headers: {
        'Content-Type': 'application/octet-stream',
        Cookie: 'lang=en',
        'X-Remote-User': 'forged',
        'X-Remote-Extra-Scopes': 'forged',
      },
      body,
    });
    expect(response.status).toBe(207);
    expect(response.headers.get('x-upstream')).toBe('yes');
    expect(await response.json()).toEqual({
      method: 'POST',
      url: `${API}/previews?a=b+c&a=%2A&z=1`,
      length: body.length,
    });
    const seen = received.at(-1);
    expect(seen?.headers).toMatchObject({
      authorization: 'Bearer t-importer',
      'content-type': 'application/octet-stream',
      cookie: 'lang=en',
      'x-remote-user': 'importer',
      'x-remote-group': 'system:authenticated',
      'x-forwarded-for': '127.0.0.1',
      host: new URL(upstreamUrl).host,
    });
    expect(seen?.headers['x-remote-extra-scopes']).toBeUndefined();

    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const answer = await call(method, `${API}/syncs/nightly`, 't-importer', { body: '{"a":1}' });
      expect(answer.status, method).toBe(207);
      expect(await answer.json()).toEqual({ method, url: `${API}/syncs/nightly`, length: 7 });
    }
    // platform-admin needs no template
    expect((await call('GET', `${API}/jobs/imp-1`, 't-admin')).status).toBe(207);
  });

  it('streams an event stream as it comes', async () => {
    const response = await call('GET', `${API}/jobs/streamed/events`, 't-viewer');
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    // The second event is only written after the first has arrived: a buffering proxy would hang here.
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('"n":1');
    releaseStream();
    let rest = '';
    for (let part = await reader.read(); !part.done; part = await reader.read())
      rest += new TextDecoder().decode(part.value);
    expect(rest).toContain('"n":2');
  });

  it('ends the upstream request when the client goes away', async () => {
    const controller = new AbortController();
    const response = await call('GET', `${API}/jobs/hanging/events`, 't-viewer', {
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await expect.poll(() => closed.some((url) => url.startsWith(`${API}/jobs/hanging/events`))).toBe(true);
  });

  it('answers 502 when the service does not answer, and 503 when it is not available', async () => {
    emu.setApiServices([{ group: GROUP, version: 'v1alpha1', url: 'http://127.0.0.1:1' }]);
    try {
      await expectStatusError(await call('GET', `${API}/jobs`, 't-viewer'), {
        message: 'Error while proxying request: dial tcp 127.0.0.1:1: connect: connection refused',
        reason: 'Bad Gateway',
        code: 502,
      });
      emu.setApiServices([
        { name: 'storeimporter', group: GROUP, version: 'v1alpha1', url: upstreamUrl, available: false },
      ]);
      await expectStatusError(await call('GET', `${API}/jobs`, 't-viewer'), {
        status: 'Failure',
        message: 'apiService storeimporter is not available',
        reason: 'ServiceUnavailable',
        code: 503,
      });
      // Another version of the group has no APIService: not forwarded.
      expect((await call('GET', `/kapis/${GROUP}/v1/jobs`, 't-admin')).status).toBe(404);
    } finally {
      emu.setApiServices([{ group: GROUP, version: 'v1alpha1', url: upstreamUrl }]);
    }
    expect(() => {
      emu.setApiServices([{ group: GROUP, version: 'v1', url: 'not a url' }]);
    }).toThrow(/invalid url/);
  });
});
