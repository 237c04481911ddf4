// Syncs' next run times through the API with RepoImport objects in Kubernetes (the Kubernetes API
// emulator with the product's CRDs), where the status is a subresource written apart from the
// spec: the same cases as with memory state (service/sync-next-run.ts); and a sync of a Helm repo
// configured in KubeSphere, its reference and category mapping kept in the RepoImport's spec.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';

import { startEmulator, type RunningEmulator } from '@store-importer/kubesphere-emulator';
import { createChartRepository } from '../../src/engine/repo/index.js';
import { createApp } from '../../src/service/app.js';
import { readConfig } from '../../src/service/config.js';
import { createKubeSphereGateway } from '../../src/service/jobs/kubesphere.js';
import { JobManager } from '../../src/service/jobs/manager.js';
import { createLogger } from '../../src/service/logger.js';
import { createKubernetesStores } from '../../src/service/state/kubernetes.js';
import type { StateStores } from '../../src/service/state/types.js';
import { buildRepo } from '../support/charts.js';
import { startRepoServer } from '../support/repo-server.js';
import { makeCertificates, mutualTls } from '../support/servers.js';
import { apiClient, TEST_CHARTS } from '../service/support.js';
import { nextRunTimeTests } from '../service/sync-next-run.js';
import { NAMESPACE, startKubernetes } from './support.js';

let kube: Awaited<ReturnType<typeof startKubernetes>>;
let kubesphere: RunningEmulator;
let stores: StateStores;
let jobs: JobManager;
let server: Server;
let origin = '';

beforeAll(async () => {
  kube = await startKubernetes();
  kubesphere = await startEmulator();
  stores = createKubernetesStores({ namespace: NAMESPACE, kubeConfig: kube.kubeConfig });
  const config = readConfig({
    STATE_BACKEND: 'kubernetes',
    KS_APISERVER_URL: kubesphere.url,
    POD_NAME: 'pod-a',
  });
  const gateway = createKubeSphereGateway({ server: kubesphere.url, timeoutMs: 10_000 });
  const repos = {
    factory: createChartRepository,
    outbound: {},
    maxIndexBytes: config.maxIndexBytes,
    maxPackageBytes: config.maxPackageBytes,
  };
  const logger = createLogger('silent');
  jobs = new JobManager({
    stores,
    kubesphere: gateway,
    repos,
    logger,
    podName: 'pod-a',
    maxRunningJobs: 1,
    maxJobConcurrency: 4,
    serviceAccountTokenFile: '/nonexistent',
    storePackageLimitBytes: 1_048_576,
  });
  const app = createApp({ config, stores, jobs, kubesphere: gateway, repos, logger });
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await jobs.shutdown();
  server.closeAllConnections();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  await kubesphere.close();
  await kube.server.close();
});

beforeEach(() => {
  kube.server.reset();
});

describe('next run time (Kubernetes state)', () => {
  nextRunTimeTests(() => ({
    api: apiClient(() => origin),
    stores,
    repoUrl: 'https://charts.example.com/stable',
  }));
});

