// Scheduled syncs end to end: CRUD, credentials kept in a Secret and never echoed, optimistic
// concurrency, and "run now" with the extension's own identity.
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

import type { JobRecord, SyncRecord } from '../../src/service/jobs/types.js';
import { stateOf } from '../support/emulator.js';
import { REPO_PASSWORD, REPO_USER, SA_TOKEN, jobOf, useServiceHarness } from './support.js';
import { nextRunTimeTests } from './sync-next-run.js';

const VIEWER = 'emulator-viewer-token';

describe('syncs', () => {
  const h = useServiceHarness();

  const createBody = () => ({
    name: 'nightly',
    schedule: '0 3 * * *',
    source: { url: h.privateRepo.url, username: REPO_USER, password: REPO_PASSWORD },
    versions: 'all',
  });

  it('creates, reads, updates and deletes a sync without ever echoing its credentials', async () => {
    const created = await h.api('POST', '/syncs', { body: createBody() });
    expect(created.status).toBe(201);
    const sync = created.body as SyncRecord;
    expect(sync).toMatchObject({
      name: 'nightly',
      spec: {
        schedule: '0 3 * * *',
        suspend: false,
        versions: 'all',
        publish: 'active',
        source: { url: h.privateRepo.url, secretRef: { name: 'storeimporter-sync-nightly' } },
      },
    });
    expect(h.stores.secrets.get('storeimporter-sync-nightly')).toEqual({
      username: REPO_USER,
      password: REPO_PASSWORD,
    });

    const duplicate = await h.api('POST', '/syncs', { body: createBody() });
    expect(duplicate.status).toBe(409);

    const read = await h.api('GET', '/syncs/nightly');
    const list = await h.api('GET', '/syncs');
    for (const response of [created, read, list]) {
      expect(response.status).toBe(200 + (response === created ? 1 : 0));
      expect(response.text).not.toContain(REPO_PASSWORD);
      expect(response.text).not.toContain(REPO_USER);
    }
    expect((list.body as { items: SyncRecord[] }).items).toHaveLength(1);

    // No credentials given, same host: the Secret is kept.
    const { name: _name, ...fields } = createBody();
    const updated = await h.api('PUT', '/syncs/nightly', {
      body: {
        ...fields,
        source: { url: h.privateRepo.url },
        schedule: '30 4 * * 1',
        resourceVersion: sync.resourceVersion,
      },
    });
    expect(updated.status).toBe(200);
    const second = updated.body as SyncRecord;
    expect(second.spec.schedule).toBe('30 4 * * 1');
    expect(second.spec.source.secretRef).toEqual({ name: 'storeimporter-sync-nightly' });
    expect(second.resourceVersion).not.toBe(sync.resourceVersion);

    // The old resourceVersion is stale now.
    const stale = await h.api('PUT', '/syncs/nightly', {
      body: { ...fields, source: { url: h.privateRepo.url }, resourceVersion: sync.resourceVersion },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ reason: 'Conflict' });

    // Another host without credentials: the Secret goes.
    const moved = await h.api('PUT', '/syncs/nightly', {
      body: { ...fields, source: { url: h.repo.url }, resourceVersion: second.resourceVersion },
    });
    expect(moved.status).toBe(200);
    expect((moved.body as SyncRecord).spec.source.secretRef).toBeUndefined();
    expect(h.stores.secrets.size).toBe(0);

    const deleted = await h.api('DELETE', '/syncs/nightly');
    expect(deleted.status).toBe(200);
    expect((await h.api('GET', '/syncs/nightly')).status).toBe(404);
    expect((await h.api('DELETE', '/syncs/nightly')).status).toBe(404);
  });

  it('deletes the Secret with the sync', async () => {
    expect((await h.api('POST', '/syncs', { body: createBody() })).status).toBe(201);
    expect(h.stores.secrets.size).toBe(1);
    expect((await h.api('DELETE', '/syncs/nightly')).status).toBe(200);
    expect(h.stores.secrets.size).toBe(0);
  });

  it('refuses a viewer, a bad schedule and a bad name', async () => {
    const viewer = await h.api('POST', '/syncs', { token: VIEWER, body: createBody() });
    expect(viewer.status).toBe(403);
    const schedule = await h.api('POST', '/syncs', { body: { ...createBody(), schedule: '0 3 * * * * *' } });
    expect(schedule.status).toBe(400);
    expect((schedule.body as { message: string }).message).toMatch(/body\.schedule must be a 5-field cron/);
    const name = await h.api('POST', '/syncs', { body: { ...createBody(), name: 'Not_A_Name' } });
    expect(name.status).toBe(400);
    expect((name.body as { message: string }).message).toMatch(/^body\.name is invalid/);
    expect(h.stores.secrets.size).toBe(0);
  });

  it('runs a sync now with the service token, whoever asked', async () => {
    expect((await h.api('POST', '/syncs', { body: createBody() })).status).toBe(201);
    // The caller is an admin with a token of their own (a JWT, not the service's).
    const callerToken = h.emulator.issueToken('admin');
    expect(callerToken).not.toBe(SA_TOKEN);
    const run = await h.api('POST', '/syncs/nightly/run', { token: callerToken });
    expect(run.status).toBe(202);
    const started = jobOf(run.body);
    expect(started).toMatchObject({ runAs: 'service', syncName: 'nightly', requestedBy: 'admin' });
    expect(run.text).not.toContain(REPO_PASSWORD);

    const job = await h.waitForJob(started.id);
    expect(job.status.phase).toBe('Succeeded');
    expect(job.status.summary.created).toBe(3);
    const writes = stateOf(h.emulator).requestLog.filter((entry) => entry.method !== 'GET') as {
      method: string;
      path: string;
      user?: string;
    }[];
    const uploads = writes.filter((entry) => !entry.path.includes('validate=true'));
    expect(uploads.length).toBeGreaterThan(0);
    expect(new Set(uploads.map((entry) => entry.user))).toEqual(new Set(['store-importer-sa']));

    const sync = (await h.api('GET', '/syncs/nightly')).body as SyncRecord;
    expect(sync.status).toMatchObject({ lastJobId: started.id, lastResult: 'Succeeded', lastFailures: [] });
    expect(sync.status.conditions).toEqual([
      expect.objectContaining({
        type: 'Synced',
        status: 'True',
        reason: 'Succeeded',
      }),
    ]);
    expect(sync.status.conditions?.[0]?.message).toMatch(/3 created/);
    const jobs = (await h.api('GET', '/jobs?sync=nightly')).body as { items: JobRecord[] };
    expect(jobs.items.map((item) => item.id)).toEqual([started.id]);
    expect(JSON.stringify(jobs)).not.toContain(REPO_PASSWORD);

    // The token file is read again at each run: a revoked token fails the next run.
    await writeFile(h.tokenFile, 'revoked-token\n');
    const next = await h.api('POST', '/syncs/nightly/run', { token: callerToken });
    const failed = await h.waitForJob(jobOf(next.body).id);
    expect(failed.status.phase).toBe('Failed');
    expect(failed.status.message).toMatch(/KubeSphere rejected the credentials/);
    const afterFailure = (await h.api('GET', '/syncs/nightly')).body as SyncRecord;
    expect(afterFailure.status.conditions).toEqual([
      expect.objectContaining({
        type: 'Synced',
        status: 'False',
        reason: 'Failed',
      }),
    ]);
    expect(afterFailure.status.conditions?.[0]?.message).toMatch(/rejected/);
    expect(h.logs.join('')).not.toContain(SA_TOKEN);
  });

  describe('next run time (memory state)', () => {
    nextRunTimeTests(() => ({
      api: (method, path, options) => h.api(method, path, options),
      stores: h.stores,
      repoUrl: h.repo.url,
    }));
  });

  it('refuses to run a sync whose last job is still running', async () => {
    h.emulator.setFaults({ latencyMs: 200 });
    expect((await h.api('POST', '/syncs', { body: createBody() })).status).toBe(201);
    const first = await h.api('POST', '/syncs/nightly/run');
    expect(first.status).toBe(202);
    const second = await h.api('POST', '/syncs/nightly/run');
    expect(second.status).toBe(409);
    await h.api('POST', `/jobs/${jobOf(first.body).id}/cancel`);
    await h.waitForJob(jobOf(first.body).id);
  });
});

