// The Kubernetes state stores against the Kubernetes API emulator with the product's real CRDs:
// records round-trip whole (nothing pruned by the CRD schemas), status replaces status, stale
// writes are refused, credentials live only in Secrets.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { say, type Message } from '../../src/engine/index.js';
import type { JobRecord, SyncRecord } from '../../src/service/jobs/types.js';
import { createKubernetesStores, GROUP, VERSION } from '../../src/service/state/kubernetes.js';
import { StaleWriteError, type StateStores } from '../../src/service/state/types.js';
import { NAMESPACE, startKubernetes } from './support.js';

let kube: Awaited<ReturnType<typeof startKubernetes>>;
let stores: StateStores;

beforeAll(async () => {
  kube = await startKubernetes();
  stores = createKubernetesStores({ namespace: NAMESPACE, kubeConfig: kube.kubeConfig });
});
afterAll(async () => {
  await kube.server.close();
});
beforeEach(() => {
  kube.server.reset();
});

const spec = {
  source: {
    url: 'https://charts.example.com/stable',
    secretRef: { name: 'storeimporter-sync-nightly' },
    insecureSkipTLSVerify: false,
    plainHttp: false,
    configuredRepo: { name: 'bitnami', workspace: 'ws1' },
  },
  versions: '3',
  charts: ['nginx', 'redis'],
  includeDeprecated: true,
  workspace: 'ws1',
  publish: 'review' as const,
  dryRun: false,
  concurrency: 6,
  categories: { nginx: 'Web Servers', redis: 'kubesphere-app-uncategorized' },
  categoryRules: [
    { category: 'Databases', names: ['*-db', 'postgres*'], keywords: ['sql'] },
    { category: 'Messaging', keywords: ['amqp'] },
  ],
  verify: {
    policy: 'require' as const,
    keyring: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQ...\n-----END PGP PUBLIC KEY BLOCK-----',
    cosignKey: '-----BEGIN PUBLIC KEY-----\nMFkw...\n-----END PUBLIC KEY-----',
  },
};

function job(id: string, syncName?: string): JobRecord {
  return {
    id,
    spec,
    ...(syncName ? { syncName } : {}),
    requestedBy: 'admin',
    runAs: syncName ? 'service' : 'user',
    createdAt: '',
    status: {
      phase: 'Running',
      progress: { done: 3, total: 10 },
      summary: { created: 2, exists: 1, failed: 1, planned: 0 },
      failures: [
        {
          chart: 'nginx',
          version: '1.0.0',
          status: 'failed',
          app: 'nginx-abcde',
          reason: 'boom',
          reasons: [say('store-failed', { problem: 'boom', kind: 'server-failed', status: 503 })],
          remedy: 'retry',
        },
      ],
      notes: [
        {
          chart: 'nginx',
          version: '1.1.0',
          status: 'created',
          app: 'nginx-abcde',
          reason: 'completed a draft left by an earlier run; slimmed from 2000000 to 900000 bytes',
          reasons: [
            say('draft-completed'),
            say('slimmed', { fromBytes: 2_000_000, toBytes: 900_000, removed: '' }),
          ],
        },
      ],
      charts: [
        { chart: 'nginx', app: 'nginx-abcde', total: 4, created: 1, exists: 1, failed: 1, planned: 0 },
        { chart: 'gone', app: '', total: 1, created: 0, exists: 0, failed: 0, planned: 0 },
      ],
      warnings: [
        say('chart-deprecated', { chart: 'careful' }),
        say('sizes-over-lookup-limit', { count: 3, max: 500 }),
        say('job-resumed'),
      ],
      message: 'working',
      detail: say('job-deadline-passed', { deadline: '1 h' }),
      startTime: '2026-11-23T10:00:00.000Z',
      owner: 'pod-a',
      heartbeatTime: '2026-11-23T10:00:10.000Z',
      cancelRequested: true,
    },
  };
}

