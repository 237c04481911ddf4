// The bundle module in process: what writeBundle writes, openBundle gives back as a repository.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { minimalChartPackage } from '../../../test/support/tarballs.js';
import { RepoError } from '../errors.js';
import { say } from '../messages/index.js';
import type { ChartRepository, ChartVersionRef } from '../repo/types.js';
import { BundleError, openBundle } from './read.js';
import { writeBundle } from './write.js';

const REPO = 'https://charts.example.com/stable';

function ref(name: string, version: string, digest?: string): ChartVersionRef {
  return {
    name,
    version,
    keywords: [],
    maintainers: [],
    annotations: { 'app.kubesphere.io/category': 'Database' },
    deprecated: false,
    urls: [`${REPO}/${name}-${version}.tgz`],
    ...(digest === undefined ? {} : { digest }),
  };
}

function repository(refs: ChartVersionRef[], digestWarning = false): ChartRepository {
  const entries = new Map<string, ChartVersionRef[]>();
  for (const r of refs) entries.set(r.name, [r, ...(entries.get(r.name) ?? [])]);
  return {
    loadIndex: () => Promise.resolve({ url: REPO, entries, warnings: [] }),
    fetchPackage: (r) =>
      Promise.resolve({
        bytes: minimalChartPackage(r.name, r.version),
        ...(digestWarning
          ? {
              digestWarning: say('digest-mismatch-index', {
                chart: r.name,
                version: r.version,
                expected: 'e',
                actual: 'a',
              }),
            }
          : {}),
      }),
  };
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const ALL = { versions: { kind: 'all' }, includeDeprecated: false } as const;

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'bundle-unit-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('a bundle written and opened again', () => {
  it('is the same versions, packages and digests, under the original repository URL', async () => {
    const refs = [
      ref('alpha', '1.0.0', sha256(minimalChartPackage('alpha', '1.0.0'))),
      ref('alpha', '1.10'),
      ref('beta', '0.1.0'),
    ];
    const output = join(work, 'out', 'b.tgz');
    const report = await writeBundle(repository(refs), {
      repoUrl: REPO,
      selection: ALL,
      output,
      toolVersion: '9.9.9',
    });
    expect(report.charts).toHaveLength(3);
    expect(report.bytes).toBe((await stat(output)).size);
    // Nothing left beside the bundle: the staging folder is gone.
    expect(await readdir(join(work, 'out'))).toEqual(['b.tgz']);

    const scratch = join(work, 'scratch');
    await mkdir(scratch);
    const opened = await openBundle(output, { workDir: scratch });
    try {
      expect(opened.manifest.repository).toBe(REPO);
      expect(opened.manifest.tool).toEqual({ name: 'store-importer', version: '9.9.9' });
      const index = await opened.repository.loadIndex();
      expect(index.url).toBe(REPO);
      expect(index.contentDigest).toMatch(/^[0-9a-f]{64}$/);
      const alpha = index.entries.get('alpha') ?? [];
      expect(alpha.map((r) => r.version)).toEqual(['1.10', '1.0.0']);
      expect(alpha[1]?.digest).toBe(refs[0]?.digest);
      expect(alpha[0]?.digest).toBeUndefined();
      expect(alpha[0]?.annotations).toEqual({ 'app.kubesphere.io/category': 'Database' });
      for (const r of alpha) {
        const { bytes } = await opened.repository.fetchPackage(r);
        expect(bytes.equals(minimalChartPackage('alpha', r.version))).toBe(true);
        expect(await opened.repository.packageSize(r)).toBe(bytes.length);
      }
    } finally {
      await opened.close();
    }
    expect(await readdir(scratch)).toEqual([]);
  });

  it('keeps an oci:// repository as the identity of its charts', async () => {
    const oci = 'oci://registry.example/charts/alpha';
    const output = join(work, 'oci.tgz');
    await writeBundle(repository([ref('alpha', '1.0.0')]), {
      repoUrl: oci,
      selection: ALL,
      output,
      toolVersion: '1',
    });
    const opened = await openBundle(output);
    try {
      const index = await opened.repository.loadIndex();
      expect(index.url).toBe(oci);
      expect(index.warnings).toEqual([]);
      const [only] = index.entries.get('alpha') ?? [];
      expect(only?.version).toBe('1.0.0');
      if (only) expect((await opened.repository.fetchPackage(only)).bytes.length).toBeGreaterThan(0);
    } finally {
      await opened.close();
    }
  });

  it('is refused over the total cap, leaving no files', async () => {
    const output = join(work, 'b.tgz');
    await writeBundle(repository([ref('alpha', '1.0.0')]), {
      repoUrl: REPO,
      selection: ALL,
      output,
      toolVersion: '1',
    });
    const scratch = await mkdtemp(join(work, 'scratch-'));
    const opening = openBundle(output, { workDir: scratch, limits: { maxTotalBytes: 300 } });
    await expect(opening).rejects.toThrow(BundleError);
    await expect(opening).rejects.toThrow(/over the limit of 300 bytes in total/);
    expect(await readdir(scratch)).toEqual([]);
  });

  it('cut short mid-entry, is refused leaving no open file and no files', async () => {
    const output = join(work, 'b.tgz');
    // Incompressible: half the archive ends inside the package's data, not between entries.
    const big = randomBytes(1024 * 1024);
    await writeBundle(
      { ...repository([ref('alpha', '1.0.0')]), fetchPackage: () => Promise.resolve({ bytes: big }) },
      { repoUrl: REPO, selection: ALL, output, toolVersion: '1' },
    );
    const whole = await readFile(output);
    const truncated = join(work, 'truncated.tgz');
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const scratch = await mkdtemp(join(work, 'scratch-'));
    const fds = readdirSync('/proc/self/fd').length;
    await expect(openBundle(truncated, { workDir: scratch })).rejects.toThrow(
      /it is not a whole gzip-compressed tar archive/,
    );
    expect(readdirSync('/proc/self/fd').length).toBe(fds);
    expect(await readdir(scratch)).toEqual([]);
  });

  it('is not written when a package does not match its index digest', async () => {
    const output = join(work, 'b.tgz');
    const writing = writeBundle(repository([ref('alpha', '1.0.0', 'f'.repeat(64))], true), {
      repoUrl: REPO,
      selection: ALL,
      output,
      toolVersion: '1',
    });
    await expect(writing).rejects.toThrow(RepoError);
    expect(await readdir(work)).toEqual([]);
  });

  it('takes what an import would select: the newest stable version by default', async () => {
    const output = join(work, 'b.tgz');
    const report = await writeBundle(
      repository([ref('alpha', '1.0.0'), ref('alpha', '1.1.0'), ref('alpha', '2.0.0-rc.1')]),
      {
        repoUrl: REPO,
        selection: { versions: { kind: 'latest' }, includeDeprecated: false },
        output,
        toolVersion: '1',
      },
    );
    expect(report.charts.map((c) => c.version)).toEqual(['1.1.0']);
  });
});
