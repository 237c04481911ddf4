// The syncs routes over fakes (backend/test/support/service-fakes.ts): statuses, bodies,
// validation and access refusals, the Secret kept apart. The real service's behaviour end to
// end is backend/test/service/syncs.e2e.test.ts.
import request from 'supertest';
import { describe, expect, it } from 'vitest';

import { authAs, fakeServicePerTest, type UserName } from '../../../test/support/service-fakes.js';
import { API_BASE } from '../app.js';
import type { SyncRecord } from '../jobs/types.js';

const current = fakeServicePerTest();

const createBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'nightly',
  schedule: '0 3 * * *',
  workspace: 'team',
  source: { url: 'https://charts.example.com/stable', username: 'u', password: 'repo-pass-1' },
  ...overrides,
});

async function create(overrides: Record<string, unknown> = {}): Promise<SyncRecord> {
  const response = await request(current().app)
    .post(`${API_BASE}/syncs`)
    .set(authAs('admin'))
    .send(createBody(overrides));
  expect(response.status, response.text).toBe(201);
  current().access.asked.length = 0;
  return response.body as SyncRecord;
}

describe('POST /syncs', () => {
  it('creates the sync with its next run, its credentials in a Secret only', async () => {
    const response = await request(current().app)
      .post(`${API_BASE}/syncs`)
      .set(authAs('teamAdmin'))
      .send(createBody());
    expect(response.status, response.text).toBe(201);
    const sync = response.body as SyncRecord;
    expect(sync).toMatchObject({
      name: 'nightly',
      spec: { schedule: '0 3 * * *', suspend: false, workspace: 'team', versions: 'latest' },
    });
    expect(sync.spec.source).toEqual({
      url: 'https://charts.example.com/stable',
      secretRef: { name: 'storeimporter-sync-nightly' },
    });
    expect(sync.status.nextRunTime).toMatch(/T03:00:00\.000Z$/);
    expect(response.text).not.toContain('repo-pass-1');
    expect(current().stores.secrets.get('storeimporter-sync-nightly')).toEqual({
      username: 'u',
      password: 'repo-pass-1',
    });
    expect(current().access.asked).toEqual(['manage:team']);
  });

  it('refuses a caller who may not manage the workspace, storing nothing', async () => {
    const response = await request(current().app)
      .post(`${API_BASE}/syncs`)
      .set(authAs('teamAdmin'))
      .send(createBody({ workspace: 'other' }));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403 });
    expect(await current().stores.syncs.list()).toEqual([]);
    expect(current().stores.secrets.size).toBe(0);
  });

  it('answers 400 for an invalid body or schedule before asking KubeSphere', async () => {
    const schedule = await request(current().app)
      .post(`${API_BASE}/syncs`)
      .set(authAs('admin'))
      .send(createBody({ schedule: '0 3 * * * *' }));
    expect(schedule.status).toBe(400);
    expect((schedule.body as { message: string }).message).toMatch(
      /^body\.schedule must be a 5-field cron expression .*\(it has 6 fields, not 5\)/,
    );
    const unknown = await request(current().app)
      .post(`${API_BASE}/syncs`)
      .set(authAs('admin'))
      .send(createBody({ colour: 'blue' }));
    expect(unknown.status).toBe(400);
    expect((unknown.body as { message: string }).message).toBe('body.colour is not a known field');
    expect(current().access.asked).toEqual([]);
  });

  it('answers 409 for a name in use, leaving the first sync and its Secret', async () => {
    await create();
    const again = await request(current().app)
      .post(`${API_BASE}/syncs`)
      .set(authAs('admin'))
      .send(
        createBody({ source: { url: 'https://other.example.com', username: 'u', password: 'second-pass' } }),
      );
    expect(again.status).toBe(409);
    expect((again.body as { message: string }).message).toBe('sync nightly already exists');
    expect(current().stores.secrets.get('storeimporter-sync-nightly')?.password).toBe('repo-pass-1');
  });

  it('answers 401 without a bearer token', async () => {
    const response = await request(current().app).post(`${API_BASE}/syncs`).send(createBody());
    expect(response.status).toBe(401);
    expect(current().access.asked).toEqual([]);
  });
});

