import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { inspectChart } from '../../src/engine/chart/index.js';
import { ChartError } from '../../src/engine/errors.js';
import {
  buildTar,
  CHART_YAML,
  chartTgz,
  fixturesDir,
  haveFixtures,
  helm,
  helmFails,
  tarHeader,
  tgz,
  withTempDir,
  type TarSpec,
} from './support.js';

const MiB = 1024 * 1024;

async function refusal(bytes: Buffer, limits?: Parameters<typeof inspectChart>[1]): Promise<string> {
  const error: unknown = await inspectChart(bytes, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChartError);
  return (error as ChartError).message;
}

describe('inspectChart: a valid package', () => {
  it('returns the metadata, the entries and the unpacked size', async () => {
    const chartYaml = [
      'apiVersion: v2',
      'name: demo',
      'version: 1.2.3',
      'appVersion: "4.5"',
      'description: A demo',
      'home: https://example.com',
      'icon: https://example.com/icon.png',
      'keywords: [a, b]',
      'maintainers: [{name: Ann, email: ann@example.com}, {name: Bob, url: https://bob.example}]',
      'annotations: {category: Database}',
      'type: application',
      'sources: [https://example.com/src]',
      'x-vendor-extra: {kept: out}',
    ].join('\n');
    const inspected = await inspectChart(
      chartTgz(
        [
          { name: 'demo/values.yaml', data: 'a: 1\n' },
          { name: 'demo/templates/', type: '5' },
        ],
        chartYaml,
      ),
    );
    expect(inspected).toEqual({
      metadata: {
        apiVersion: 'v2',
        name: 'demo',
        version: '1.2.3',
        appVersion: '4.5',
        description: 'A demo',
        home: 'https://example.com',
        icon: 'https://example.com/icon.png',
        keywords: ['a', 'b'],
        maintainers: [
          { name: 'Ann', email: 'ann@example.com' },
          { name: 'Bob', url: 'https://bob.example' },
        ],
        annotations: { category: 'Database' },
        deprecated: false,
        type: 'application',
      },
      entries: [
        { path: 'demo/Chart.yaml', size: Buffer.byteLength(chartYaml) },
        { path: 'demo/values.yaml', size: 5 },
      ],
      unpackedBytes: Buffer.byteLength(chartYaml) + 5,
    });
  });

  it('reads a package made by helm package', async () => {
    await withTempDir(async (dir) => {
      await helm(['create', 'mychart'], dir);
      await helm(['package', 'mychart'], dir);
      const inspected = await inspectChart(readFileSync(join(dir, 'mychart-0.1.0.tgz')));
      expect(inspected.metadata).toMatchObject({
        apiVersion: 'v2',
        name: 'mychart',
        version: '0.1.0',
        type: 'application',
      });
      expect(inspected.entries.map((entry) => entry.path)).toContain('mychart/templates/deployment.yaml');
    });
  });

  it('accepts PAX and GNU long names', async () => {
    const long = `demo/templates/${'x'.repeat(150)}.yaml`;
    const body = ` path=${long}\n`;
    const pax = Buffer.from(`${String(body.length + String(body.length + 3).length)}${body}`);
    const record = (spec: TarSpec): Buffer => buildTar([spec], { end: false });
    const bytes = gzipSync(
      Buffer.concat([
        record({ name: 'demo/Chart.yaml', data: CHART_YAML }),
        record({ name: 'PaxHeader', type: 'x', data: pax }),
        record({ name: 'short', data: 'a: 1\n' }),
        record({ name: '././@LongLink', type: 'L', data: `${long}2\0` }),
        record({ name: 'short2', data: 'b: 2\n' }),
        Buffer.alloc(1024),
      ]),
    );
    const inspected = await inspectChart(bytes);
    expect(inspected.entries.map((entry) => entry.path)).toEqual(['demo/Chart.yaml', long, `${long}2`]);
  });
});

