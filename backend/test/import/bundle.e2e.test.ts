// Offline bundles end to end: `store-importer bundle` against a real helm-built repository on
// 127.0.0.1, then `--bundle` into the KubeSphere emulator without the repository. A bundle import
// and an online import of the same repository make one store, in either order; a tampered bundle
// is refused whole before KubeSphere is asked anything.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { list } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildChart, type ChartSpec, indexRepo } from '../support/charts.js';
import { parseReport, runCli, targetArgs } from '../support/cli.js';
import { stateOf, storeFingerprint, writesOf } from '../support/emulator.js';
import { useImportHarness } from '../support/harness.js';
import { startServer, type TestServer } from '../support/servers.js';
import { type TarEntrySpec, tarGzEntries } from '../support/tarballs.js';

const ALPHA_IMAGES =
  '- name: alpha\n  image: docker.io/example/alpha:1.1.0\n- name: sidecar\n  image: quay.io/example/sidecar:2.0\n';
/** A valid 1x1 PNG: the import stores it in the app as it is. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** Serves alpha's icon; anything else is a 404 (beta's icon: a note, not an error). */
let iconServer: TestServer | undefined;

const h = useImportHarness([], {
  // The charts name their icons in Chart.yaml (what an import stores), on a server started first.
  prepareRepo: async (dir) => {
    const server = await startServer((req, res) => {
      if (req.url === '/alpha.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      else res.writeHead(404).end();
    });
    iconServer = server;
    const alphaIcon = `${server.origin}/alpha.png`;
    const specs: ChartSpec[] = [
      {
        name: 'alpha',
        version: '1.0.0',
        icon: alphaIcon,
        annotations: { 'app.kubesphere.io/category': 'Database' },
      },
      {
        name: 'alpha',
        version: '1.1.0',
        icon: alphaIcon,
        annotations: { 'app.kubesphere.io/category': 'Database', 'artifacthub.io/images': ALPHA_IMAGES },
      },
      { name: 'alpha', version: '2.0.0-rc.1', icon: alphaIcon },
      // helm create's values.yaml: image.repository nginx, an empty tag (the appVersion, 1.16.0).
      { name: 'beta', version: '0.1.0', icon: `${server.origin}/missing/beta.png` },
      { name: 'gamma', version: '1.0.0', deprecated: true },
    ];
    for (const spec of specs) await buildChart(dir, spec);
    await indexRepo(dir);
  },
});

let work: string;

interface AppWire {
  metadata: { annotations?: Record<string, string> };
  spec?: { icon?: string };
}

interface BundleJson {
  output: string;
  repository: string;
  charts: { chart: string; version: string; file: string; images: string[] }[];
  images: string[];
  notes: string[];
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'bundle-e2e-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await iconServer?.close();
});

const bundleCli = (output: string, ...args: string[]) =>
  runCli(['bundle', '--repo', h.repo.url, '--output', output, ...args]);
const importBundle = (file: string, ...args: string[]) =>
  runCli([...targetArgs(h.emulator, h.repo.url).slice(0, 4), '--bundle', file, '--json', ...args]);

async function entriesOf(file: string): Promise<{ path: string; data: Buffer }[]> {
  const entries: { path: string; data: Buffer }[] = [];
  await list({
    file,
    onReadEntry: (entry) => {
      const parts: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => parts.push(chunk));
      entry.on('end', () => entries.push({ path: entry.path, data: Buffer.concat(parts) }));
    },
  });
  return entries;
}