describe('GET /syncs', () => {
  it('lists and reads syncs for readers; 404 for a missing or impossible name', async () => {
    await create();
    const list = await request(current().app).get(`${API_BASE}/syncs`).set(authAs('viewer'));
    expect(list.status).toBe(200);
    expect((list.body as { items: SyncRecord[] }).items.map((sync) => sync.name)).toEqual(['nightly']);
    const one = await request(current().app).get(`${API_BASE}/syncs/nightly`).set(authAs('viewer'));
    expect((one.body as SyncRecord).name).toBe('nightly');
    expect((await request(current().app).get(`${API_BASE}/syncs/absent`).set(authAs('viewer'))).status).toBe(
      404,
    );
    expect(
      (await request(current().app).get(`${API_BASE}/syncs/Not_A_Name`).set(authAs('viewer'))).status,
    ).toBe(404);
    expect(current().access.asked.every((question) => question === 'read')).toBe(true);
  });

  it('refuses a caller who may not read the App Store', async () => {
    await create();
    const response = await request(current().app).get(`${API_BASE}/syncs/nightly`).set(authAs('stranger'));
    expect(response.status).toBe(403);
    expect(response.text).not.toContain('charts.example.com');
  });
});

describe('PUT /syncs/:name', () => {
  const edit = (sync: SyncRecord, user: UserName, overrides: Record<string, unknown> = {}) => {
    const { name: _name, ...fields } = createBody(overrides);
    return request(current().app)
      .put(`${API_BASE}/syncs/${sync.name}`)
      .set(authAs(user))
      .send({ ...fields, resourceVersion: sync.resourceVersion });
  };

  it('needs the right to manage both where the sync imports and where it would', async () => {
    const sync = await create();
    const moved = await edit(sync, 'teamAdmin', { workspace: 'other' });
    expect(moved.status).toBe(403);
    expect(current().access.asked).toEqual(['manage:team', 'manage:other']);
    expect((await current().stores.syncs.get('nightly'))?.spec.workspace).toBe('team');
  });

  it('keeps the Secret on the same host and drops it on another one', async () => {
    const sync = await create();
    const sameHost = await edit(sync, 'admin', {
      source: { url: 'https://charts.example.com/other' },
      versions: 'all',
    });
    expect(sameHost.status, sameHost.text).toBe(200);
    const kept = sameHost.body as SyncRecord;
    expect(kept.spec).toMatchObject({
      versions: 'all',
      source: { secretRef: { name: 'storeimporter-sync-nightly' } },
    });
    expect(current().stores.secrets.size).toBe(1);

    const otherHost = await edit(kept, 'admin', { source: { url: 'https://elsewhere.example.com' } });
    expect(otherHost.status).toBe(200);
    expect((otherHost.body as SyncRecord).spec.source).toEqual({ url: 'https://elsewhere.example.com' });
    expect(current().stores.secrets.size).toBe(0);
  });

  it('does not read the repository again for charts it checked before (a pause while it is down)', async () => {
    // Saved with charts (checked then); this fake has no repository client at all.
    const stored = await current().stores.syncs.create({
      name: 'nightly',
      spec: {
        source: { url: 'https://charts.example.com/stable' },
        versions: 'latest',
        charts: ['nginx', 'redis'],
        includeDeprecated: false,
        workspace: 'team',
        publish: 'active',
        dryRun: false,
        concurrency: 4,
        schedule: '0 3 * * *',
        suspend: false,
      },
      status: {},
    });
    const paused = await edit(stored, 'admin', {
      source: { url: 'https://charts.example.com/stable' },
      charts: ['redis', 'nginx'],
      suspend: true,
    });
    expect(paused.status, paused.text).toBe(200);
    expect((paused.body as SyncRecord).spec).toMatchObject({ suspend: true, charts: ['redis', 'nginx'] });
    // Another chart is checked: the repository is asked (here, a client the fake does not have).
    const changed = await edit(paused.body as SyncRecord, 'admin', {
      source: { url: 'https://charts.example.com/stable' },
      charts: ['nginx', 'mysql'],
    });
    expect(changed.status).toBe(500);
    expect((await current().stores.syncs.get('nightly'))?.spec.charts).toEqual(['redis', 'nginx']);
  });

  it('answers 409 for a stale resourceVersion and 404 for a missing sync', async () => {
    const sync = await create();
    const stale = await edit({ ...sync, resourceVersion: '0' }, 'admin');
    expect(stale.status).toBe(409);
    expect((stale.body as { message: string }).message).toMatch(/was changed since it was read/);
    expect((await edit({ ...sync, name: 'absent' }, 'admin')).status).toBe(404);
  });
});

