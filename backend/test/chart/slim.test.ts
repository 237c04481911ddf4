import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { inspectChart, slimChart } from '../../src/engine/chart/index.js';
import { ChartError } from '../../src/engine/errors.js';
import {
  CHART_YAML,
  helm,
  helmFails,
  tarBody,
  tarEntries,
  tarRecord,
  tgz,
  withTempDir,
  type EntryFacts,
  type TarSpec,
} from './support.js';

const KiB = 1024;
const STORE_LIMIT = 1_048_576;

interface ChartPlan {
  /** Files written into `helm create demo` before `helm package`. */
  files?: Record<string, Buffer | string>;
  /** Lines added to the chart's .helmignore. */
  helmignore?: string[];
  /** Entries appended to the package afterwards, as another packaging tool might leave them. */
  extra?: TarSpec[];
}

/** `helm create demo`, extra files, `helm package`, then extra entries appended to the tar. */
async function buildPackage(dir: string, plan: ChartPlan): Promise<Buffer> {
  await helm(['create', 'demo'], dir);
  const chart = join(dir, 'demo');
  for (const [path, data] of Object.entries(plan.files ?? {})) {
    await mkdir(dirname(join(chart, path)), { recursive: true });
    await writeFile(join(chart, path), data);
  }
  if (plan.helmignore) await appendFile(join(chart, '.helmignore'), `${plan.helmignore.join('\n')}\n`);
  await helm(['package', 'demo', '--destination', dir], dir);
  const packaged = await readFile(join(dir, 'demo-0.1.0.tgz'));
  if (!plan.extra) return packaged;
  return gzipSync(Buffer.concat([tarBody(packaged), ...plan.extra.map(tarRecord), Buffer.alloc(1024)]));
}

/** Each entry's facts (type, mode, owner, time, data), by name. */
async function entryFacts(bytes: Buffer): Promise<Map<string, EntryFacts>> {
  return new Map((await tarEntries(bytes)).map((entry) => [entry.path, entry]));
}

/** Writes both packages and checks that helm renders, shows and lints them alike. */
async function expectSameForHelm(dir: string, original: Buffer, slimmed: Buffer): Promise<void> {
  const before = join(dir, 'before.tgz');
  const after = join(dir, 'after.tgz');
  await writeFile(before, original);
  await writeFile(after, slimmed);
  const rendered = await helm(['template', 'rel', after]);
  expect(rendered.length).toBeGreaterThan(1000);
  expect(rendered).toBe(await helm(['template', 'rel', before]));
  expect(await helm(['show', 'chart', after])).toBe(await helm(['show', 'chart', before]));
  expect(await helmFails(['lint', after])).toBeUndefined();
}

