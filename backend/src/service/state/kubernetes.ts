// Jobs, syncs and repository credentials kept in Kubernetes, so that they survive restarts and
// every replica sees them: ImportJob and RepoImport custom resources (charts/backend/crds) with
// status subresources, and Secrets. Talks to the API server with the pod's own Kubernetes
// ServiceAccount (its RBAC allows exactly these resources; see charts/backend).
import {
  ApiException,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Secret,
} from '@kubernetes/client-node';

import { say, type Message } from '../../engine/index.js';
import type { ImportSpec, JobRecord, RepoCredentials, SyncRecord } from '../jobs/types.js';
import {
  type CredentialStore,
  type JobStore,
  StaleWriteError,
  type StateStores,
  type SyncStore,
} from './types.js';

export const GROUP = 'storeimporter.kubesphere.io';
export const VERSION = 'v1alpha1';
const JOBS = 'importjobs';
const SYNCS = 'repoimports';
export const SYNC_LABEL = `${GROUP}/sync`;
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'store-importer' };

interface CustomObject<Spec, Status> {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
  };
  spec: Spec;
  status?: Status;
}
type JobObject = CustomObject<
  ImportSpec & { syncName?: string; requestedBy: string; runAs: JobRecord['runAs'] },
  Omit<JobRecord['status'], 'warnings'> & { warnings: (Message | string)[] }
>;
type SyncObject = CustomObject<SyncRecord['spec'], SyncRecord['status']>;

export interface KubernetesStoreOptions {
  /** The namespace of the extension's objects (the pod's own). */
  namespace: string;
  /** Defaults to the in-cluster configuration. */
  kubeConfig?: KubeConfig;
}

export function createKubernetesStores(options: KubernetesStoreOptions): StateStores {
  const kubeConfig = options.kubeConfig ?? inClusterConfig();
  const custom = kubeConfig.makeApiClient(CustomObjectsApi);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const { namespace } = options;
  return {
    jobs: new KubernetesJobStore(custom, namespace),
    syncs: new KubernetesSyncStore(custom, namespace),
    credentials: new SecretCredentialStore(core, namespace),
  };
}

function inClusterConfig(): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromCluster();
  return kubeConfig;
}

function isStatus(error: unknown, code: number): boolean {
  return error instanceof ApiException && error.code === code;
}

/** A JSON patch that sets the whole status: no stale field of an earlier status survives. */
const setStatus = (status: unknown) => [{ op: 'add', path: '/status', value: status }];
const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

class KubernetesJobStore implements JobStore {
  constructor(
    private readonly api: CustomObjectsApi,
    private readonly namespace: string,
  ) {}

  private get coordinates() {
    return { group: GROUP, version: VERSION, namespace: this.namespace, plural: JOBS };
  }

  async create(job: JobRecord): Promise<void> {
    const body: JobObject = {
      apiVersion: `${GROUP}/${VERSION}`,
      kind: 'ImportJob',
      metadata: {
        name: job.id,
        labels: { ...MANAGED_BY, ...(job.syncName ? { [SYNC_LABEL]: job.syncName } : {}) },
      },
      spec: { ...job.spec, syncName: job.syncName, requestedBy: job.requestedBy, runAs: job.runAs },
    };
    await this.api.createNamespacedCustomObject({ ...this.coordinates, body });
    await this.updateStatus(job.id, job.status);
  }

