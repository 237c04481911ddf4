// The offline bundles uploaded to this replica: verified, unpacked and kept on local disk for a
// while, so that a preview, chart details and a job can read them as a repository. A bundle is
// kept while it is used and for an idle time after its last use; a job using it holds it until
// the job ends. The total kept is capped: the least recently used unheld bundles go first. Only
// this replica knows its bundles (a restart, or another replica behind the Service, has none).
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';

import {
  BundleError,
  BundleOverLimitError,
  DEFAULT_BUNDLE_LIMITS,
  openBundle,
  say,
  type BundleManifest,
  type ChartRepository,
  type OpenBundleOptions,
  type OpenedBundle,
} from '../../engine/index.js';
import { schemaLimits, type BundleInfo } from '../../contract/index.js';
import type { ServiceConfig } from '../config.js';
import { InsufficientStorageError, NotFoundError, ServiceUnavailableError } from '../errors.js';

/** The coded 404 of a bundle this replica does not keep (any more). */
export function bundleNotFound(id: string): NotFoundError {
  return new NotFoundError(say('bundle-not-found', { id }));
}

export interface KeptBundle {
  /** The sha256 of the uploaded file, in lowercase hex. */
  readonly id: string;
  readonly manifest: BundleManifest;
  readonly repository: ChartRepository;
  /** The uploaded file's size. */
  readonly bytes: number;
  /** What it takes on disk, unpacked. */
  readonly size: number;
}

interface Entry {
  bundle: KeptBundle;
  close: () => Promise<void>;
  lastUsed: number;
  holds: number;
}

/** The store of the service's settings. */
export function createBundleStore(config: ServiceConfig): BundleStore {
  return new BundleStore({
    idleTtlMs: config.bundles.idleTtlMs,
    maxTotalBytes: config.bundles.storeMaxBytes,
    busyMs: config.requestTimeoutMs,
  });
}

/** Verifies and unpacks a bundle file (the engine's openBundle; tests give a fake). */
export type OpenBundle = (
  file: string,
  options: OpenBundleOptions,
) => Promise<Pick<OpenedBundle, 'manifest' | 'close'> & { repository: ChartRepository }>;

export interface BundleStoreOptions {
  /** A bundle is removed this long after its last use, unless a job holds it. */
  idleTtlMs: number;
  /** The unpacked bundles kept, at most. */
  maxTotalBytes: number;
  /**
   * A bundle used this recently is not evicted to make room: a preview may be reading it
   * (REQUEST_TIMEOUT_MS). Default 0.
   */
  busyMs?: number;
  /** Where the unpacked bundles go. Default: the OS temp folder. */
  workDir?: string;
  now?: () => number;
  /** Default: the engine's openBundle. */
  open?: OpenBundle;
}

/** What the jobs and the repository clients use of the store. */
export interface BundleLookup {
  /** The bundle, its idle time started again; undefined when it is not kept. */
  find(id: string): KeptBundle | undefined;
  /** Keeps the bundle until the returned release is called; undefined when it is not kept. */
  hold(id: string): (() => void) | undefined;
}

export class BundleStore implements BundleLookup {
  private readonly entries = new Map<string, Entry>();
  /** Bytes promised to uploads being unpacked, so that two at once cannot both take the last room. */
  private reserved = 0;
  private readonly now: () => number;
  private readonly open: OpenBundle;
  private closed = false;

  constructor(private readonly options: BundleStoreOptions) {
    this.now = options.now ?? Date.now;
    this.open = options.open ?? openBundle;
  }

  /** The bytes kept now, unpacked. */
  get totalBytes(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.bundle.size;
    return total;
  }

  find(id: string): KeptBundle | undefined {
    this.expire();
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    entry.lastUsed = this.now();
    return entry.bundle;
  }

