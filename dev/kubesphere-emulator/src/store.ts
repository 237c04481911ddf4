// In-memory "etcd" of the emulator: the four CR kinds, the package stores and the request log,
// with optional persistence to a JSON file (written atomically: temp file + rename).
// Package stores follow ks-core pkg/simple/client/application/store.go:
//   CmStore (ConfigMaps in namespace extension-openpitrix): Upload ignores AlreadyExists, so the OLD bytes stay;
//   the OSS (S3) store overwrites; FailOverGet reads OSS first and falls back to the ConfigMap store.

import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ApplicationNamespace } from './constants.js';
import { KsError, notFound } from './errors.js';
import type { Application, ApplicationRelease, ApplicationVersion, Category, Repo } from './types.js';

export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  status: number;
  user: string;
  fault?: string;
}

interface PersistedState {
  apps: Application[];
  versions: ApplicationVersion[];
  categories: Category[];
  repos: Repo[];
  /** absent in state files written before releases were emulated */
  releases?: ApplicationRelease[];
  cm: Record<string, string>;
  oss: Record<string, string>;
  resourceVersion: number;
}

export class Store {
  apps = new Map<string, Application>();
  versions = new Map<string, ApplicationVersion>();
  categories = new Map<string, Category>();
  repos = new Map<string, Repo>();
  /** ApplicationReleases (cluster-scoped): seeded by tests, never installed here */
  releases = new Map<string, ApplicationRelease>();
  /** ConfigMap store: name -> BinaryData[BinaryKey] */
  cm = new Map<string, Buffer>();
  /** OSS store: key -> object */
  oss = new Map<string, Buffer>();
  requestLog: RequestLogEntry[] = [];
  private rv = 1;

  constructor(
    private readonly stateFile: string | undefined,
    private readonly openpitrix: () => boolean,
  ) {}

  nextResourceVersion(): string {
    this.rv += 1;
    return String(this.rv);
  }

  newMeta(name: string): {
    name: string;
    uid: string;
    resourceVersion: string;
    generation: number;
    creationTimestamp: string;
  } {
    return {
      name,
      uid: randomUUID(),
      resourceVersion: this.nextResourceVersion(),
      generation: 1,
      creationTimestamp: metaNow(),
    };
  }

  /** CmStore.Upload: Create, AlreadyExists ignored (old bytes kept). Without the namespace: NotFound. */
  cmUpload(key: string, data: Buffer): void {
    if (!this.openpitrix()) throw notFound('namespaces', '', ApplicationNamespace);
    if (this.cm.has(key)) return;
    this.cm.set(key, Buffer.from(data));
  }

  /** CmStore.Read through the informer cache: `ConfigMap "<key>" not found` when absent. */
  cmRead(key: string): Buffer {
    const data = this.openpitrix() ? this.cm.get(key) : undefined;
    if (!data) throw new KsError(404, `ConfigMap "${key}" not found`, 'NotFound');
    return data;
  }

  /** CmStore.Delete: NotFound ignored. */
  cmDelete(keys: string[]): void {
    for (const k of keys) this.cm.delete(k);
  }

  reset(): void {
    this.apps.clear();
    this.versions.clear();
    this.categories.clear();
    this.repos.clear();
    this.releases.clear();
    this.cm.clear();
    this.oss.clear();
    this.requestLog = [];
  }

  load(): boolean {
    if (!this.stateFile) return false;
    let text: string;
    try {
      text = readFileSync(this.stateFile, 'utf8');
    } catch {
      return false;
    }
    const s = JSON.parse(text) as PersistedState;
    this.reset();
    for (const a of s.apps) this.apps.set(a.metadata.name, a);
    for (const v of s.versions) this.versions.set(v.metadata.name, v);
    for (const c of s.categories) this.categories.set(c.metadata.name, c);
    for (const r of s.repos) this.repos.set(r.metadata.name, r);
    for (const r of s.releases ?? []) this.releases.set(r.metadata.name, r);
    for (const [k, v] of Object.entries(s.cm)) this.cm.set(k, Buffer.from(v, 'base64'));
    for (const [k, v] of Object.entries(s.oss)) this.oss.set(k, Buffer.from(v, 'base64'));
    this.rv = s.resourceVersion;
    return true;
  }

  save(): void {
    if (!this.stateFile) return;
    const s: PersistedState = {
      apps: [...this.apps.values()],
      versions: [...this.versions.values()],
      categories: [...this.categories.values()],
      repos: [...this.repos.values()],
      releases: [...this.releases.values()],
      cm: Object.fromEntries([...this.cm].map(([k, v]) => [k, v.toString('base64')])),
      oss: Object.fromEntries([...this.oss].map(([k, v]) => [k, v.toString('base64')])),
      resourceVersion: this.rv,
    };
    const tmp = `${this.stateFile}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, JSON.stringify(s));
    renameSync(tmp, this.stateFile);
  }
}

/** metav1.Time marshals as RFC 3339 with second precision, UTC. */
export function metaNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}
