// In-memory storage with a global, increasing resourceVersion and a bounded event history.
// Semantics copied from
//   https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions
//     (one cluster-wide revision counter like etcd's; every write, including a delete, consumes one)
//   k8s.io/apiserver/pkg/storage/etcd3/store.go (keys /registry/..., lists ordered by key,
//     a DELETED event carries the object at the deletion revision)
//   k8s.io/apiserver/pkg/storage/cacher/watch_cache.go (bounded history; older revisions are "too old")

import { resourceExpired } from './errors.js';
import { clone, type KObject } from './types.js';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoredEvent {
  type: EventType;
  rv: number;
  bucket: string;
  key: string;
  object: KObject;
  /** state before the event (undefined for ADDED) */
  prev?: KObject;
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class Storage {
  private rv = 0;
  private readonly buckets = new Map<string, Map<string, KObject>>();
  private history: StoredEvent[] = [];
  /** the revision of the newest event dropped from the history (0 = nothing dropped) */
  private compacted = 0;
  private readonly listeners = new Set<(e: StoredEvent) => void>();

  constructor(private readonly capacity: number) {}

  get resourceVersion(): number {
    return this.rv;
  }
  get compactedRevision(): number {
    return this.compacted;
  }

  private bucket(b: string): Map<string, KObject> {
    let m = this.buckets.get(b);
    if (!m) {
      m = new Map();
      this.buckets.set(b, m);
    }
    return m;
  }

  get(bucket: string, key: string): KObject | undefined {
    const o = this.buckets.get(bucket)?.get(key);
    return o ? clone(o) : undefined;
  }

  /** Items of a bucket ordered by key, at the current revision or (from history) an older one. */
  list(bucket: string, atRv?: number): { rv: number; items: [string, KObject][] } {
    const current = new Map(this.buckets.get(bucket) ?? []);
    if (atRv !== undefined && atRv < this.rv) {
      if (atRv < this.compacted) throw this.tooOld(atRv);
      for (let i = this.history.length - 1; i >= 0; i--) {
        const e = this.history[i];
        if (!e || e.rv <= atRv) break;
        if (e.bucket !== bucket) continue;
        if (e.prev) current.set(e.key, e.prev);
        else current.delete(e.key);
      }
    }
    const items = [...current.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { rv: atRv ?? this.rv, items: items.map(([k, v]) => [k, clone(v)]) };
  }

  tooOld(rv: number): Error {
    return resourceExpired(`too old resource version: ${rv} (${this.compacted + 1})`);
  }

  /** Events of a bucket after `rv` (exclusive), oldest first. Throws 410 when they are gone. */
  eventsSince(bucket: string, rv: number): StoredEvent[] {
    if (rv < this.compacted) throw this.tooOld(rv);
    return this.history.filter((e) => e.bucket === bucket && e.rv > rv).map((e) => clone(e));
  }

  subscribe(fn: (e: StoredEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Writes (create/update) or removes (object undefined) one key; returns the stored copy. */
  write(bucket: string, key: string, object: KObject | undefined): KObject {
    const b = this.bucket(bucket);
    const prev = b.get(key);
    this.rv += 1;
    let stored: KObject;
    let type: EventType;
    if (object === undefined) {
      if (!prev) throw new Error(`delete of missing key ${key}`);
      stored = clone(prev);
      stored.metadata.resourceVersion = String(this.rv);
      b.delete(key);
      type = 'DELETED';
    } else {
      stored = clone(object);
      stored.metadata.resourceVersion = String(this.rv);
      b.set(key, clone(stored));
      type = prev ? 'MODIFIED' : 'ADDED';
    }
    const ev: StoredEvent = { type, rv: this.rv, bucket, key, object: clone(stored) };
    if (prev) ev.prev = clone(prev);
    this.history.push(ev);
    while (this.history.length > this.capacity) {
      const dropped = this.history.shift();
      if (dropped) this.compacted = dropped.rv;
    }
    for (const l of this.listeners) l(ev);
    return stored;
  }

  /** Takes a revision without an object change (namespaces seeded at start). */
  bump(): number {
    this.rv += 1;
    return this.rv;
  }

  all(): Record<string, KObject[]> {
    const out: Record<string, KObject[]> = {};
    for (const [b, m] of this.buckets) out[b] = [...m.values()].map((o) => clone(o));
    return out;
  }

  reset(): void {
    this.buckets.clear();
    this.history = [];
    this.compacted = this.rv; // resourceVersions never go back; watches older than this are gone
  }
}
