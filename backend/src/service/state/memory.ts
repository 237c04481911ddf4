// In-memory state stores, for tests and the local playground: the same contract as the
// Kubernetes ones (resourceVersion checks, StaleWriteError, newest-first job lists), nothing
// survives the process. Every read returns a copy, as an API server would.
import type { JobRecord, RepoCredentials, SyncRecord } from '../jobs/types.js';
import {
  type CredentialStore,
  type JobStore,
  StaleWriteError,
  type StateStores,
  type SyncStore,
} from './types.js';

export interface MemoryStores extends StateStores {
  /** Every Secret written, by name (tests look at it). */
  readonly secrets: ReadonlyMap<string, RepoCredentials>;
}

export function createMemoryStores(): MemoryStores {
  const jobs = new Map<string, { record: JobRecord; sequence: number }>();
  const syncs = new Map<string, SyncRecord>();
  const secrets = new Map<string, RepoCredentials>();
  let sequence = 0;
  let version = 0;
  const nextVersion = (): string => String((version += 1));

  const jobStore: JobStore = {
    create(job) {
      if (jobs.has(job.id)) return Promise.reject(new StaleWriteError(`job ${job.id} already exists`));
      jobs.set(job.id, { record: structuredClone(job), sequence: (sequence += 1) });
      return Promise.resolve();
    },
    get(id) {
      const entry = jobs.get(id);
      return Promise.resolve(entry ? structuredClone(entry.record) : undefined);
    },
    list(filter = {}) {
      const all = [...jobs.values()]
        .filter(({ record }) => filter.syncName === undefined || record.syncName === filter.syncName)
        .sort((a, b) => b.record.createdAt.localeCompare(a.record.createdAt) || b.sequence - a.sequence)
        .map(({ record }) => structuredClone(record));
      return Promise.resolve(filter.limit === undefined ? all : all.slice(0, filter.limit));
    },
    updateStatus(id, status) {
      const entry = jobs.get(id);
      if (!entry) return Promise.reject(new Error(`job ${id} does not exist`));
      entry.record = { ...entry.record, status: structuredClone(status) };
      return Promise.resolve();
    },
  };

  const syncStore: SyncStore = {
    create(sync) {
      if (syncs.has(sync.name))
        return Promise.reject(new StaleWriteError(`sync ${sync.name} already exists`));
      const stored = { ...structuredClone(sync), resourceVersion: nextVersion() };
      syncs.set(sync.name, stored);
      return Promise.resolve(structuredClone(stored));
    },
    get(name) {
      const sync = syncs.get(name);
      return Promise.resolve(sync ? structuredClone(sync) : undefined);
    },
    list() {
      return Promise.resolve(
        [...syncs.values()].sort((a, b) => a.name.localeCompare(b.name)).map((sync) => structuredClone(sync)),
      );
    },
    update(sync) {
      const current = syncs.get(sync.name);
      if (!current) return Promise.reject(new StaleWriteError(`sync ${sync.name} no longer exists`));
      if (sync.resourceVersion !== current.resourceVersion) {
        return Promise.reject(
          new StaleWriteError(
            `sync ${sync.name} was changed since it was read (resourceVersion ${String(sync.resourceVersion)}, now ${String(current.resourceVersion)}): read it again and retry`,
          ),
        );
      }
      const stored = { ...structuredClone(sync), status: current.status, resourceVersion: nextVersion() };
      syncs.set(sync.name, stored);
      return Promise.resolve(structuredClone(stored));
    },
    updateStatus(name, status) {
      const current = syncs.get(name);
      if (!current) return Promise.reject(new Error(`sync ${name} does not exist`));
      const stored = { ...current, status: structuredClone(status), resourceVersion: nextVersion() };
      syncs.set(name, stored);
      return Promise.resolve(structuredClone(stored));
    },
    delete(name) {
      return Promise.resolve(syncs.delete(name));
    },
  };

  const credentialStore: CredentialStore = {
    put(name, credentials) {
      secrets.set(name, structuredClone(credentials));
      return Promise.resolve(name);
    },
    get(name) {
      const found = secrets.get(name);
      return Promise.resolve(found ? structuredClone(found) : undefined);
    },
    delete(name) {
      secrets.delete(name);
      return Promise.resolve();
    },
  };

  return { jobs: jobStore, syncs: syncStore, credentials: credentialStore, secrets };
}