describe('syncs of a configured repository, chart names checked on save', () => {
  // The extension's ServiceAccount as the chart binds it: the App Store template only
  // (charts/backend/templates/kubesphere-serviceaccount.yaml), over the emulator's read-only role.
  const h = useServiceHarness({
    emulator: {
      users: [
        { username: 'admin', password: 'P@88w0rd', role: 'platform-admin', tokens: ['emulator-admin-token'] },
        { username: 'viewer', password: 'P@88w0rd', role: 'viewer', tokens: [VIEWER] },
        {
          username: 'store-importer-sa',
          password: 'unused-Pw-1',
          role: 'viewer',
          roleTemplates: ['global-role-template-manage-app'],
          tokens: [SA_TOKEN],
        },
      ],
    },
  });

  /** A Helm repo configured in KubeSphere, its credentials typed into its URL (KubeSphere keeps them). */
  const configureRepo = async (name: string, url: string): Promise<void> => {
    const withUserinfo = url.replace('://', `://${REPO_USER}:${REPO_PASSWORD}@`);
    const response = await fetch(`${h.emulator.url}/kapis/application.kubesphere.io/v2/repos`, {
      method: 'POST',
      headers: { Authorization: 'Bearer emulator-admin-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ metadata: { name }, spec: { url: withUserinfo } }),
    });
    expect(response.status, await response.text()).toBe(200);
  };
  const syncs = async () => ((await h.api('GET', '/syncs')).body as { items: SyncRecord[] }).items;

  it('keeps the reference, no Secret, and runs as the ServiceAccount with the mapping', async () => {
    await configureRepo('private-charts', h.privateRepo.url);
    const created = await h.api('POST', '/syncs', {
      body: {
        name: 'from-repo',
        schedule: '0 3 * * *',
        source: { repo: { name: 'private-charts' } },
        charts: ['alpha'],
        versions: 'all',
        categories: { alpha: 'Mapped tools' },
      },
    });
    expect(created.status, created.text).toBe(201);
    const sync = created.body as SyncRecord;
    expect(sync.spec.source).toEqual({
      url: h.privateRepo.url,
      configuredRepo: { name: 'private-charts' },
    });
    expect(sync.spec.categories).toEqual({ alpha: 'Mapped tools' });
    expect(h.stores.secrets.size).toBe(0);
    expect(created.text).not.toContain(REPO_PASSWORD);

    const run = await h.api('POST', '/syncs/from-repo/run');
    expect(run.status, run.text).toBe(202);
    const job = await h.waitForJob(jobOf(run.body).id);
    expect(job, JSON.stringify(job.status)).toMatchObject({
      runAs: 'service',
      status: { phase: 'Succeeded', summary: { created: 2, failed: 0 } },
    });
    const log = stateOf(h.emulator).requestLog as { method: string; path: string; user?: string }[];
    // The run read the Repo (its credentials) through KubeSphere as the ServiceAccount.
    expect(
      log.some(
        (entry) =>
          entry.method === 'GET' &&
          entry.path.endsWith('/repos/private-charts') &&
          entry.user === 'store-importer-sa',
      ),
    ).toBe(true);
    // Every write but the test's own Repo: the run's, as the ServiceAccount.
    const uploads = log.filter(
      (entry) =>
        entry.method !== 'GET' && !entry.path.includes('validate=true') && !entry.path.endsWith('/repos'),
    );
    expect(new Set(uploads.map((entry) => entry.user))).toEqual(new Set(['store-importer-sa']));
    const apps = stateOf(h.emulator).apps;
    expect(
      apps.map((app) => app.metadata.annotations?.['application.kubesphere.io/app-originalName']),
    ).toEqual(['alpha']);
    const category = stateOf(h.emulator).categories.find(
      (c) => c.metadata.name === apps[0]?.metadata.labels?.['application.kubesphere.io/app-category-name'],
    );
    expect(category?.metadata.annotations?.['kubesphere.io/alias-name']).toBe('Mapped tools');
    expect(h.logs.join('')).not.toContain(REPO_PASSWORD);
  });

  it('reads the configured repository as the caller when saving: one they cannot see is refused', async () => {
    const missing = await h.api('POST', '/syncs', {
      body: { name: 'nowhere', schedule: '0 3 * * *', source: { repo: { name: 'no-such-repo' } } },
    });
    expect(missing.status).toBe(404);
    expect(await syncs()).toEqual([]);
  });

  it('refuses unknown chart names at create, naming them and the nearest, storing nothing', async () => {
    const refused = await h.api('POST', '/syncs', {
      body: {
        name: 'typo',
        schedule: '0 3 * * *',
        source: { url: h.privateRepo.url, username: REPO_USER, password: REPO_PASSWORD },
        charts: ['alpah', 'beta', 'zzz-unknown'],
      },
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body).toMatchObject({
      reason: 'Invalid',
      unknownCharts: [
        { name: 'alpah', nearest: ['alpha'] },
        { name: 'zzz-unknown', nearest: [] },
      ],
    });
    expect((refused.body as { message: string }).message).toMatch(
      /alpah \(did you mean alpha\?\); zzz-unknown/,
    );
    expect(refused.text).not.toContain(REPO_PASSWORD);
    expect(await syncs()).toEqual([]);
    expect(h.stores.secrets.size).toBe(0);
  });

  it('refuses a repository it cannot read when the sync names charts: the repository error', async () => {
    const refused = await h.api('POST', '/syncs', {
      body: {
        name: 'locked',
        schedule: '0 3 * * *',
        source: { url: h.privateRepo.url, username: REPO_USER, password: 'wrong-password' },
        charts: ['alpha'],
      },
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body).toMatchObject({ reason: 'RepoUnreadable', failure: { kind: 'unauthorized' } });
    expect(await syncs()).toEqual([]);
    expect(h.stores.secrets.size).toBe(0);
  });

  it('refuses unknown chart names at update with the stored credentials, changing nothing', async () => {
    const created = await h.api('POST', '/syncs', {
      body: {
        name: 'nightly',
        schedule: '0 3 * * *',
        source: { url: h.privateRepo.url, username: REPO_USER, password: REPO_PASSWORD },
        charts: ['alpha'],
      },
    });
    expect(created.status, created.text).toBe(201);
    const sync = created.body as SyncRecord;
    const fields = {
      schedule: '0 4 * * *',
      source: { url: h.privateRepo.url },
      resourceVersion: sync.resourceVersion,
    };
    const refused = await h.api('PUT', '/syncs/nightly', { body: { ...fields, charts: ['alpha', 'betta'] } });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body).toMatchObject({ unknownCharts: [{ name: 'betta', nearest: ['beta'] }] });
    const after = (await h.api('GET', '/syncs/nightly')).body as SyncRecord;
    expect(after.resourceVersion).toBe(sync.resourceVersion);
    expect(after.spec).toEqual(sync.spec);
    expect(h.stores.secrets.get('storeimporter-sync-nightly')).toEqual({
      username: REPO_USER,
      password: REPO_PASSWORD,
    });
    // Known names, read with the stored credentials (none typed): saved.
    const saved = await h.api('PUT', '/syncs/nightly', { body: { ...fields, charts: ['alpha', 'beta'] } });
    expect(saved.status, saved.text).toBe(200);
    expect((saved.body as SyncRecord).spec.charts).toEqual(['alpha', 'beta']);
  });
});