describe('slimChart with the real helm', () => {
  it('removes junk, .helmignore matches and images (in that order) until it fits, and renders the same', async () => {
    await withTempDir(async (dir) => {
      const original = await buildPackage(dir, {
        files: {
          'docs/guide.md': randomBytes(700 * KiB),
          'images/logo.png': randomBytes(400 * KiB),
          'README.md': '# demo\n',
          LICENSE: 'Apache License 2.0\n',
        },
        helmignore: ['scratch/'],
        extra: [
          { name: 'demo/.git/', type: '5' },
          { name: 'demo/.git/objects/ab/cdef', data: randomBytes(150 * KiB) },
          { name: 'demo/.DS_Store', data: randomBytes(10 * KiB) },
          { name: 'demo/scratch/dump.bin', data: randomBytes(150 * KiB) },
        ],
      });
      expect(original.length).toBeGreaterThan(STORE_LIMIT);

      const slim = await slimChart(original, { maxBytes: STORE_LIMIT });
      expect(slim.bytes.length).toBeLessThanOrEqual(STORE_LIMIT);
      expect(slim.removed).toEqual([
        { path: 'demo/.git/', reason: 'version-control data or an OS/editor leftover' },
        { path: 'demo/.git/objects/ab/cdef', reason: 'version-control data or an OS/editor leftover' },
        { path: 'demo/.DS_Store', reason: 'version-control data or an OS/editor leftover' },
        { path: 'demo/scratch/dump.bin', reason: "matched by the chart's .helmignore" },
        { path: 'demo/images/logo.png', reason: 'image; no template reads .Files' },
      ]);
      console.info(`slimmed ${original.length} -> ${slim.bytes.length} bytes`);

      // Every kept entry is what it was (type, mode, owner, time, every data byte), in the same order.
      const before = await entryFacts(original);
      const after = await entryFacts(slim.bytes);
      const removed = new Set(slim.removed.map((entry) => entry.path));
      expect([...after.keys()]).toEqual([...before.keys()].filter((name) => !removed.has(name)));
      for (const [name, facts] of after) expect(facts, name).toEqual(before.get(name));
      expect(
        after.has('demo/docs/guide.md') && after.has('demo/README.md') && after.has('demo/LICENSE'),
      ).toBe(true);

      await expectSameForHelm(dir, original, slim.bytes);
    });
  });

  it('keeps docs and images when a template reads .Files, and then says how big it still is', async () => {
    await withTempDir(async (dir) => {
      const guide = randomBytes(700 * KiB).toString('base64');
      const original = await buildPackage(dir, {
        files: {
          'docs/guide.md': guide,
          'images/logo.png': randomBytes(400 * KiB),
          'templates/guide.yaml':
            'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: guide\ndata:\n  size: "{{ len (.Files.Get "docs/guide.md") }}"\n',
        },
        extra: [{ name: 'demo/.DS_Store', data: randomBytes(10 * KiB) }],
      });
      const error: unknown = await slimChart(original, { maxBytes: STORE_LIMIT }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChartError);
      const message = (error as ChartError).message;
      console.info(`refused: ${message}`);
      expect(message).toMatch(
        /^chart package is (\d+) bytes \((\d+\.\d\d) MiB\) even after slimming, over the limit of 1048576 bytes \(1\.00 MiB\); removed 1 entry; docs and images were kept because its templates read \.Files$/,
      );
      const size = Number(/is (\d+) bytes/.exec(message)?.[1]);
      expect(size).toBeGreaterThan(STORE_LIMIT);
      expect(size).toBeLessThan(original.length);

      // With room enough, the same chart slims (junk only) and renders the same, docs included.
      const slim = await slimChart(original, { maxBytes: size });
      expect(slim.removed.map((entry) => entry.path)).toEqual(['demo/.DS_Store']);
      await expectSameForHelm(dir, original, slim.bytes);
      expect(await helm(['template', 'rel', join(dir, 'after.tgz')])).toContain(
        `size: "${String(guide.length)}"`,
      );
    });
  });

  it('first only recompresses, keeping every entry as it was, in order', async () => {
    await withTempDir(async (dir) => {
      const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
      const text = Array.from(
        { length: 120_000 },
        (_, i) => words[((i * 7919) % 13) % words.length] ?? '',
      ).join(' ');
      const packaged = await buildPackage(dir, { files: { 'docs/words.md': text } });
      const tar = gunzipSync(packaged);
      const loose = gzipSync(tar, { level: 1 });
      const tight = gzipSync(tar, { level: 9 });
      expect(loose.length).toBeGreaterThan(tight.length);
      const slim = await slimChart(loose, { maxBytes: tight.length + 64 });
      expect(slim.removed).toEqual([]);
      expect(await tarEntries(slim.bytes)).toEqual(await tarEntries(packaged));
      console.info(`recompressed ${loose.length} -> ${slim.bytes.length} bytes`);
      await expectSameForHelm(dir, loose, slim.bytes);
    });
  });
});