describe('a sync of a configured repository (Kubernetes state)', () => {
  it('keeps the reference and the mapping in the RepoImport spec, with no Secret', async () => {
    // KubeSphere reads a repository's index when it is added: a real one on 127.0.0.1.
    const charts = await startRepoServer(await buildRepo(TEST_CHARTS));
    onTestFinished(() => charts.close());
    const repo = await fetch(`${kubesphere.url}/kapis/application.kubesphere.io/v2/repos`, {
      method: 'POST',
      headers: { Authorization: 'Bearer emulator-admin-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        metadata: { name: 'stable' },
        spec: { url: charts.url },
      }),
    });
    expect(repo.status, await repo.text()).toBe(200);
    const api = apiClient(() => origin);
    const created = await api('POST', '/syncs', {
      body: {
        name: 'from-repo',
        schedule: '0 3 * * *',
        source: { repo: { name: 'stable' } },
        charts: ['alpha'],
        categories: { alpha: 'Web' },
      },
    });
    expect(created.status, created.text).toBe(201);
    const objects = kube.server.state().objects;
    const stored = Object.entries(objects)
      .filter(([bucket]) => bucket.includes('repoimports'))
      .flatMap(([, items]) => items) as { metadata: { name: string }; spec: Record<string, unknown> }[];
    expect(stored.map((object) => object.metadata.name)).toEqual(['from-repo']);
    expect(stored[0]?.spec).toMatchObject({
      source: { url: charts.url, configuredRepo: { name: 'stable' } },
      categories: { alpha: 'Web' },
    });
    expect(stored[0]?.spec.source).not.toHaveProperty('secretRef');
    const secrets = Object.entries(objects)
      .filter(([bucket]) => bucket.includes('secrets'))
      .flatMap(([, items]) => items);
    expect(secrets).toEqual([]);
    const listed = await api('GET', '/syncs');
    expect(listed.text).toContain('"configuredRepo":{"name":"stable"}');
  });
});

describe('a sync of a repository that demands a client certificate (Kubernetes state)', () => {
  it('keeps the certificate and key in its Secret, never answers them, and keeps them on an edit without them', async () => {
    const generated = makeCertificates();
    if (!generated) throw new Error('this test needs the openssl CLI to make its certificates');
    const certs = generated;
    const keyLine = certs.clientKey.split('\n')[1] ?? '';
    const dir = await buildRepo(TEST_CHARTS);
    const charts = await startRepoServer(dir, { tls: mutualTls(certs) });
    onTestFinished(() => charts.close());
    const api = apiClient(() => origin);
    const fields = { schedule: '0 3 * * *', charts: ['alpha'] };
    const created = await api('POST', '/syncs', {
      body: {
        name: 'mutual',
        ...fields,
        source: { url: charts.url, caPem: certs.caPem, certPem: certs.clientCert, keyPem: certs.clientKey },
      },
    });
    expect(created.status, created.text).toBe(201);
    // Its charts were checked when saved: the repository was read with the certificate.
    expect(charts.requests.length).toBeGreaterThan(0);
    const secretOf = () =>
      Object.entries(kube.server.state().objects)
        .filter(([bucket]) => bucket.includes('secrets'))
        .flatMap(([, items]) => items as { metadata: { name: string }; data?: Record<string, string> }[])
        .find((secret) => secret.metadata.name === 'storeimporter-sync-mutual');
    const decoded = (key: string) => Buffer.from(secretOf()?.data?.[key] ?? '', 'base64').toString('utf8');
    expect(decoded('tls.crt')).toBe(certs.clientCert);
    expect(decoded('tls.key')).toBe(certs.clientKey);
    expect(decoded('ca.crt')).toBe(certs.caPem);
    const read = await api('GET', '/syncs/mutual');
    const list = await api('GET', '/syncs');
    for (const response of [created, read, list]) {
      expect(response.text).not.toContain(keyLine);
      expect(response.text).not.toContain('BEGIN');
      expect(response.text).toContain('"hasClientCertificate":true');
    }
    // An edit without them, same host: the Secret and what it holds stay, and the repository is
    // read with them again (the charts changed).
    const requestsBefore = charts.requests.length;
    const updated = await api('PUT', '/syncs/mutual', {
      body: {
        ...fields,
        charts: ['alpha', 'beta'],
        source: { url: charts.url },
        resourceVersion: (read.body as { resourceVersion: string }).resourceVersion,
      },
    });
    expect(updated.status, updated.text).toBe(200);
    expect(charts.requests.length).toBeGreaterThan(requestsBefore);
    expect(updated.body).toMatchObject({
      spec: { source: { secretRef: { name: 'storeimporter-sync-mutual' }, hasClientCertificate: true } },
    });
    expect(decoded('tls.key')).toBe(certs.clientKey);
    expect(updated.text).not.toContain(keyLine);
  });
});