describe.skipIf(!haveFixtures)(
  'inspectChart: every real fixture package in ../shared/fixtures/helm-repos (skipped when that folder is absent)',
  () => {
    const packages = haveFixtures
      ? readdirSync(fixturesDir).flatMap((repo) =>
          readdirSync(join(fixturesDir, repo))
            .filter((file) => file.endsWith('.tgz'))
            .map((file) => join(repo, file)),
        )
      : [];

    it('has fixtures', () => {
      expect(packages.length).toBeGreaterThan(0);
    });

    it.each(packages)('%s', async (file) => {
      const inspected = await inspectChart(readFileSync(join(fixturesDir, file)));
      expect(file).toContain(`${inspected.metadata.name}-${inspected.metadata.version}.tgz`);
    });

    it('agrees with helm show chart on a sample', async () => {
      for (const file of packages.filter((_, i) => i % 15 === 0)) {
        const path = join(fixturesDir, file);
        const shown = parse(await helm(['show', 'chart', path])) as Record<string, unknown>;
        const { metadata } = await inspectChart(readFileSync(path));
        expect({ name: metadata.name, version: metadata.version, appVersion: metadata.appVersion }).toEqual({
          name: shown.name,
          version: shown.version,
          appVersion: shown.appVersion,
        });
      }
    });
  },
);