describe('ImportJob records', () => {
  it('round-trip every field through the CRD schema', async () => {
    await stores.jobs.create(job('imp-1'));
    const read = await stores.jobs.get('imp-1');
    const expected = job('imp-1');
    expect(read).toEqual({ ...expected, createdAt: read?.createdAt });
    expect(read?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('updateStatus replaces the whole status: no field of the old one survives', async () => {
    await stores.jobs.create(job('imp-2'));
    await stores.jobs.updateStatus('imp-2', {
      phase: 'Succeeded',
      progress: { done: 10, total: 10 },
      summary: { created: 9, exists: 1, failed: 0, planned: 0 },
      failures: [],
      warnings: [],
      completionTime: '2026-11-23T10:05:00.000Z',
    });
    const status = (await stores.jobs.get('imp-2'))?.status;
    expect(status?.phase).toBe('Succeeded');
    expect(status).not.toHaveProperty('owner');
    expect(status).not.toHaveProperty('message');
    expect(status).not.toHaveProperty('cancelRequested');
  });

  it('lists newest first, by sync through a label selector, with a limit', async () => {
    await stores.jobs.create(job('imp-a', 'nightly'));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await stores.jobs.create(job('imp-b'));
    await stores.jobs.create(job('imp-c', 'nightly'));
    expect((await stores.jobs.list()).map((j) => j.id)).toEqual(['imp-c', 'imp-b', 'imp-a']);
    expect((await stores.jobs.list({ syncName: 'nightly' })).map((j) => j.id)).toEqual(['imp-c', 'imp-a']);
    expect((await stores.jobs.list({ limit: 1 })).map((j) => j.id)).toEqual(['imp-c']);
  });

  it('a missing job is undefined, not an error', async () => {
    expect(await stores.jobs.get('nope')).toBeUndefined();
  });

  it('of a release that kept warnings as text read them as earlier-text messages after the upgrade', async () => {
    const crd = `${kube.server.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions/importjobs.${GROUP}`;
    const headers = { Authorization: `Bearer ${kube.server.token}`, 'Content-Type': 'application/json' };
    type Crd = {
      spec: {
        versions: {
          schema: { openAPIV3Schema: { properties: { status: { properties: Record<string, unknown> } } } };
        }[];
      };
    };
    const statusSchema = (object: Crd) =>
      object.spec.versions[0]?.schema.openAPIV3Schema.properties.status.properties;
    const replaceSchema = async (warnings: unknown): Promise<void> => {
      const current = (await (await fetch(crd, { headers })).json()) as Crd;
      const properties = statusSchema(current);
      if (properties === undefined) throw new Error('the ImportJob CRD has no status schema');
      properties.warnings = warnings;
      const put = await fetch(crd, { method: 'PUT', headers, body: JSON.stringify(current) });
      expect(put.status, await put.text()).toBe(200);
    };
    const now = (await (await fetch(crd, { headers })).json()) as Crd;
    const messages = statusSchema(now)?.warnings;

    // The earlier CRD and what that release wrote.
    await replaceSchema({ type: 'array', maxItems: 20, items: { type: 'string', maxLength: 2048 } });
    const earlier = job('imp-old');
    await stores.jobs.create({
      ...earlier,
      status: { ...earlier.status, warnings: ['careful'] as unknown as JobRecord['status']['warnings'] },
    });

    // The upgrade: the CRD of this release, the object as stored.
    await replaceSchema(messages);
    const read = await stores.jobs.get('imp-old');
    expect(read?.status.warnings).toEqual([
      { code: 'earlier-text', params: { text: 'careful' }, message: 'careful' },
    ]);
    // Written again, the status holds messages only.
    if (read === undefined) throw new Error('imp-old is gone');
    await stores.jobs.updateStatus('imp-old', read.status);
    expect((await stores.jobs.get('imp-old'))?.status.warnings).toEqual(read.status.warnings);
  });

  it('refuses a message parameter that is neither an integer nor a string, as the API server does', async () => {
    await stores.jobs.create(job('imp-params'));
    const status = job('imp-params').status;
    for (const value of [true, 1.5, { nested: 'x' }]) {
      const warning = { ...say('job-resumed'), params: { odd: value } } as unknown as Message;
      await expect(
        stores.jobs.updateStatus('imp-params', { ...status, warnings: [warning] }),
      ).rejects.toThrow(/params/);
    }
    expect((await stores.jobs.get('imp-params'))?.status.warnings).toEqual(status.warnings);
  });
});

describe('RepoImport records', () => {
  const sync: SyncRecord = {
    name: 'nightly',
    spec: { ...spec, schedule: '0 3 * * *', suspend: false },
    status: {},
  };

  it('create, update with the current resourceVersion, refuse a stale one', async () => {
    const created = await stores.syncs.create(sync);
    expect(created.resourceVersion).toBeDefined();
    const updated = await stores.syncs.update({ ...created, spec: { ...created.spec, suspend: true } });
    expect(updated.spec.suspend).toBe(true);
    await expect(
      stores.syncs.update({ ...created, spec: { ...created.spec, schedule: '0 4 * * *' } }),
    ).rejects.toBeInstanceOf(StaleWriteError);
    expect((await stores.syncs.get('nightly'))?.spec.schedule).toBe('0 3 * * *');
  });

  it('status is written apart from the spec and read back', async () => {
    const created = await stores.syncs.create(sync);
    const written = await stores.syncs.updateStatus('nightly', {
      lastJobId: 'imp-1',
      lastRunTime: '2026-11-23T03:00:00.000Z',
      lastResult: 'PartiallyFailed',
      lastSummary: { created: 3, exists: 0, failed: 1, planned: 0 },
      lastFailures: [
        { chart: 'redis', version: '2.0.0', status: 'failed', app: 'redis-abcde', reason: 'too big' },
      ],
      nextRunTime: '2026-11-24T03:00:00.000Z',
      lastUnchanged: true,
      runRecord: 'H4sIAAAAAAAAA6tWKkotLs0pUbJSMDQyUqoFAO8FZ0cQAAAA',
      conditions: [
        {
          type: 'Synced',
          status: 'False',
          reason: 'PartiallyFailed',
          message: '3 created, 0 already in the store, 1 failed (job imp-1)',
          lastTransitionTime: '2026-11-23T03:05:00.000Z',
        },
      ],
    });
    const read = await stores.syncs.get('nightly');
    // The record as stored is returned, with the resourceVersion a following update needs.
    expect(written).toEqual(read);
    expect(written.resourceVersion).not.toBe(created.resourceVersion);
    expect(read?.status.lastResult).toBe('PartiallyFailed');
    expect(read?.status.lastFailures).toHaveLength(1);
    // The run record (never served by the API) survives the CRD schema's pruning.
    expect(read?.status.lastUnchanged).toBe(true);
    expect(read?.status.runRecord).toBe('H4sIAAAAAAAAA6tWKkotLs0pUbJSMDQyUqoFAO8FZ0cQAAAA');
    expect(read?.status.conditions?.[0]).toMatchObject({ type: 'Synced', status: 'False' });
    expect(read?.spec).toEqual(sync.spec);
    expect((await stores.syncs.list()).map((s) => s.name)).toEqual(['nightly']);
  });

  it('delete reports whether there was something to delete', async () => {
    await stores.syncs.create(sync);
    expect(await stores.syncs.delete('nightly')).toBe(true);
    expect(await stores.syncs.delete('nightly')).toBe(false);
  });

  it('refuses what the CRD schema refuses (the API server validates, 422)', async () => {
    await expect(
      stores.syncs.create({ ...sync, name: 'bad', spec: { ...sync.spec, versions: 'newest' } }),
    ).rejects.toThrow(/versions/);
  });
});

describe('credentials', () => {
  it('live in a Secret, base64, and come back whole', async () => {
    await stores.credentials.put('storeimporter-sync-nightly', {
      username: 'u',
      password: 'p@ss',
      caPem: 'PEM',
    });
    expect(await stores.credentials.get('storeimporter-sync-nightly')).toEqual({
      username: 'u',
      password: 'p@ss',
      caPem: 'PEM',
    });
    await stores.credentials.put('storeimporter-sync-nightly', { token: 't' });
    expect(await stores.credentials.get('storeimporter-sync-nightly')).toEqual({ token: 't' });
    const state = JSON.stringify(kube.server.state());
    expect(state).toContain(Buffer.from('t').toString('base64'));
    await stores.credentials.delete('storeimporter-sync-nightly');
    expect(await stores.credentials.get('storeimporter-sync-nightly')).toBeUndefined();
  });

  it('are never in a RepoImport or ImportJob object', async () => {
    await stores.credentials.put('storeimporter-sync-x', { password: 'hunter2-secret' });
    await stores.syncs.create({
      name: 'x',
      spec: { ...spec, schedule: '0 3 * * *', suspend: false },
      status: {},
    });
    await stores.jobs.create(job('imp-x', 'x'));
    const objects = JSON.stringify(kube.server.state());
    const secretValue = Buffer.from('hunter2-secret').toString('base64');
    expect(objects.split(secretValue)).toHaveLength(2);
    expect(objects).not.toContain('hunter2-secret');
    expect(`${GROUP}/${VERSION}`).toBe('storeimporter.kubesphere.io/v1alpha1');
  });
});