  async get(id: string): Promise<JobRecord | undefined> {
    try {
      return toJob(
        (await this.api.getNamespacedCustomObject({ ...this.coordinates, name: id })) as JobObject,
      );
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async list(filter: { syncName?: string; limit?: number } = {}): Promise<JobRecord[]> {
    const list = (await this.api.listNamespacedCustomObject({
      ...this.coordinates,
      labelSelector: filter.syncName ? `${SYNC_LABEL}=${filter.syncName}` : undefined,
    })) as { items: JobObject[] };
    const jobs = list.items
      .map(toJob)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    return filter.limit === undefined ? jobs : jobs.slice(0, filter.limit);
  }

  async updateStatus(id: string, status: JobRecord['status']): Promise<void> {
    await this.api.patchNamespacedCustomObjectStatus(
      { ...this.coordinates, name: id, body: setStatus(status) },
      jsonPatch,
    );
  }
}

function toJob(object: JobObject): JobRecord {
  const { syncName, requestedBy, runAs, ...spec } = object.spec;
  return {
    id: object.metadata.name,
    spec,
    syncName,
    requestedBy,
    runAs,
    createdAt: object.metadata.creationTimestamp ?? '',
    status: object.status
      ? { ...object.status, warnings: object.status.warnings.map(asMessage) }
      : {
          phase: 'Pending',
          progress: { done: 0, total: 0 },
          summary: { created: 0, exists: 0, failed: 0, planned: 0 },
          failures: [],
          warnings: [],
        },
  };
}

/** Releases before message codes kept warnings as text: read as such. */
function asMessage(warning: Message | string): Message {
  return typeof warning === 'string' ? say('earlier-text', { text: warning }) : warning;
}

class KubernetesSyncStore implements SyncStore {
  constructor(
    private readonly api: CustomObjectsApi,
    private readonly namespace: string,
  ) {}

  private get coordinates() {
    return { group: GROUP, version: VERSION, namespace: this.namespace, plural: SYNCS };
  }

  async create(sync: SyncRecord): Promise<SyncRecord> {
    const body: SyncObject = {
      apiVersion: `${GROUP}/${VERSION}`,
      kind: 'RepoImport',
      metadata: { name: sync.name, labels: MANAGED_BY },
      spec: sync.spec,
    };
    const created = (await this.api.createNamespacedCustomObject({
      ...this.coordinates,
      body,
    })) as SyncObject;
    return toSync(created);
  }

  async get(name: string): Promise<SyncRecord | undefined> {
    try {
      return toSync((await this.api.getNamespacedCustomObject({ ...this.coordinates, name })) as SyncObject);
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async list(): Promise<SyncRecord[]> {
    const list = (await this.api.listNamespacedCustomObject(this.coordinates)) as { items: SyncObject[] };
    return list.items.map(toSync).sort((a, b) => a.name.localeCompare(b.name));
  }

  async update(sync: SyncRecord): Promise<SyncRecord> {
    const current = (await this.api.getNamespacedCustomObject({
      ...this.coordinates,
      name: sync.name,
    })) as SyncObject;
    const body: SyncObject = {
      ...current,
      // The caller's version, so that a change made since it read the sync is not overwritten.
      metadata: {
        ...current.metadata,
        resourceVersion: sync.resourceVersion ?? current.metadata.resourceVersion,
      },
      spec: sync.spec,
    };
    try {
      return toSync(
        (await this.api.replaceNamespacedCustomObject({
          ...this.coordinates,
          name: sync.name,
          body,
        })) as SyncObject,
      );
    } catch (error) {
      if (isStatus(error, 409))
        throw new StaleWriteError(`sync ${sync.name} was changed meanwhile; reload it and try again`);
      throw error;
    }
  }

  async updateStatus(name: string, status: SyncRecord['status']): Promise<SyncRecord> {
    const patched = (await this.api.patchNamespacedCustomObjectStatus(
      { ...this.coordinates, name, body: setStatus(status) },
      jsonPatch,
    )) as SyncObject;
    return toSync(patched);
  }

  async delete(name: string): Promise<boolean> {
    try {
      await this.api.deleteNamespacedCustomObject({ ...this.coordinates, name });
      return true;
    } catch (error) {
      if (isStatus(error, 404)) return false;
      throw error;
    }
  }
}

function toSync(object: SyncObject): SyncRecord {
  return {
    name: object.metadata.name,
    spec: object.spec,
    status: object.status ?? {},
    resourceVersion: object.metadata.resourceVersion,
  };
}

/** Secret keys, as `kubectl create secret generic --from-literal` would name them. */
const SECRET_KEYS = {
  username: 'username',
  password: 'password',
  token: 'token',
  caPem: 'ca.crt',
  // As in a kubernetes.io/tls Secret.
  certPem: 'tls.crt',
  keyPem: 'tls.key',
} as const;

class SecretCredentialStore implements CredentialStore {
  constructor(
    private readonly api: CoreV1Api,
    private readonly namespace: string,
  ) {}

  async put(name: string, credentials: RepoCredentials): Promise<string> {
    const data: Record<string, string> = {};
    for (const [field, key] of Object.entries(SECRET_KEYS) as [keyof RepoCredentials, string][]) {
      const value = credentials[field];
      if (value !== undefined) data[key] = Buffer.from(value).toString('base64');
    }
    const body: V1Secret = { metadata: { name, labels: MANAGED_BY }, type: 'Opaque', data };
    try {
      await this.api.createNamespacedSecret({ namespace: this.namespace, body });
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
      await this.api.replaceNamespacedSecret({ namespace: this.namespace, name, body });
    }
    return name;
  }

  async get(name: string): Promise<RepoCredentials | undefined> {
    let secret: V1Secret;
    try {
      secret = await this.api.readNamespacedSecret({ namespace: this.namespace, name });
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
    const credentials: RepoCredentials = {};
    for (const [field, key] of Object.entries(SECRET_KEYS) as [keyof RepoCredentials, string][]) {
      const value = secret.data?.[key];
      if (value !== undefined) credentials[field] = Buffer.from(value, 'base64').toString('utf8');
    }
    return credentials;
  }

  async delete(name: string): Promise<void> {
    try {
      await this.api.deleteNamespacedSecret({ namespace: this.namespace, name });
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
    }
  }
}
