// Walks the bad-input corpus (backend/test/corpus/cases.ts) through the real parser, repository
// client and package inspector: each case ends with its clear error (or its documented
// acceptance), within its time bound and its RSS-growth bound. The CLI part serves a few of them
// as repositories and checks the one-line error, the per-item reasons and the store.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '@store-importer/kubesphere-emulator';
import { inspectChart } from '../../src/engine/chart/index.js';
import { ChartError, RepoError } from '../../src/engine/errors.js';
import { createChartRepository, parseIndex } from '../../src/engine/repo/index.js';
import type { ChartVersionRef, RepoIndex } from '../../src/engine/repo/types.js';
import { CORPUS, type CorpusCase, type CorpusInput } from '../corpus/cases.js';
import { gzipBombPackage, hostilePackage, packageWithoutChartYaml } from '../corpus/generate.js';
import { buildChart } from '../support/charts.js';
import { parseReport, runCli } from '../support/cli.js';
import { repoRoot } from '../support/fixtures.js';
import { stateOf, writesOf } from '../support/emulator.js';
import { startServer, type TestServer } from '../support/servers.js';
import { duplicatesIn } from './support.js';

const CORPUS_DIR = join(repoRoot, 'backend', 'test', 'corpus');
const MiB = 1024 * 1024;
const REPO = 'https://charts.example.com/stable/';

async function bytesOf(input: CorpusInput): Promise<Buffer> {
  if ('file' in input) return readFile(join(CORPUS_DIR, input.file));
  if ('generate' in input) return input.generate();
  throw new Error('a streamed input has no bytes');
}

/** A server answering every request with the case's input (streamed when it is a stream). */
function serveInput(input: CorpusInput, bytes: Buffer | undefined): Promise<TestServer> {
  return startServer((_req: http.IncomingMessage, res: http.ServerResponse) => {
    if ('stream' in input) {
      res.writeHead(200, input.headers ?? {});
      pipeline(input.stream(), res).catch(() => undefined);
      return;
    }
    res.writeHead(200, { 'content-length': bytes?.length ?? 0 }).end(bytes);
  });
}

interface Measured<T> {
  outcome: { ok: true; value: T } | { ok: false; error: Error };
  ms: number;
  rssGrowthMiB: number;
}

/** Runs `work`, sampling RSS every 5 ms: its time and its peak RSS growth. */
async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  let outcome: Measured<T>['outcome'];
  try {
    outcome = { ok: true, value: await work() };
  } catch (error) {
    outcome = { ok: false, error: error as Error };
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - started;
  peak = Math.max(peak, process.memoryUsage().rss);
  return { outcome, ms, rssGrowthMiB: (peak - before) / MiB };
}

function ref(url: string, digest?: string): ChartVersionRef {
  return {
    name: 'demo',
    version: '1.0.0',
    keywords: [],
    maintainers: [],
    annotations: {},
    deprecated: false,
    urls: [url],
    ...(digest ? { digest } : {}),
  };
}

/** Runs one case through its target; returns what it gave and the warnings raised. */
async function runCase(
  testCase: CorpusCase,
): Promise<Measured<{ index?: RepoIndex; warnings: string[] }> & { errorClass?: string }> {
  const bytes = 'stream' in testCase.input ? undefined : await bytesOf(testCase.input);
  const warnings: string[] = [];
  const server =
    testCase.target === 'served-index' || testCase.target === 'served-package'
      ? await serveInput(testCase.input, bytes)
      : undefined;
  try {
    const measured = await measure(async () => {
      switch (testCase.target) {
        case 'index': {
          const index = parseIndex(bytes ?? Buffer.alloc(0), REPO);
          return { index, warnings: index.warnings.map((w) => w.message) };
        }
        case 'served-index': {
          const index = await createChartRepository({ url: server?.origin ?? '' }).loadIndex();
          return { index, warnings: index.warnings.map((w) => w.message) };
        }
        case 'package':
          await inspectChart(bytes ?? Buffer.alloc(0));
          return { warnings };
        case 'served-package': {
          const repo = createChartRepository(
            { url: server?.origin ?? '' },
            { onWarning: (warning) => warnings.push(warning.message) },
          );
          const fetched = await repo.fetchPackage(
            ref(`${server?.origin ?? ''}/demo-1.0.0.tgz`, '0'.repeat(64)),
          );
          await inspectChart(fetched.bytes);
          return { warnings };
        }
      }
    });
    return measured;
  } finally {
    await server?.close();
  }
}