  hold(id: string): (() => void) | undefined {
    this.expire();
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    entry.holds += 1;
    entry.lastUsed = this.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      entry.holds -= 1;
      // Its idle time starts when the job ends.
      entry.lastUsed = this.now();
    };
  }

  /** When the bundle goes unless used again. */
  expiresAt(bundle: KeptBundle): Date {
    const entry = this.entries.get(bundle.id);
    return new Date((entry?.lastUsed ?? this.now()) + this.options.idleTtlMs);
  }

  /** The contract's view of a kept bundle. */
  info(bundle: KeptBundle): BundleInfo {
    const { manifest } = bundle;
    return {
      id: bundle.id,
      repository: manifest.repository,
      charts: new Set(manifest.charts.map((chart) => chart.name)).size,
      versions: manifest.charts.length,
      bytes: bundle.bytes,
      createdAt: manifest.created,
      expiresAt: this.expiresAt(bundle).toISOString(),
    };
  }

  /**
   * Verifies and keeps the uploaded `file` (sha256 `id`, `bytes` long), which it removes in every
   * case. The same bytes kept already: that bundle, nothing unpacked again. BundleError when the
   * engine refuses it; InsufficientStorageError when there is no room.
   */
  async add(file: string, id: string, bytes: number, signal?: AbortSignal): Promise<KeptBundle> {
    try {
      const kept = this.find(id);
      if (kept !== undefined) return kept;
      if (this.closed)
        throw new ServiceUnavailableError('the service is shutting down; try again in a moment');
      // Unpacked, a bundle of compressed packages takes about its own size: room for that is
      // made first. What it may really unpack to is capped at all the room left, which is
      // reserved while it unpacks, so that a small file of zeros cannot fill the disk.
      this.makeRoom(bytes);
      const room = this.options.maxTotalBytes - this.totalBytes - this.reserved;
      this.reserved += room;
      let opened: Awaited<ReturnType<OpenBundle>>;
      try {
        opened = await this.open(file, {
          limits: {
            maxTotalBytes: room,
            maxEntryBytes: Math.min(DEFAULT_BUNDLE_LIMITS.maxEntryBytes, room),
          },
          ...(this.options.workDir === undefined ? {} : { workDir: this.options.workDir }),
          ...(signal === undefined ? {} : { signal }),
        });
      } catch (error) {
        throw this.overRoom(error, room) ?? withoutPath(error, file);
      } finally {
        this.reserved -= room;
      }
      try {
        checkRepository(opened.manifest, file);
      } catch (error) {
        await opened.close();
        throw withoutPath(error, file);
      }
      // Uploaded twice at once: the first one in is kept.
      const raced = this.find(id);
      if (raced !== undefined) {
        await opened.close();
        return raced;
      }
      const size = opened.manifest.files.reduce((sum, entry) => sum + entry.size, 0);
      try {
        this.makeRoom(size);
      } catch (error) {
        await opened.close();
        throw error;
      }
      const bundle: KeptBundle = {
        id,
        manifest: opened.manifest,
        repository: opened.repository,
        bytes,
        size,
      };
      this.entries.set(id, { bundle, close: () => opened.close(), lastUsed: this.now(), holds: 0 });
      return bundle;
    } finally {
      await rm(file, { force: true });
    }
  }

  /** Removes the bundles idle past their time; held ones stay. */
  expire(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (entry.holds === 0 && now - entry.lastUsed >= this.options.idleTtlMs) this.remove(id, entry);
    }
  }

  /** Removes every bundle (shutdown); nothing is kept after it. */
  async close(): Promise<void> {
    this.closed = true;
    const closing = [...this.entries.values()].map((entry) => entry.close());
    this.entries.clear();
    await Promise.allSettled(closing);
  }

  /** Evicts the least recently used unheld bundles until `size` more bytes fit, or throws (507). */
  private makeRoom(size: number): void {
    this.expire();
    const cap = this.options.maxTotalBytes;
    const busyMs = this.options.busyMs ?? 0;
    const fits = (): boolean => this.totalBytes + this.reserved + size <= cap;
    const candidates = [...this.entries]
      .filter(([, entry]) => entry.holds === 0 && this.now() - entry.lastUsed >= busyMs)
      .sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [id, entry] of candidates) {
      if (fits()) break;
      this.remove(id, entry);
    }
    if (!fits())
      throw new InsufficientStorageError(
        `there is no room to keep this bundle of ${size} bytes: the bundles in use take ${this.totalBytes + this.reserved} of the ${cap} bytes this service keeps (BUNDLE_STORE_MAX_BYTES); try again when the imports running end, or ask an administrator to raise the limit`,
      );
  }

  /** The 507 of a bundle refused at the cap `room` set, when the room, not the engine's own cap, was less. */
  private overRoom(error: unknown, room: number): InsufficientStorageError | undefined {
    if (!(error instanceof BundleOverLimitError)) return undefined;
    const engineCap =
      error.limit === 'total' ? DEFAULT_BUNDLE_LIMITS.maxTotalBytes : DEFAULT_BUNDLE_LIMITS.maxEntryBytes;
    if (room >= engineCap) return undefined;
    return new InsufficientStorageError(
      `there is no room to unpack this bundle: it unpacks to more than the ${room} bytes left of the ${this.options.maxTotalBytes} bytes this service keeps (BUNDLE_STORE_MAX_BYTES); nothing was kept; try again when the imports running end, or ask an administrator to raise the limit`,
    );
  }

  private remove(id: string, entry: Entry): void {
    this.entries.delete(id);
    // Removing files cannot fail a request: an error leaves them to the pod's emptyDir.
    void entry.close().catch(() => undefined);
  }
}

/** The App Store's identity of an app: the URL a bundle carries must be one a job can record. */
const REPOSITORY_URL = new RegExp(schemaLimits.RepositoryUrl.pattern);
const URL_MAX = schemaLimits.RepositoryUrl.maxLength;

function checkRepository(manifest: BundleManifest, file: string): void {
  const url = manifest.repository;
  if (url.length <= URL_MAX && REPOSITORY_URL.test(url)) return;
  throw new BundleError(
    `the bundle ${file} is refused: its repository URL ${JSON.stringify(url.slice(0, 200))} is not an http(s) or oci:// URL of at most ${URL_MAX} characters`,
  );
}

/**
 * The engine names the file it read: a temporary path of the server, which says nothing to who
 * uploaded it. Any error's message is rewritten (the class, hence the status, is kept).
 */
function withoutPath(error: unknown, file: string): unknown {
  if (error instanceof Error) {
    error.message = error.message
      .replaceAll(`the bundle ${file}`, 'the uploaded bundle')
      .replaceAll(file, 'the uploaded bundle')
      .replaceAll(dirname(file), 'the upload folder');
  }
  return error;
}