describe('slimChart: choices and order', () => {
  const chart = (): Buffer =>
    tgz([
      { name: 'demo/Chart.yaml', data: CHART_YAML },
      { name: 'demo/values.yaml', data: randomBytes(50 * KiB) },
      { name: 'demo/templates/a.yaml', data: 'kind: ConfigMap\n' },
      { name: 'demo/crds/big.yaml', data: randomBytes(50 * KiB) },
      { name: 'demo/charts/sub-1.0.0.tgz', data: randomBytes(50 * KiB) },
      { name: 'demo/charts/sub2/README.md', data: randomBytes(50 * KiB) },
      { name: 'demo/README.md', data: randomBytes(300 * KiB) },
      { name: 'demo/docs/', type: '5' },
      { name: 'demo/docs/a.md', data: randomBytes(300 * KiB) },
      { name: 'demo/icon.png', data: randomBytes(300 * KiB) },
      { name: 'demo/LICENSE', data: randomBytes(100 * KiB) },
      { name: 'demo/.helmignore', data: 'values*.yaml\ncrds/\n' },
    ]);

  it('returns a package that already fits unchanged', async () => {
    const bytes = chart();
    const slim = await slimChart(bytes, { maxBytes: bytes.length });
    expect(slim.bytes).toBe(bytes);
    expect(slim.removed).toEqual([]);
  });

  it('drops images, then docs, and the top-level README last; never protected files', async () => {
    const bytes = chart();
    const docs = await slimChart(bytes, { maxBytes: 700 * KiB });
    expect(docs.removed).toEqual([
      { path: 'demo/icon.png', reason: 'image; no template reads .Files' },
      { path: 'demo/docs/', reason: 'documentation; no template reads .Files' },
      { path: 'demo/docs/a.md', reason: 'documentation; no template reads .Files' },
    ]);
    const readme = await slimChart(bytes, { maxBytes: 350 * KiB });
    expect(readme.removed.map((entry) => entry.path)).toEqual([
      'demo/icon.png',
      'demo/docs/',
      'demo/docs/a.md',
      'demo/README.md',
    ]);
    expect(readme.removed.at(-1)?.reason).toBe('README; no template reads .Files');
    const kept = (await inspectChart(readme.bytes)).entries.map((entry) => entry.path);
    expect(kept).toEqual([
      'demo/Chart.yaml',
      'demo/values.yaml',
      'demo/templates/a.yaml',
      'demo/crds/big.yaml',
      'demo/charts/sub-1.0.0.tgz',
      'demo/charts/sub2/README.md',
      'demo/LICENSE',
      'demo/.helmignore',
    ]);
    const error: unknown = await slimChart(bytes, { maxBytes: 200 * KiB }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /over the limit of 204800 bytes \(0\.20 MiB\); removed 4 entries$/,
    );
  });

  it('treats a template that reads $.Files through a helper as reading files', async () => {
    const bytes = tgz([
      { name: 'demo/Chart.yaml', data: CHART_YAML },
      {
        name: 'demo/templates/_helpers.tpl',
        data: '{{- define "x" -}}{{ $.Files.Glob "docs/*" }}{{- end -}}',
      },
      { name: 'demo/docs/a.md', data: randomBytes(100 * KiB) },
      { name: 'demo/.DS_Store', data: randomBytes(100 * KiB) },
    ]);
    const slim = await slimChart(bytes, { maxBytes: 150 * KiB });
    expect(slim.removed.map((entry) => entry.path)).toEqual(['demo/.DS_Store']);
  });

  it('re-packs long names and keeps every kept byte', async () => {
    const long = `demo/templates/${'x'.repeat(150)}.yaml`;
    const bytes = tgz([
      { name: 'demo/Chart.yaml', data: CHART_YAML },
      { name: '././@LongLink', type: 'L', data: `${long}\0` },
      { name: 'short', data: 'kind: ConfigMap\n' },
      { name: 'demo/icon.png', data: randomBytes(100 * KiB) },
    ]);
    const slim = await slimChart(bytes, { maxBytes: 50 * KiB });
    expect(slim.removed.map((entry) => entry.path)).toEqual(['demo/icon.png']);
    const [chart, template] = await tarEntries(slim.bytes);
    expect([chart?.path, template?.path, template?.data.toString()]).toEqual([
      'demo/Chart.yaml',
      long,
      'kind: ConfigMap\n',
    ]);
  });

  it('refuses an unusable package before slimming it', async () => {
    const bytes = tgz([
      { name: 'demo/Chart.yaml', data: 'name: demo\n' },
      { name: 'demo/x', data: randomBytes(10 * KiB) },
    ]);
    await expect(slimChart(bytes, { maxBytes: 100 })).rejects.toThrow('demo/Chart.yaml: version is required');
  });
});
