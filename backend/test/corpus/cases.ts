// The bad-input corpus: every hostile or broken input the importer must refuse (or tolerate)
// with a clear message, in bounded time and memory. Small inputs are files in this folder
// (`*.in`, so that formatters leave their bytes alone); big ones are generated at test time
// (generate.ts), never committed. backend/test/reliability/corpus.test.ts walks this table.
import type { Readable } from 'node:stream';

import {
  MiB,
  aliasBombChartYaml,
  bufferStream,
  gzipBombIndex,
  gzipBombPackage,
  hostilePackage,
  hugeFilePackage,
  longNamesIndex,
  manyEntriesPackage,
  oversizedIndexStream,
  packageWithChartYaml,
  packageWithoutChartYaml,
  truncatedPackage,
} from './generate.js';

export type CorpusInput =
  /** A file of this folder, path relative to it. */
  | { file: string }
  /** Bytes generated at test time. */
  | { generate: () => Buffer }
  /** A body streamed by a test server (never held whole), with these response headers. */
  | { stream: () => Readable; headers?: Record<string, string> };

export type CorpusExpectation =
  /** Refused: the error's message matches. */
  | { error: RegExp }
  /** Accepted: these charts with these versions (newest first) are read, with these warnings. */
  | { charts: Record<string, string[]>; warnings?: RegExp[] }
  /** Accepted, with this warning (e.g. a digest mismatch). */
  | { warning: RegExp };

export interface CorpusCase {
  name: string;
  /** What issue 7 calls it. */
  covers: string;
  /**
   * `index`: parseIndex of the bytes. `served-index`: the HTTP repository client loads it as
   * `<repo>/index.yaml` (size caps, Content-Encoding). `package`: inspectChart of the bytes.
   * `served-package`: the HTTP repository client downloads it as a chart (digest, size caps).
   */
  target: 'index' | 'served-index' | 'package' | 'served-package';
  input: CorpusInput;
  expect: CorpusExpectation;
  /** Bounds, generous enough not to be flaky on a loaded 2-core CI machine. */
  maxMs: number;
  maxRssGrowthMiB: number;
  /** Also run through the CLI against a served repository (see corpus.test.ts). */
  cli?: boolean;
}

const SMALL = { maxMs: 1000, maxRssGrowthMiB: 64 };
const BIG = { maxMs: 5000, maxRssGrowthMiB: 256 };

const file = (path: string): CorpusInput => ({ file: path });
const generate = (make: () => Buffer): CorpusInput => ({ generate: make });