// Chart.yaml texts, each read by the real helm too: we accept exactly what it accepts, with the same values.
const CHART_YAMLS: [string, string][] = [
  [
    'duplicate keys (the last wins)',
    'apiVersion: v2\nname: other\nname: demo\nversion: 1.0.0\nversion: 2.0.0\n',
  ],
  ['a float version', 'apiVersion: v2\nname: demo\nversion: 1.10\nappVersion: 1.0\n'],
  ['an int version and exponent', 'apiVersion: v2\nname: demo\nversion: 1\nappVersion: 1e3\n'],
  ['keys in another case', 'ApiVersion: v2\nNAME: demo\nVersion: 1.0.0\n'],
  [
    'YAML 1.1 booleans',
    'apiVersion: v2\nname: demo\nversion: 1.0.0\ndeprecated: yes\nkeywords: [on, no, 7]\n',
  ],
  ['lenient semver', 'apiVersion: v2\nname: demo\nversion: v1.2\n'],
  ['leading zeros', 'apiVersion: v2\nname: demo\nversion: 01.02.03\n'],
  ['no apiVersion (Helm 2)', 'name: demo\nversion: 0.1.0\n'],
  [
    'anchors and merge keys',
    'base: &b {team: a}\napiVersion: v2\nname: demo\nversion: 1.0.0\nannotations: {<<: *b, n: 1, t: true}\n',
  ],
  [
    'unknown fields of any shape',
    'apiVersion: v2\nname: demo\nversion: 1.0.0\nx: [1, {a: [b]}]\ndependencies: [{name: a, import-values: [x]}]\n',
  ],
  ['a byte order mark', '\uFEFFapiVersion: v2\nname: demo\nversion: 1.0.0\n'],
  ['a second document', 'apiVersion: v2\nname: demo\nversion: 1.0.0\n---\nname: ignored\n'],
  ['a timestamp-like string', 'apiVersion: v2\nname: demo\nversion: 1.0.0\nappVersion: 2024-01-02\n'],
  [
    'control characters sanitized',
    'apiVersion: v2\nname: demo\nversion: 1.0.0\ndescription: "a\\tb\\u0007c"\n',
  ],
  ['invalid YAML', 'apiVersion: v2\nname: [demo\nversion: 1.0.0\n'],
  ['not a mapping', '- name\n- demo\n'],
  ['missing name', 'apiVersion: v2\nversion: 1.0.0\n'],
  ['missing version', 'apiVersion: v2\nname: demo\n'],
  ['a leading-zero prerelease', 'apiVersion: v2\nname: demo\nversion: 1.0.0-01\n'],
  ['a non-semver version', 'apiVersion: v2\nname: demo\nversion: latest\n'],
  ['a name with a slash', 'apiVersion: v2\nname: a/b\nversion: 1.0.0\n'],
  ['an unknown type', 'apiVersion: v2\nname: demo\nversion: 1.0.0\ntype: plugin\n'],
  ['a map for keywords', 'apiVersion: v2\nname: demo\nversion: 1.0.0\nkeywords: {a: b}\n'],
  ['a string for deprecated', 'apiVersion: v2\nname: demo\nversion: 1.0.0\ndeprecated: "true"\n'],
  ['a null maintainer', 'apiVersion: v2\nname: demo\nversion: 1.0.0\nmaintainers: [null]\n'],
  ['a list as an annotation', 'apiVersion: v2\nname: demo\nversion: 1.0.0\nannotations: {a: [1]}\n'],
  ['NaN in an unknown field', 'apiVersion: v2\nname: demo\nversion: 1.0.0\nx: .nan\n'],
  [
    'a bad dependency alias',
    'apiVersion: v2\nname: demo\nversion: 1.0.0\ndependencies: [{name: a, alias: "a b"}]\n',
  ],
  [
    'duplicate dependencies',
    'apiVersion: v2\nname: demo\nversion: 1.0.0\ndependencies: [{name: a}, {name: a}]\n',
  ],
  [
    'an alias bomb',
    [
      'apiVersion: v2',
      'name: demo',
      'version: 1.0.0',
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'.split('').map((name, i) => {
        const previous = 'abcdefghi'[i] ?? 'a';
        return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`;
      }),
    ].join('\n'),
  ],
];

describe('inspectChart: Chart.yaml, compared with the real helm', () => {
  it.each(CHART_YAMLS)('%s', async (_, chartYaml) => {
    const bytes = chartTgz([], chartYaml);
    await withTempDir(async (dir) => {
      const file = join(dir, 'demo.tgz');
      await writeFile(file, bytes);
      const helmError = await helmFails(['show', 'chart', file]);
      const ours = await inspectChart(bytes).then(
        (inspected) => inspected,
        (error: unknown) => error,
      );
      if (helmError !== undefined) {
        expect(ours, `helm refuses it: ${helmError}`).toBeInstanceOf(ChartError);
        return;
      }
      if (ours instanceof Error) throw ours;
      const shown = parse(await helm(['show', 'chart', file]), { version: '1.2' }) as Record<string, unknown>;
      const { metadata } = ours as Awaited<ReturnType<typeof inspectChart>>;
      expect(metadata.apiVersion).toBe(shown.apiVersion ?? 'v1');
      expect(metadata.name).toBe(shown.name);
      expect(metadata.version).toBe(shown.version);
      expect(metadata.appVersion).toBe(shown.appVersion);
      expect(metadata.description).toBe(shown.description);
      expect(metadata.deprecated).toBe(shown.deprecated ?? false);
      expect(metadata.keywords).toEqual(shown.keywords ?? []);
      expect(metadata.annotations).toEqual(shown.annotations ?? {});
    });
  });

  it('names the problem', async () => {
    expect(await refusal(chartTgz([], 'apiVersion: v2\nversion: 1.0.0\n'))).toBe(
      'demo/Chart.yaml: name is required',
    );
    expect(await refusal(chartTgz([], 'apiVersion: v2\nname: demo\nversion: latest\n'))).toBe(
      'demo/Chart.yaml: version "latest" is not a valid semantic version',
    );
    expect(await refusal(chartTgz([], 'name: [demo\n'))).toMatch(/^demo\/Chart\.yaml is not valid YAML: /);
    const bomb = CHART_YAMLS.find(([name]) => name === 'an alias bomb')?.[1] ?? '';
    expect(await refusal(chartTgz([], bomb))).toBe(
      'demo/Chart.yaml uses too many YAML aliases (an alias bomb?)',
    );
  });

  it('refuses the names "." and "..", as Helm 3.18+ does (3.17 still let them through)', async () => {
    expect(await refusal(chartTgz([], 'apiVersion: v2\nname: ..\nversion: 1.0.0\n'))).toBe(
      'demo/Chart.yaml: name ".." is not allowed',
    );
  });

  it('reads requirements.yaml dependencies as Helm does', async () => {
    const requirements = {
      name: 'demo/requirements.yaml',
      data: 'dependencies: [{name: a, alias: "x/y"}]\n',
    };
    expect(await refusal(chartTgz([requirements], 'apiVersion: v1\nname: demo\nversion: 1.0.0\n'))).toMatch(
      /disallowed characters in the alias/,
    );
  });
});

const HOSTILE: [string, TarSpec[], RegExp][] = [
  [
    'a ".." segment',
    [{ name: 'demo/../evil.yaml', data: 'x' }],
    /entry "demo\/\.\.\/evil\.yaml" has a "\.\." path segment/,
  ],
  [
    'a path that Helm cleans to ".."',
    [{ name: 'demo/..data', data: 'x' }],
    /entry "demo\/\.\.data" has an illegal path/,
  ],
  ['an absolute path', [{ name: '/etc/passwd', data: 'x' }], /entry "\/etc\/passwd" has an absolute path/],
  ['a drive letter', [{ name: 'C:\\demo\\x', data: 'x' }], /entry "C:\\\\demo\\\\x" has an absolute path/],
  [
    'a symbolic link',
    [{ name: 'demo/templates/x.yaml', type: '2', linkName: '/etc/passwd' }],
    /entry "demo\/templates\/x\.yaml" is a symbolic link \(to "\/etc\/passwd"\)/,
  ],
  [
    'a hard link',
    [{ name: 'demo/values.yaml', type: '1', linkName: 'demo/Chart.yaml' }],
    /entry "demo\/values\.yaml" is a hard link/,
  ],
  ['a character device', [{ name: 'demo/tty', type: '3' }], /entry "demo\/tty" is a character device/],
  ['a block device', [{ name: 'demo/sda', type: '4' }], /entry "demo\/sda" is a block device/],
  ['a FIFO', [{ name: 'demo/pipe', type: '6' }], /entry "demo\/pipe" is a FIFO/],
  [
    'an unknown entry type',
    [{ name: 'demo/vol', type: 'V' }],
    /entry "demo\/vol" has the unsupported tar type "V"/,
  ],
  [
    'a second top-level directory',
    [{ name: 'other/values.yaml', data: 'a: 1' }],
    /more than one top-level directory: entry "other\/values\.yaml" is outside "demo"/,
  ],
  ['a file at the top level', [{ name: 'values.yaml', data: 'a: 1' }], /more than one top-level directory/],
  [
    'a huge declared size',
    [{ name: 'demo/big', size: 2 ** 40 }],
    /entry "demo\/big" is 1099511627776 bytes, over the limit of 20971520 bytes per file/,
  ],
];

describe('inspectChart: hostile and broken packages', () => {
  it.each(HOSTILE)('refuses %s, naming the entry', async (_, specs, message) => {
    expect(await refusal(chartTgz(specs))).toMatch(message);
  });

  it('refuses a top-level file even when it comes first', async () => {
    expect(await refusal(tgz([{ name: 'Chart.yaml', data: CHART_YAML }]))).toMatch(
      /entry "Chart\.yaml" is a file outside the chart's directory/,
    );
  });

  it('refuses what is not gzip', async () => {
    expect(await refusal(Buffer.from('apiVersion: v2\n'))).toMatch(
      /^not a chart package: the data is not gzip-compressed/,
    );
    expect(await refusal(Buffer.alloc(0))).toMatch(/not gzip-compressed \(0 bytes starting with nothing\)/);
  });

  it('refuses gzip that is not tar', async () => {
    expect(await refusal(gzipSync('hello '.repeat(200)))).toMatch(
      /not a valid tar archive \(invalid tar header checksum/,
    );
  });

  it('refuses corrupt and truncated gzip', async () => {
    const bytes = chartTgz([{ name: 'demo/values.yaml', data: 'a: 1\n'.repeat(1000) }]);
    expect(await refusal(bytes.subarray(0, bytes.length - 30))).toMatch(/truncated/);
    const corrupt = Buffer.from(bytes);
    corrupt[20] = (corrupt[20] ?? 0) ^ 0xff;
    expect(await refusal(corrupt)).toMatch(
      /^not a chart package: the gzip data is (corrupt|truncated)|not a valid tar/,
    );
  });

  it('refuses a tar archive cut inside an entry', async () => {
    const tar = buildTar([
      { name: 'demo/Chart.yaml', data: CHART_YAML },
      { name: 'demo/values.yaml', data: 'x'.repeat(2000) },
    ]);
    expect(await refusal(gzipSync(tar.subarray(0, 1024 + 512 + 100)))).toBe(
      'chart package is truncated: its tar archive ends inside entry "demo/values.yaml"',
    );
  });

  it('refuses an empty archive and a package without Chart.yaml', async () => {
    expect(await refusal(gzipSync(Buffer.alloc(0)))).toMatch(/chart package is empty/);
    expect(await refusal(tgz([{ name: 'demo/values.yaml', data: 'a: 1' }]))).toBe(
      'chart package has no Chart.yaml in its top-level directory "demo"',
    );
    expect(await refusal(tgz([{ name: 'demo/sub/Chart.yaml', data: CHART_YAML }]))).toMatch(/no Chart\.yaml/);
  });

  it('refuses too many entries', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ name: `demo/f${i}`, data: '' }));
    expect(await refusal(chartTgz(many), { maxEntries: 50 })).toBe('chart package has more than 50 entries');
    const lots = Array.from({ length: 10_000 }, (_, i) => ({ name: `demo/f${i}`, data: '' }));
    expect(await refusal(chartTgz(lots))).toBe('chart package has more than 10000 entries');
  });

  it('refuses a file over the per-file limit and a package over the total limit', async () => {
    expect(
      await refusal(chartTgz([{ name: 'demo/big', data: Buffer.alloc(2048) }]), { maxFileBytes: 1024 }),
    ).toBe('chart package entry "demo/big" is 2048 bytes, over the limit of 1024 bytes per file');
    const files = Array.from({ length: 4 }, (_, i) => ({ name: `demo/f${i}`, data: Buffer.alloc(1000) }));
    expect(await refusal(chartTgz(files), { maxUnpackedBytes: 3000 })).toBe(
      'chart package unpacks to more than 3000 bytes (the limit was reached at entry "demo/f2")',
    );
  });
});

/** A PAX extended header record: "<length> <key>=<value>\n", the length counting itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length += 1;
  return `${String(length)}${body}`;
}

describe('inspectChart: where node-tar alone would read more leniently than Helm', () => {
  const record = (spec: TarSpec): Buffer => buildTar([spec], { end: false });
  const chartYaml = record({ name: 'demo/Chart.yaml', data: CHART_YAML });

  it('refuses a regular file named like a directory, whose data Go reads and node-tar parses as entries', async () => {
    const hidden = Buffer.concat([
      Buffer.alloc(1024),
      record({ name: 'demo/l', type: '2', linkName: '/etc' }),
    ]);
    const bytes = gzipSync(
      Buffer.concat([chartYaml, record({ name: 'demo/x/', data: hidden }), Buffer.alloc(1024)]),
    );
    expect(await refusal(bytes)).toBe(
      'chart package entry "demo/x/" is a regular file whose name ends in "/"',
    );
  });

  it('refuses a regular file with a directory mode', async () => {
    expect(await refusal(chartTgz([{ name: 'demo/x', mode: 0o40755, data: 'a' }]))).toBe(
      'chart package entry "demo/x" is a regular file with a directory mode',
    );
  });

  it('refuses a zero block followed by more entries, as Go does', async () => {
    const bytes = gzipSync(
      Buffer.concat([
        chartYaml,
        Buffer.alloc(512),
        record({ name: 'demo/v', data: 'x' }),
        Buffer.alloc(1024),
      ]),
    );
    expect(await refusal(bytes)).toBe(
      'not a chart package: the gzip data is not a valid tar archive (a zero block is followed by data at byte 1536)',
    );
  });

  it('refuses a partial trailing block and a trailing extension header', async () => {
    expect(await refusal(gzipSync(Buffer.concat([chartYaml, Buffer.alloc(100, 1)])))).toBe(
      'chart package is truncated: its tar archive ends inside a tar header',
    );
    const pax = record({ name: 'PaxHeader', type: 'x', data: paxRecord('path', 'demo/y') });
    expect(await refusal(gzipSync(Buffer.concat([chartYaml, pax])))).toBe(
      'chart package is truncated: its tar archive ends after an extension header',
    );
  });

  it('refuses gzip inside gzip, a sparse file, a huge extension header and an unknown type', async () => {
    expect(await refusal(gzipSync(chartTgz([{ name: 'demo/r', data: randomBytes(2000) }])))).toBe(
      'not a chart package: the gzip data is not a valid tar archive (invalid tar header at byte 0)',
    );
    const sparse = record({ name: 'PaxHeader', type: 'x', data: paxRecord('GNU.sparse.major', '1') });
    expect(await refusal(gzipSync(Buffer.concat([chartYaml, sparse, record({ name: 'demo/s' })])))).toBe(
      'chart package has a sparse file, which charts never need',
    );
    const huge = record({ name: 'PaxHeader', type: 'x', data: Buffer.alloc(MiB + 1, 0x20) });
    expect(await refusal(gzipSync(Buffer.concat([chartYaml, huge, record({ name: 'demo/h' })])))).toBe(
      'not a chart package: the gzip data is not a valid tar archive (a tar extension header at byte 1024 is over 1 MiB)',
    );
    expect(await refusal(chartTgz([{ name: 'demo/z', type: 'Z' }]))).toMatch(
      /^chart package entry "demo\/z" has the unsupported tar type "Z"/,
    );
  });

  it('bounds what the caps do not count: a flood of empty extension headers', async () => {
    const flood = Array.from({ length: 3000 }, () => tarHeader({ name: 'PaxHeader', type: 'x' }));
    const bytes = gzipSync(Buffer.concat([chartYaml, ...flood, Buffer.alloc(1024)]));
    expect(await refusal(bytes, { maxUnpackedBytes: 100_000, maxEntries: 50 })).toBe(
      'chart package unpacks to more than 100000 bytes (its tar stream is over 152224 bytes)',
    );
  });
});

/** A gzip stream generated on the fly: `count` entries of `size` zero bytes each. */
async function gzipBomb(count: number, size: number, headers = true): Promise<Buffer> {
  const gzip = createGzip({ level: 1 });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(MiB);
  const write = async (chunk: Buffer): Promise<void> => {
    if (!gzip.write(chunk)) await new Promise((resolve) => gzip.once('drain', resolve));
  };
  if (headers) await write(tarHeader({ name: 'demo/Chart.yaml', data: CHART_YAML }));
  if (headers) await write(Buffer.concat([Buffer.from(CHART_YAML), Buffer.alloc(512 - CHART_YAML.length)]));
  for (let i = 0; i < count; i += 1) {
    if (headers) await write(tarHeader({ name: `demo/zeros${i}`, size }));
    for (let left = size; left > 0; left -= MiB) await write(left >= MiB ? zeros : zeros.subarray(0, left));
  }
  gzip.end(Buffer.alloc(1024));
  await done;
  return Buffer.concat(out);
}

async function measure<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; rssGrowth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const start = performance.now();
  try {
    const result = await work();
    return {
      result,
      ms: performance.now() - start,
      rssGrowth: Math.max(peak, process.memoryUsage().rss) - before,
    };
  } finally {
    clearInterval(timer);
  }
}

describe('inspectChart: gzip bombs', () => {
  it('stops a 1 GiB bomb of 1 MiB files at the 100 MiB total limit, in bounded memory and time', async () => {
    const bomb = await gzipBomb(1024, MiB);
    expect(bomb.length).toBeLessThan(8 * MiB);
    const { result, ms, rssGrowth } = await measure(() => refusal(bomb));
    console.info(
      `bomb of ${bomb.length} gzip bytes refused in ${ms.toFixed(0)} ms, rss +${(rssGrowth / MiB).toFixed(1)} MiB`,
    );
    expect(result).toBe(
      'chart package unpacks to more than 104857600 bytes (the limit was reached at entry "demo/zeros99")',
    );
    expect(ms).toBeLessThan(10_000);
    expect(rssGrowth).toBeLessThan(64 * MiB);
  });

  it('refuses a 1 GiB single file from its header, before reading it', async () => {
    const bomb = await gzipBomb(1, 1024 * MiB);
    const { result, ms, rssGrowth } = await measure(() => refusal(bomb));
    console.info(
      `bomb of ${bomb.length} gzip bytes refused in ${ms.toFixed(0)} ms, rss +${(rssGrowth / MiB).toFixed(1)} MiB`,
    );
    expect(result).toBe(
      'chart package entry "demo/zeros0" is 1073741824 bytes, over the limit of 20971520 bytes per file',
    );
    expect(ms).toBeLessThan(1000);
    expect(rssGrowth).toBeLessThan(64 * MiB);
  });

  it('stops at the end-of-archive marker of 1 GiB of zeros', async () => {
    const bomb = await gzipBomb(1024, MiB, false);
    const { result, ms } = await measure(() => refusal(bomb));
    console.info(`bomb of ${bomb.length} gzip bytes refused in ${ms.toFixed(0)} ms`);
    expect(result).toMatch(/chart package is empty/);
    expect(ms).toBeLessThan(1000);
  });
});