describe('a configured repository as the source', () => {
  it('takes a repo source and reads it as the caller first: a repo KubeSphere does not show is a 404, nothing stored', async () => {
    const response = await request(current().app)
      .post(`${API_BASE}/syncs`)
      .set(authAs('admin'))
      .send(createBody({ source: { repo: { name: 'private-charts', workspace: 'team' } } }));
    expect(response.status, response.text).toBe(404);
    expect((response.body as { message: string }).message).toMatch(/no configured repositories/);
    expect(await current().stores.syncs.list()).toEqual([]);
    expect(current().stores.secrets.size).toBe(0);
  });

  it('refuses a repo source with credentials of its own (400, before KubeSphere is asked)', async () => {
    const response = await request(current().app)
      .post(`${API_BASE}/syncs`)
      .set(authAs('admin'))
      .send(createBody({ source: { repo: { name: 'private-charts' }, password: 'x' } }));
    expect(response.status).toBe(400);
    expect(current().access.asked).toEqual([]);
  });
});

describe('DELETE /syncs/:name', () => {
  it('deletes the sync and its Secret for a manager only', async () => {
    await create();
    expect(
      (await request(current().app).delete(`${API_BASE}/syncs/nightly`).set(authAs('viewer'))).status,
    ).toBe(403);
    const deleted = await request(current().app).delete(`${API_BASE}/syncs/nightly`).set(authAs('teamAdmin'));
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
    expect(await current().stores.syncs.list()).toEqual([]);
    expect(current().stores.secrets.size).toBe(0);
    expect(
      (await request(current().app).delete(`${API_BASE}/syncs/nightly`).set(authAs('admin'))).status,
    ).toBe(404);
  });
});

describe('POST /syncs/:name/run', () => {
  it('starts a job as the extension, recorded on the sync; 409 while it is active', async () => {
    await create();
    const run = await request(current().app).post(`${API_BASE}/syncs/nightly/run`).set(authAs('teamAdmin'));
    expect(run.status, run.text).toBe(202);
    expect(run.body).toMatchObject({ runAs: 'service', syncName: 'nightly', requestedBy: 'teamAdmin' });
    const [started] = current().jobs.started;
    expect(started?.options.identity).toBe('service');
    expect(started?.spec).not.toHaveProperty('schedule');
    const sync = await current().stores.syncs.get('nightly');
    expect(sync?.status.lastJobId).toBe((run.body as { id: string }).id);

    const again = await request(current().app).post(`${API_BASE}/syncs/nightly/run`).set(authAs('admin'));
    expect(again.status).toBe(409);
    expect((again.body as { message: string }).message).toMatch(/still pending/);
    expect(current().jobs.started).toHaveLength(1);
  });

  it('refuses a viewer', async () => {
    await create();
    const run = await request(current().app).post(`${API_BASE}/syncs/nightly/run`).set(authAs('viewer'));
    expect(run.status).toBe(403);
    expect(current().jobs.started).toEqual([]);
  });
});