export const CORPUS: CorpusCase[] = [
  // Indexes: malformed, truncated, hostile, odd.
  {
    name: 'malformed YAML index',
    covers: 'malformed YAML',
    target: 'index',
    input: file('indexes/malformed.yaml.in'),
    expect: { error: /is not valid YAML at line 6, column 6: bad indentation/ },
    ...SMALL,
    cli: true,
  },
  {
    name: 'truncated YAML index',
    covers: 'truncated YAML',
    target: 'index',
    input: file('indexes/truncated.yaml.in'),
    expect: { error: /is not valid YAML at line 7, column 1: unexpected end of the stream/ },
    ...SMALL,
  },
  {
    name: 'malformed JSON index',
    covers: 'malformed JSON',
    target: 'index',
    input: file('indexes/malformed.json.in'),
    expect: { error: /is not valid JSON at line 1, column 81/ },
    ...SMALL,
  },
  {
    name: 'truncated JSON index',
    covers: 'truncated JSON',
    target: 'index',
    input: file('indexes/truncated.json.in'),
    expect: { error: /is not valid JSON at line 1, column 123: Unterminated string/ },
    ...SMALL,
    cli: true,
  },
  {
    name: 'an HTML page instead of an index',
    covers: 'malformed YAML',
    target: 'index',
    input: file('indexes/not-an-index.html.in'),
    expect: {
      error: /is not a Helm repository index .*It looks like an HTML page: check the repository URL/,
    },
    ...SMALL,
    cli: true,
  },
  {
    name: 'empty index',
    covers: 'malformed YAML',
    target: 'index',
    input: file('indexes/empty.yaml.in'),
    expect: { error: /is empty; a Helm repository index needs apiVersion and entries/ },
    ...SMALL,
  },
  {
    name: 'index without apiVersion',
    covers: 'malformed YAML',
    target: 'index',
    input: file('indexes/no-api-version.yaml.in'),
    expect: { error: /has no apiVersion; it is not a Helm repository index/ },
    ...SMALL,
  },
  {
    name: 'entries that are not a mapping',
    covers: 'malformed YAML',
    target: 'index',
    input: file('indexes/entries-not-a-mapping.yaml.in'),
    expect: { error: /"entries" is not a mapping of chart names/ },
    ...SMALL,
  },
  {
    name: 'deeply nested YAML',
    covers: 'malformed YAML',
    target: 'index',
    input: file('indexes/deep-nesting.yaml.in'),
    expect: { error: /nesting exceeded maxDepth \(64\)/ },
    ...SMALL,
  },
  {
    name: 'YAML alias bomb (10 million keywords from 8 KiB)',
    covers: 'YAML alias bombs',
    target: 'index',
    input: file('indexes/alias-bomb.yaml.in'),
    expect: { error: /its YAML aliases expand far beyond its size \(an "alias bomb"\)/ },
    ...SMALL,
    cli: true,
  },
  {
    name: 'billion laughs (aliases never expanded)',
    covers: 'YAML alias bombs',
    target: 'index',
    input: file('indexes/billion-laughs.yaml.in'),
    expect: {
      charts: { b: ['1.0.0'] },
      warnings: [/Chart "laughs": skipped an entry because entry is not a mapping/],
    },
    ...SMALL,
  },
  {
    name: 'duplicate versions',
    covers: 'duplicate versions',
    target: 'index',
    input: file('indexes/duplicate-versions.yaml.in'),
    expect: {
      charts: { nginx: ['1.1.0', '1.0.0'] },
      warnings: [/Chart "nginx": version "1\.0\.0" is listed twice; kept the first/],
    },
    ...SMALL,
  },
  {
    name: 'invalid semver versions',
    covers: 'invalid semver',
    target: 'index',
    input: file('indexes/invalid-semver.yaml.in'),
    expect: {
      charts: { nginx: ['1.2.0'] },
      warnings: [
        /skipped version "latest" because its version "latest" is not a valid semantic version/,
        /skipped version "1\.0\.0\.0" because its version "1\.0\.0\.0" is not a valid semantic version/,
        /skipped version "" because it has no version/,
      ],
    },
    ...SMALL,
  },
  {
    name: 'unicode chart names, control characters, RTL marks',
    covers: 'unicode and very long names',
    target: 'index',
    input: file('indexes/unicode-names.yaml.in'),
    expect: {
      charts: { 数据库: ['1.0.0'], 'café-ｆｕｌｌｗｉｄｔｈ': ['2.0.0'], 'nul\0and\u202econtrol': ['1.0.0'] },
    },
    ...SMALL,
  },
  {
    name: 'a 5,000-character chart name and a 1 MiB description',
    covers: 'unicode and very long names',
    target: 'index',
    input: generate(() => longNamesIndex(5000)),
    expect: { charts: { [`very-long-${'x'.repeat(4990)}`]: ['1.0.0'] } },
    ...SMALL,
  },
  {
    name: 'oversized index (512 MiB streamed, cap 64 MiB)',
    covers: 'an oversized index',
    target: 'served-index',
    input: { stream: () => oversizedIndexStream(512 * MiB) },
    expect: { error: /larger than the limit of 64\.0 MiB/ },
    ...BIG,
    cli: true,
  },
  {
    name: 'gzip-encoded index that inflates to 1 GiB',
    covers: 'an oversized index',
    target: 'served-index',
    input: {
      stream: () => bufferStream(gzipBombIndex()),
      headers: { 'content-encoding': 'gzip' },
    },
    expect: { error: /larger than the limit of 64\.0 MiB/ },
    ...BIG,
  },

  // Packages: not a package at all, unsafe entries, bombs, bad Chart.yaml.
  {
    name: 'not gzip',
    covers: 'non-gzip packages',
    target: 'package',
    input: file('packages/not-gzip.tgz'),
    expect: {
      error: /^not a chart package: the data is not gzip-compressed \(55 bytes starting 0x54686973\)/,
    },
    ...SMALL,
  },
  {
    name: 'gzip but not tar',
    covers: 'non-tar packages',
    target: 'package',
    input: file('packages/gzip-not-tar.tgz'),
    expect: { error: /^not a chart package: the gzip data is not a valid tar archive/ },
    ...SMALL,
  },
  {
    name: 'truncated gzip',
    covers: 'non-gzip packages',
    target: 'package',
    input: generate(truncatedPackage),
    expect: { error: /truncated/ },
    ...SMALL,
  },
  {
    name: 'tar entry with ".."',
    covers: 'tar entries with ..',
    target: 'package',
    input: generate(() => hostilePackage([{ name: 'demo/../../etc/cron.d/evil', data: 'x' }])),
    expect: { error: /entry "demo\/\.\.\/\.\.\/etc\/cron\.d\/evil" has a "\.\." path segment/ },
    ...SMALL,
  },
  {
    name: 'tar entry with an absolute path',
    covers: 'tar entries with absolute paths',
    target: 'package',
    input: generate(() => hostilePackage([{ name: '/etc/passwd', data: 'root::0:0::/:/bin/sh\n' }])),
    expect: { error: /entry "\/etc\/passwd" has an absolute path/ },
    ...SMALL,
  },
  {
    name: 'tar symlink',
    covers: 'tar symlinks',
    target: 'package',
    input: generate(() =>
      hostilePackage([{ name: 'demo/templates/x.yaml', type: '2', linkName: '/var/run/secrets/token' }]),
    ),
    expect: { error: /entry "demo\/templates\/x\.yaml" is a symbolic link/ },
    ...SMALL,
  },
  {
    name: 'tar hardlink',
    covers: 'tar hardlinks',
    target: 'package',
    input: generate(() => hostilePackage([{ name: 'demo/values.yaml', type: '1', linkName: '/etc/shadow' }])),
    expect: { error: /entry "demo\/values\.yaml" is a hard link/ },
    ...SMALL,
  },
  {
    name: 'tar character device',
    covers: 'tar devices',
    target: 'package',
    input: generate(() => hostilePackage([{ name: 'demo/mem', type: '3' }])),
    expect: { error: /entry "demo\/mem" is a character device/ },
    ...SMALL,
  },
  {
    name: 'tar block device',
    covers: 'tar devices',
    target: 'package',
    input: generate(() => hostilePackage([{ name: 'demo/sda', type: '4' }])),
    expect: { error: /entry "demo\/sda" is a block device/ },
    ...SMALL,
  },
  {
    name: 'tar FIFO',
    covers: 'tar devices',
    target: 'package',
    input: generate(() => hostilePackage([{ name: 'demo/pipe', type: '6' }])),
    expect: { error: /entry "demo\/pipe" is a FIFO/ },
    ...SMALL,
  },
  {
    name: 'gzip bomb: 1 GiB of zeros in 64 files, about 1 MiB compressed',
    covers: 'gzip bombs',
    target: 'package',
    input: generate(gzipBombPackage),
    expect: { error: /chart package unpacks to more than 104857600 bytes/ },
    ...BIG,
  },
  {
    name: 'a huge single file: 1 GiB of real content',
    covers: 'a huge single file',
    target: 'package',
    input: generate(hugeFilePackage),
    expect: {
      error:
        /entry "demo\/files\/zeros-0\.bin" is 1073741824 bytes, over the limit of 20971520 bytes per file/,
    },
    ...BIG,
  },
  {
    name: '20,000 entries',
    covers: 'gzip bombs',
    target: 'package',
    input: generate(() => manyEntriesPackage(20_000)),
    expect: { error: /chart package has more than 10000 entries/ },
    ...BIG,
  },
  {
    name: 'no Chart.yaml',
    covers: 'a missing Chart.yaml',
    target: 'package',
    input: generate(packageWithoutChartYaml),
    expect: { error: /^chart package has no Chart\.yaml in its top-level directory "demo"$/ },
    ...SMALL,
  },
  {
    name: 'Chart.yaml that is not YAML',
    covers: 'an invalid Chart.yaml',
    target: 'package',
    input: generate(() => packageWithChartYaml('apiVersion: v2\nname: [demo\nversion: 1.0.0\n')),
    expect: { error: /^demo\/Chart\.yaml is not valid YAML: / },
    ...SMALL,
  },
  {
    name: 'Chart.yaml without a name',
    covers: 'an invalid Chart.yaml',
    target: 'package',
    input: generate(() => packageWithChartYaml('apiVersion: v2\nversion: 1.0.0\n')),
    expect: { error: /^demo\/Chart\.yaml: name is required$/ },
    ...SMALL,
  },
  {
    name: 'Chart.yaml with an invalid semver version',
    covers: 'invalid semver',
    target: 'package',
    input: generate(() => packageWithChartYaml('apiVersion: v2\nname: demo\nversion: 1.0.0.0\n')),
    expect: { error: /^demo\/Chart\.yaml: version "1\.0\.0\.0" is not a valid semantic version$/ },
    ...SMALL,
  },
  {
    name: 'Chart.yaml alias bomb',
    covers: 'YAML alias bombs',
    target: 'package',
    input: generate(() => packageWithChartYaml(aliasBombChartYaml())),
    expect: { error: /^demo\/Chart\.yaml uses too many YAML aliases \(an alias bomb\?\)$/ },
    ...SMALL,
  },
  {
    name: 'digest mismatch',
    covers: 'digest mismatches',
    target: 'served-package',
    input: generate(() => packageWithChartYaml('apiVersion: v2\nname: demo\nversion: 1.0.0\n')),
    expect: {
      warning: /the index digest 0{64} does not match the downloaded package \(sha256 [0-9a-f]{64}\)/,
    },
    ...SMALL,
  },
  {
    name: 'oversized package (48 MiB streamed, cap 32 MiB)',
    covers: 'a huge single file',
    target: 'served-package',
    input: { stream: () => bufferStream(Buffer.alloc(48 * MiB, 0x1f)) },
    expect: {
      error: /Refused the chart demo 1\.0\.0 .*(larger than|over) the limit of (32\.0 MiB|33554432 bytes)/,
    },
    ...BIG,
  },
];