describe('store-importer bundle', () => {
  it('writes the selected versions, their index, icons, images and a manifest of checksums', async () => {
    const file = join(work, 'all.tgz');
    const result = await bundleCli(file, '--versions', 'all', '--json');
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as BundleJson;
    expect(report.repository).toBe(h.repo.url);
    expect(report.charts.map(({ chart, version }) => `${chart} ${version}`).sort()).toEqual([
      'alpha 1.0.0',
      'alpha 1.1.0',
      'alpha 2.0.0-rc.1',
      'beta 0.1.0',
    ]);
    expect(report.charts.find((c) => c.version === '1.1.0')?.images).toEqual([
      'docker.io/example/alpha:1.1.0',
      'quay.io/example/sidecar:2.0',
    ]);
    expect(report.charts.find((c) => c.chart === 'beta')?.images).toEqual(['nginx:1.16.0']);
    expect(report.images).toContain('nginx:1.16.0');
    expect(report.notes.join('\n')).toMatch(/the icon of beta 0\.1\.0 is left out \(.*404/);
    expect(result.stderr).toContain('gamma: skipped, the chart is deprecated');

    const entries = await entriesOf(file);
    expect(entries[0]?.path).toBe('bundle.json');
    const manifest = JSON.parse(entries[0]?.data.toString() ?? '') as {
      formatVersion: number;
      repository: string;
      files: { path: string; size: number }[];
    };
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.repository).toBe(h.repo.url);
    expect(
      entries
        .slice(1)
        .map((e) => e.path)
        .sort(),
    ).toEqual(manifest.files.map((f) => f.path).sort());
    const paths = entries.map((e) => e.path);
    expect(paths).toContain('index.yaml');
    expect(paths).toContain('images.txt');
    expect(paths.filter((p) => p.startsWith('icons/'))).toHaveLength(1);
    expect(entries.find((e) => e.path.startsWith('icons/'))?.data.equals(PNG)).toBe(true);
    // The packages exactly as the repository served them.
    const served = await readFile(join(h.repoDir, 'alpha-1.1.0.tgz'));
    expect(entries.find((e) => e.path === 'charts/alpha-1.1.0.tgz')?.data.equals(served)).toBe(true);
    expect(entries.find((e) => e.path === 'index.yaml')?.data.toString()).toMatch(
      /urls:\n\s+- charts\/alpha-1\.1\.0\.tgz/,
    );
  });

  it('prints the images one a line with --images', async () => {
    const result = await bundleCli(join(work, 'images.tgz'), '--images');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('docker.io/example/alpha:1.1.0\nnginx:1.16.0\nquay.io/example/sidecar:2.0\n');
    expect(result.stderr).toMatch(/wrote .*images\.tgz: 2 versions of 2 charts, 3 container images/);
  });

  it('refuses a chart the repository lacks, writing nothing (exit 2)', async () => {
    const file = join(work, 'missing.tgz');
    const result = await bundleCli(file, '--charts', 'alpha,nope');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the repository has no chart "nope"/);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });

  it('fails on a package whose digest is not the index digest, writing nothing (exit 2)', async () => {
    const indexPath = join(h.repoDir, 'index.yaml');
    const original = await readFile(indexPath, 'utf8');
    const served = await readFile(join(h.repoDir, 'beta-0.1.0.tgz'));
    const { createHash } = await import('node:crypto');
    const digest = createHash('sha256').update(served).digest('hex');
    await writeFile(indexPath, original.replace(digest, 'f'.repeat(64)));
    try {
      const file = join(work, 'digest.tgz');
      const result = await bundleCli(file, '--charts', 'beta');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/digest|checksum/i);
      expect(result.stderr).toMatch(/No bundle was written/);
      await expect(readFile(file)).rejects.toThrow(/ENOENT/);
    } finally {
      await writeFile(indexPath, original);
    }
  });
});

describe('an import from a bundle', () => {
  /** Each app's stored icon, by chart. */
  const iconsOf = (): Record<string, string | undefined> =>
    Object.fromEntries(
      (h.emulator.state() as { apps: AppWire[] }).apps.map((app) => [
        app.metadata.annotations?.['application.kubesphere.io/app-originalName'] ?? '',
        app.spec?.icon,
      ]),
    );

  it('reads no repository and makes the store an online import makes, which then finds it complete', async () => {
    const file = join(work, 'offline-first.tgz');
    expect((await bundleCli(file, '--versions', 'all')).code).toBe(0);
    const seen = h.repo.requests.length;
    const offline = await importBundle(file);
    expect(offline.code, offline.stderr).toBe(0);
    expect(h.repo.requests.length).toBe(seen);
    const report = parseReport(offline);
    expect(report.repo).toBe(h.repo.url);
    expect(report.summary).toEqual({ created: 4, exists: 0, failed: 0, planned: 0 });
    const store = storeFingerprint(h.emulator);
    // The icon the bundle carries is stored as an online import stores it: in the app itself.
    const icons = iconsOf();
    expect(icons.alpha).toBe(PNG.toString('base64'));

    const online = await h.cli('--versions', 'all');
    expect(online.code, online.stderr).toBe(0);
    expect(parseReport(online).summary).toEqual({ created: 0, exists: 4, failed: 0, planned: 0 });
    expect(storeFingerprint(h.emulator)).toEqual(store);

    // An online import into an empty store makes the same store, icons included.
    h.emulator.reset();
    const fresh = await h.cli('--versions', 'all');
    expect(parseReport(fresh).summary.created).toBe(4);
    expect(storeFingerprint(h.emulator)).toEqual(store);
    expect(iconsOf()).toEqual(icons);
  });

  it('after an online import, creates nothing', async () => {
    const online = await h.cli();
    expect(online.code, online.stderr).toBe(0);
    expect(parseReport(online).summary.created).toBe(2);
    const store = storeFingerprint(h.emulator);
    const file = join(work, 'online-first.tgz');
    expect((await bundleCli(file)).code).toBe(0);
    const offline = await importBundle(file);
    expect(offline.code, offline.stderr).toBe(0);
    expect(parseReport(offline).summary).toEqual({ created: 0, exists: 2, failed: 0, planned: 0 });
    expect(storeFingerprint(h.emulator)).toEqual(store);
  });
});

