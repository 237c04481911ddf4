// The kept bundles: idle expiry, holds by jobs, the total cap with least-recently-used eviction,
// 507 when the bundles kept are in use, the same bytes kept once, and nothing after close.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { create } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { BundleError, type BundleManifest, type ChartRepository } from '../../engine/index.js';
import { InsufficientStorageError } from '../errors.js';
import { BundleStore, type OpenBundle } from './store.js';

const HOUR = 3_600_000;

function manifest(size: number, repository = 'https://charts.example.com'): BundleManifest {
  return {
    format: 'store-importer-bundle',
    formatVersion: 1,
    created: '2026-12-01T10:00:00.000Z',
    tool: { name: 'store-importer', version: 'test' },
    repository,
    selection: { versions: 'all', includeDeprecated: false },
    charts: [
      { name: 'alpha', version: '1.0.0', file: 'charts/alpha-1.0.0.tgz', images: [] },
      { name: 'alpha', version: '1.1.0', file: 'charts/alpha-1.1.0.tgz', images: [] },
    ],
    images: [],
    files: [{ path: 'charts/alpha-1.0.0.tgz', sha256: 'a'.repeat(64), size }],
  };
}

function setup(options: { maxTotalBytes?: number; busyMs?: number } = {}) {
  let now = 1_000_000;
  const closed: string[] = [];
  const sizes = new Map<string, number>();
  const repositories = new Map<string, string>();
  let opened = 0;
  const open: OpenBundle = (file) => {
    opened += 1;
    return Promise.resolve({
      manifest: manifest(sizes.get(file) ?? 100, repositories.get(file)),
      repository: {} as ChartRepository,
      close: () => {
        closed.push(file);
        return Promise.resolve();
      },
    });
  };
  const store = new BundleStore({
    idleTtlMs: HOUR,
    maxTotalBytes: options.maxTotalBytes ?? 1000,
    ...(options.busyMs === undefined ? {} : { busyMs: options.busyMs }),
    now: () => now,
    open,
  });
  const add = (id: string, size = 100) => {
    sizes.set(`/nowhere/${id}`, size);
    return store.add(`/nowhere/${id}`, id, size);
  };
  return {
    store,
    add,
    closed,
    repositories,
    opened: () => opened,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('BundleStore', () => {
  it('keeps a bundle for the idle time after its last use, each use starting it again', async () => {
    const { store, add, advance, closed } = setup();
    const kept = await add('one');
    expect(store.info(kept)).toMatchObject({
      id: 'one',
      repository: 'https://charts.example.com',
      charts: 1,
      versions: 2,
      bytes: 100,
      createdAt: '2026-12-01T10:00:00.000Z',
      expiresAt: new Date(1_000_000 + HOUR).toISOString(),
    });
    advance(HOUR - 1);
    expect(store.find('one')).toBe(kept);
    advance(HOUR - 1);
    expect(store.find('one')).toBe(kept);
    advance(HOUR);
    expect(store.find('one')).toBeUndefined();
    expect(closed).toEqual(['/nowhere/one']);
    expect(store.totalBytes).toBe(0);
  });

  it('keeps a bundle held by a job past its idle time, until the hold is released and the idle time passes', async () => {
    const { store, add, advance } = setup();
    await add('one');
    const release = store.hold('one');
    expect(release).toBeDefined();
    advance(5 * HOUR);
    store.expire();
    expect(store.find('one')).toBeDefined();
    release?.();
    release?.(); // a second release changes nothing
    advance(HOUR - 1);
    store.expire();
    expect(store.find('one')).toBeDefined();
    advance(HOUR);
    store.expire();
    expect(store.hold('one')).toBeUndefined();
  });

  it('evicts the least recently used unheld bundles to make room', async () => {
    const { store, add, advance, closed } = setup({ maxTotalBytes: 300 });
    await add('a');
    advance(10);
    await add('b');
    advance(10);
    await add('c');
    advance(10);
    store.find('a'); // a is now more recent than b
    advance(10);
    await add('d');
    expect(closed).toEqual(['/nowhere/b']);
    expect(store.find('a')).toBeDefined();
    expect(store.find('c')).toBeDefined();
    expect(store.find('d')).toBeDefined();
    expect(store.totalBytes).toBe(300);
  });

  it('answers 507 when the bundles kept are all in use, keeping them', async () => {
    const { store, add, advance } = setup({ maxTotalBytes: 250, busyMs: 1000 });
    await add('a');
    store.hold('a');
    await add('b');
    // b was used a moment ago (a preview may be reading it): not evicted either.
    await expect(add('c')).rejects.toMatchObject({
      name: 'InsufficientStorageError',
      message: expect.stringContaining('BUNDLE_STORE_MAX_BYTES') as string,
    });
    expect(store.find('a')).toBeDefined();
    advance(1000);
    store.expire();
    // Once b has been idle a while, it makes room; a, held, stays.
    await expect(add('c')).resolves.toMatchObject({ id: 'c' });
    expect(store.find('a')).toBeDefined();
    expect(store.find('b')).toBeUndefined();
  });

  it('keeps the same bytes once', async () => {
    const { store, add, opened } = setup();
    const first = await add('same');
    const second = await add('same');
    expect(second).toBe(first);
    expect(opened()).toBe(1);
    expect(store.totalBytes).toBe(100);
  });

  it('refuses a bundle whose repository URL no job could record, keeping nothing', async () => {
    const { store, repositories, closed } = setup();
    repositories.set('/nowhere/odd', 'file:///etc/charts');
    await expect(store.add('/nowhere/odd', 'odd', 100)).rejects.toBeInstanceOf(BundleError);
    await expect(store.add('/nowhere/odd', 'odd', 100)).rejects.toThrow(
      /^the uploaded bundle is refused: its repository URL "file:\/\/\/etc\/charts"/,
    );
    expect(closed).toEqual(['/nowhere/odd', '/nowhere/odd']);
    expect(store.totalBytes).toBe(0);
  });

  it('removes every bundle when closed, and keeps none after', async () => {
    const { store, add, closed } = setup();
    await add('a');
    await add('b');
    store.hold('b');
    await store.close();
    expect(closed.sort()).toEqual(['/nowhere/a', '/nowhere/b']);
    expect(store.find('a')).toBeUndefined();
    await expect(add('c')).rejects.toMatchObject({ name: 'ServiceUnavailableError' });
  });
});

// The engine's openBundle on real files: what the store's room and messages do to it.
describe('BundleStore with the engine', () => {
  let work: string;
  let unpacked: string;
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'bundle-store-unit-'));
    unpacked = join(work, 'unpacked');
    await mkdir(unpacked);
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const store = (): BundleStore =>
    new BundleStore({ idleTtlMs: HOUR, maxTotalBytes: 1024 * 1024, workDir: unpacked });

  it('refuses with 507 a small file of zeros that unpacks to more than the room left, unpacking nothing', async () => {
    const source = join(work, 'source');
    await mkdir(source);
    await writeFile(join(source, 'bundle.json'), Buffer.alloc(8 * 1024 * 1024));
    const file = join(work, 'upload.tgz');
    await create({ gzip: true, cwd: source, file }, ['bundle.json']);
    const kept = store();
    const adding = kept.add(file, 'z'.repeat(64), 10_000);
    await expect(adding).rejects.toBeInstanceOf(InsufficientStorageError);
    await expect(adding).rejects.toThrow(
      /no room to unpack this bundle: it unpacks to more than the 1048576 bytes left/,
    );
    expect(await readdir(unpacked)).toEqual([]);
    expect(kept.totalBytes).toBe(0);
  });

  it("refuses a file that is not gzip without the server's temporary path", async () => {
    const file = join(work, 'upload.tgz');
    await writeFile(file, 'not a bundle at all');
    const adding = store().add(file, 'n'.repeat(64), 19);
    await expect(adding).rejects.toBeInstanceOf(BundleError);
    const message = await adding.then(
      () => '',
      (error: unknown) => (error as Error).message,
    );
    expect(message).toMatch(/^the uploaded bundle is refused: it is not a whole gzip-compressed tar archive/);
    expect(message).not.toContain(work);
    expect(message).not.toContain(tmpdir());
  });
});