describe('the bad-input corpus', () => {
  it('covers every kind of bad input issue 7 lists', () => {
    const covered = new Set(CORPUS.map((testCase) => testCase.covers));
    for (const kind of [
      'malformed YAML',
      'truncated YAML',
      'malformed JSON',
      'truncated JSON',
      'YAML alias bombs',
      'an oversized index',
      'non-gzip packages',
      'non-tar packages',
      'gzip bombs',
      'tar entries with ..',
      'tar entries with absolute paths',
      'tar symlinks',
      'tar hardlinks',
      'tar devices',
      'a huge single file',
      'a missing Chart.yaml',
      'an invalid Chart.yaml',
      'invalid semver',
      'duplicate versions',
      'digest mismatches',
      'unicode and very long names',
    ])
      expect(covered, kind).toContain(kind);
    expect(new Set(CORPUS.map((testCase) => testCase.name)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((testCase) => [testCase.name, testCase] as const))(
    '%s: clear outcome, bounded time and memory',
    async (_name, testCase) => {
      const { outcome, ms, rssGrowthMiB } = await runCase(testCase);
      console.info(
        `corpus | ${testCase.name} | ${outcome.ok ? 'accepted' : 'refused'} | ${ms.toFixed(0)} ms | rss +${rssGrowthMiB.toFixed(1)} MiB`,
      );
      const expected = testCase.expect;
      if ('error' in expected) {
        expect(outcome.ok, `${testCase.name} must be refused`).toBe(false);
        if (!outcome.ok) {
          expect(outcome.error).toBeInstanceOf(
            testCase.target === 'package' || testCase.target === 'served-package' ? Error : RepoError,
          );
          // The engine's own error classes, never a raw TypeError or a crash of a dependency.
          expect([RepoError.name, ChartError.name]).toContain(outcome.error.name);
          expect(outcome.error.message).toMatch(expected.error);
          expect(outcome.error.message.length).toBeLessThan(1000);
        }
      } else {
        if (!outcome.ok) throw outcome.error;
        if ('charts' in expected) {
          const index = outcome.value.index;
          expect(
            Object.fromEntries(
              [...(index?.entries ?? [])].map(([name, refs]) => [name, refs.map((r) => r.version)]),
            ),
          ).toEqual(expected.charts);
          // Each expected warning is raised, and nothing else is warned about.
          const patterns = expected.warnings ?? [];
          for (const line of outcome.value.warnings)
            expect(
              patterns.some((pattern) => pattern.test(line)),
              line,
            ).toBe(true);
          for (const warning of expected.warnings ?? [])
            expect(
              outcome.value.warnings.some((line) => warning.test(line)),
              String(warning),
            ).toBe(true);
        } else {
          expect(outcome.value.warnings.some((line) => expected.warning.test(line))).toBe(true);
        }
      }
      expect(ms).toBeLessThan(testCase.maxMs);
      expect(rssGrowthMiB).toBeLessThan(testCase.maxRssGrowthMiB);
    },
  );
});

describe('the corpus through the CLI', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  const served = CORPUS.filter((testCase) => testCase.cli === true);
  it.each(served.map((testCase) => [testCase.name, testCase] as const))(
    'a repository whose index is "%s": exit 2, one line saying why, no store write',
    async (_name, testCase) => {
      emulator.reset();
      const bytes = 'stream' in testCase.input ? undefined : await bytesOf(testCase.input);
      const server = await serveInput(testCase.input, bytes);
      try {
        const started = performance.now();
        const result = await runCli([
          '--server',
          emulator.url,
          '--token',
          emulator.adminToken,
          '--repo',
          server.origin,
          '--json',
        ]);
        const ms = performance.now() - started;
        expect(result.code, result.stderr).toBe(2);
        const errors = result.stderr.split('\n').filter((line) => line.startsWith('error: '));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(/^error: cannot read the repository: /);
        if ('error' in testCase.expect) expect(errors[0]).toMatch(testCase.expect.error);
        expect(result.stdout).toBe('');
        expect(writesOf(emulator)).toEqual([]);
        // The CLI's start-up (tsx) included.
        expect(ms).toBeLessThan(30_000);
      } finally {
        await server.close();
      }
    },
  );

  it('a repository of hostile packages: each fails with its reason, the good ones are imported, nothing else', async () => {
    emulator.reset();
    const dir = await mkdtemp(join(tmpdir(), 'corpus-repo-'));
    const server = await startServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      readFile(join(dir, path.slice(1)))
        .then((body) => res.writeHead(200, { 'content-length': body.length }).end(body))
        .catch(() => res.writeHead(404).end('not found'));
    });
    try {
      await buildChart(dir, { name: 'good', version: '1.0.0' });
      await buildChart(dir, { name: 'stale', version: '1.0.0' });
      const sha = async (file: string) =>
        createHash('sha256')
          .update(await readFile(join(dir, file)))
          .digest('hex');
      const bad: [string, Buffer, RegExp][] = [
        ['notgzip', await readFile(join(CORPUS_DIR, 'packages/not-gzip.tgz')), /not gzip-compressed/],
        ['notar', await readFile(join(CORPUS_DIR, 'packages/gzip-not-tar.tgz')), /not a valid tar archive/],
        ['dotdot', hostilePackage([{ name: 'demo/../evil', data: 'x' }]), /has a "\.\." path segment/],
        [
          'symlink',
          hostilePackage([{ name: 'demo/x', type: '2', linkName: '/etc/passwd' }]),
          /symbolic link/,
        ],
        ['device', hostilePackage([{ name: 'demo/mem', type: '3' }]), /character device/],
        ['bomb', gzipBombPackage(), /unpacks to more than 104857600 bytes/],
        ['nochart', packageWithoutChartYaml(), /no Chart\.yaml/],
      ];
      const entries = [
        `  good:\n    - {name: good, version: 1.0.0, digest: ${await sha('good-1.0.0.tgz')}, urls: [good-1.0.0.tgz]}`,
        `  stale:\n    - {name: stale, version: 1.0.0, digest: ${'0'.repeat(64)}, urls: [stale-1.0.0.tgz]}`,
      ];
      for (const [name, bytes] of bad) {
        await writeFile(join(dir, `${name}-1.0.0.tgz`), bytes);
        entries.push(`  ${name}:\n    - {name: ${name}, version: 1.0.0, urls: [${name}-1.0.0.tgz]}`);
      }
      await writeFile(join(dir, 'index.yaml'), `apiVersion: v1\nentries:\n${entries.join('\n')}\n`);

      const started = performance.now();
      const result = await runCli([
        '--server',
        emulator.url,
        '--token',
        emulator.adminToken,
        '--repo',
        server.origin,
        '--json',
      ]);
      console.info(
        `corpus | CLI over ${bad.length + 2} packages | ${(performance.now() - started).toFixed(0)} ms`,
      );
      expect(result.code, result.stderr).toBe(1);
      const report = parseReport(result);
      const byChart = new Map(report.items.map((item) => [item.chart, item]));
      for (const [name, , reason] of bad) {
        expect(byChart.get(name)?.status, name).toBe('failed');
        expect(byChart.get(name)?.reason, name).toMatch(reason);
      }
      expect(byChart.get('good')).toMatchObject({ status: 'created', reason: '' });
      expect(byChart.get('stale')?.status).toBe('created');
      expect(byChart.get('stale')?.reason).toMatch(
        /index digest 0{64} does not match the downloaded package/,
      );
      expect(report.summary).toEqual({ created: 2, exists: 0, failed: bad.length, planned: 0 });
      const state = stateOf(emulator);
      expect(state.versions.map((version) => version.spec?.versionName).sort()).toEqual(['1.0.0', '1.0.0']);
      expect(state.apps.map((app) => app.metadata.name.replace(/-[a-z0-9]{5}$/, '')).sort()).toEqual([
        'good',
        'stale',
      ]);
      expect(duplicatesIn(emulator)).toEqual([]);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('corpus-seeded fuzzing (fast-check)', () => {
  it('mutations of every corpus index: an index or a RepoError, each under 1 s', async () => {
    const seeds = await Promise.all(
      CORPUS.filter((testCase) => testCase.target === 'index' && 'file' in testCase.input).map((testCase) =>
        bytesOf(testCase.input),
      ),
    );
    const mutation = fc.record({
      seed: fc.nat({ max: seeds.length - 1 }),
      cut: fc.option(fc.nat()),
      at: fc.nat(),
      insert: fc.oneof(
        fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
        fc
          .constantFrom('*', '&a ', '<<: ', '{', '[', '"', ':', '\n  - ', '\t', '\0', '\uFEFF')
          .map((text) => Buffer.from(text)),
      ),
    });
    fc.assert(
      fc.property(mutation, ({ seed, cut, at, insert }) => {
        let bytes = seeds[seed] ?? Buffer.alloc(0);
        if (cut !== null) bytes = bytes.subarray(0, cut % (bytes.length + 1));
        const where = at % (bytes.length + 1);
        bytes = Buffer.concat([bytes.subarray(0, where), insert, bytes.subarray(where)]);
        const started = performance.now();
        try {
          parseIndex(bytes, REPO);
        } catch (error) {
          if (!(error instanceof RepoError)) throw error;
        }
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      { numRuns: 500 },
    );
  });
});