describe('a tampered bundle', () => {
  let good: { path: string; data: Buffer }[];
  const file = (name: string): string => join(work, `${name}.tgz`);

  beforeAll(async () => {
    const made = file('good');
    expect((await bundleCli(made, '--versions', 'all')).code).toBe(0);
    good = await entriesOf(made);
  });

  const plain = (): TarEntrySpec[] => good.map(({ path, data }) => ({ path, data }));
  const manifestWith = (change: (manifest: Record<string, unknown>) => void): TarEntrySpec[] => {
    const [first, ...rest] = plain();
    const manifest = JSON.parse(first?.data?.toString() ?? '') as Record<string, unknown>;
    change(manifest);
    return [{ path: 'bundle.json', data: Buffer.from(JSON.stringify(manifest)) }, ...rest];
  };
  const PACKAGE = 'charts/alpha-1.1.0.tgz';

  const cases: [name: string, entries: () => TarEntrySpec[] | Buffer, problem: RegExp][] = [
    [
      'a changed package',
      () =>
        plain().map((entry) => {
          if (entry.path !== PACKAGE || !entry.data) return entry;
          const data = Buffer.from(entry.data);
          data[100] = (data[100] ?? 0) ^ 0xff;
          return { ...entry, data };
        }),
      /the checksum of "charts\/alpha-1\.1\.0\.tgz" is sha256:[0-9a-f]{64}, bundle\.json says/,
    ],
    [
      'a missing file',
      () => plain().filter((e) => e.path !== 'index.yaml'),
      /1 file listed in bundle\.json is missing \("index\.yaml"\)/,
    ],
    [
      'an extra file',
      () => [...plain(), { path: 'extra.sh', data: Buffer.from('echo hi\n') }],
      /"extra\.sh" is not listed in bundle\.json/,
    ],
    [
      'a symbolic link',
      () => [...plain(), { path: 'charts/evil', type: 'SymbolicLink', linkpath: '/etc/passwd' }],
      /is a symbolic link/,
    ],
    [
      'a hard link',
      () => [...plain(), { path: 'charts/evil', type: 'Link', linkpath: 'index.yaml' }],
      /is a hard link/,
    ],
    ['a device', () => [...plain(), { path: 'charts/evil', type: 'CharacterDevice' }], /is a device/],
    [
      'an absolute path',
      () => [...plain(), { path: '/tmp/evil', data: Buffer.from('x') }],
      /has an absolute path/,
    ],
    [
      'a ".." path',
      () => [...plain(), { path: 'charts/../../evil', data: Buffer.from('x') }],
      /has a "\.\." path segment/,
    ],
    [
      'a duplicate entry',
      () => [...plain(), { path: 'index.yaml', data: Buffer.from('x') }],
      /"index\.yaml" appears twice/,
    ],
    [
      'an oversized entry',
      () => [...plain(), { path: 'charts/huge.tgz', size: 200 * 1024 * 1024 }],
      /"charts\/huge\.tgz" is 209715200 bytes, over the limit of 134217728/,
    ],
    [
      'another format version',
      () => manifestWith((manifest) => (manifest.formatVersion = 2)),
      /it has format version 2, this store-importer reads version 1/,
    ],
    [
      'a manifest not first',
      () => [...plain().slice(1), ...plain().slice(0, 1)],
      /its first entry is ".*", not bundle\.json/,
    ],
    ['not a gzip tar', () => Buffer.from('not a bundle at all'), /not a whole gzip-compressed tar archive/],
    [
      'a truncated file',
      () => tarGzEntries(plain()).subarray(0, 3000),
      /truncated, damaged or followed by other data/,
    ],
    [
      'data after the archive',
      () => Buffer.concat([tarGzEntries(plain()), Buffer.from('appended')]),
      /truncated, damaged or followed by other data/,
    ],
  ];

  it.each(cases)('is refused whole: %s (exit 2, the store untouched)', async (name, entries, problem) => {
    const built = entries();
    const path = file(name.replaceAll(/[^a-z]+/g, '-'));
    await writeFile(path, Buffer.isBuffer(built) ? built : tarGzEntries(built));
    const result = await importBundle(path);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(problem);
    expect(result.stderr).toMatch(/is refused: .*; nothing was imported; /);
    expect(writesOf(h.emulator)).toEqual([]);
    expect(stateOf(h.emulator).requestLog).toEqual([]);
    expect(storeFingerprint(h.emulator)).toEqual([]);
  });

  it('the untampered archive, rebuilt the same way, imports', async () => {
    const path = file('rebuilt');
    await writeFile(path, tarGzEntries(plain()));
    const result = await importBundle(path);
    expect(result.code, result.stderr).toBe(0);
    expect(parseReport(result).summary.created).toBe(4);
  });
});
