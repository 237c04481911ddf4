import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { RepoError } from '../errors.js';
import type { Message } from '../messages/index.js';
import { generateIndex } from '../../../bench/generate-index.js';
import { MAX_WARNINGS, parseIndex } from './parse-index.js';
import { splitJsonIndex, splitYamlIndex } from './split-index.js';

const REPO = 'https://charts.example.com/stable';

function versionsOf(text: string, chart: string): string[] {
  return (
    parseIndex(text, REPO)
      .entries.get(chart)
      ?.map((v) => v.version) ?? []
  );
}

const GOOD = `apiVersion: v1
entries:
  nginx:
  - apiVersion: v2
    name: nginx
    version: 1.9.0
    appVersion: "1.25"
    description: Web server
    home: https://nginx.org
    icon: https://nginx.org/icon.png
    keywords: [web, http]
    maintainers:
    - name: Jane
      email: jane@example.com
    annotations:
      category: Web
      images: |
        - name: nginx
    created: "2024-01-02T03:04:05Z"
    digest: ABCDEF
    deprecated: true
    dependencies:
    - name: common
      version: 1.x
    urls:
    - nginx-1.9.0.tgz
  - name: nginx
    version: 1.10.0
    urls: [https://cdn.example.com/nginx-1.10.0.tgz]
generated: "2024-01-01T00:00:00Z"
`;

describe('parseIndex', () => {
  it('keeps the fields of a version and resolves its URL like Helm', () => {
    const index = parseIndex(GOOD, REPO);
    expect(index.url).toBe(REPO);
    expect(index.warnings).toEqual([]);
    const [newest, older] = index.entries.get('nginx') ?? [];
    expect(newest?.version).toBe('1.10.0');
    expect(newest?.apiVersion).toBe('v1');
    expect(newest?.urls).toEqual(['https://cdn.example.com/nginx-1.10.0.tgz']);
    expect(older).toEqual({
      name: 'nginx',
      version: '1.9.0',
      apiVersion: 'v2',
      appVersion: '1.25',
      description: 'Web server',
      home: 'https://nginx.org',
      icon: 'https://nginx.org/icon.png',
      keywords: ['web', 'http'],
      maintainers: [{ name: 'Jane', email: 'jane@example.com' }],
      annotations: { category: 'Web', images: '- name: nginx\n' },
      created: '2024-01-02T03:04:05Z',
      digest: 'ABCDEF',
      deprecated: true,
      urls: ['https://charts.example.com/stable/nginx-1.9.0.tgz'],
    });
    expect(older).not.toHaveProperty('dependencies');
  });

  it('reads the JSON form with JSON.parse, the same way', () => {
    const json = JSON.stringify({
      apiVersion: 'v1',
      entries: {
        a: [{ name: 'a', version: '1.0.0', urls: ['a-1.0.0.tgz'], deprecated: true, keywords: ['k', 1] }],
      },
    });
    const [a] = parseIndex(json, REPO).entries.get('a') ?? [];
    expect(a?.urls).toEqual(['https://charts.example.com/stable/a-1.0.0.tgz']);
    expect(a?.deprecated).toBe(true);
    expect(a?.keywords).toEqual(['k', '1']);
  });

  it('keeps scalars as written, as Helm does for string fields (1.10 stays 1.10)', () => {
    const index = parseIndex(
      'apiVersion: v1\nentries:\n  a:\n  - {name: a, version: 1.10, appVersion: 2.0, urls: [x.tgz]}\n',
      REPO,
    );
    expect(index.entries.get('a')?.[0]).toMatchObject({ version: '1.10', appVersion: '2.0' });
  });

  it('reads YAML in flow style that starts like JSON', () => {
    expect(
      versionsOf("{apiVersion: v1, entries: {a: [{name: a, version: '1.0.0', urls: [a.tgz]}]}}", 'a'),
    ).toEqual(['1.0.0']);
  });

  it.each([
    [
      'a missing version',
      '  - {name: a, urls: [a.tgz]}',
      { code: 'index-entry-no-version', params: { chart: 'a' } },
      /^Chart "a": skipped an entry because it has no version\.$/,
    ],
    [
      'an invalid semver',
      '  - {name: a, version: latest, urls: [a.tgz]}',
      { code: 'index-entry-bad-version', params: { chart: 'a', version: 'latest' } },
      /^Chart "a": skipped version "latest" because its version "latest" is not a valid semantic version\.$/,
    ],
    [
      'an empty name',
      '  - {name: "", version: 1.0.0, urls: [a.tgz]}',
      { code: 'index-entry-no-name', params: { chart: 'a', version: '1.0.0' } },
      /^Chart "a": skipped version "1\.0\.0" because it has no name\.$/,
    ],
    [
      'a path in the name',
      '  - {name: ../x, version: 1.0.0, urls: [a.tgz]}',
      { code: 'index-entry-bad-name', params: { chart: 'a', version: '1.0.0', name: '../x' } },
      /^Chart "a": skipped version "1\.0\.0" because its name "\.\.\/x" is invalid\.$/,
    ],
    [
      'no urls',
      '  - {name: a, version: 1.0.0}',
      { code: 'index-entry-no-url', params: { chart: 'a', version: '1.0.0' } },
      /^Chart "a": skipped version "1\.0\.0" because it has no download URL\.$/,
    ],
    [
      'empty urls',
      '  - {name: a, version: 1.0.0, urls: []}',
      { code: 'index-entry-no-url', params: { chart: 'a', version: '1.0.0' } },
      /because it has no download URL/,
    ],
    [
      'a bad type',
      '  - {name: a, version: 1.0.0, type: plugin, urls: [a.tgz]}',
      { code: 'index-entry-bad-type', params: { chart: 'a', version: '1.0.0', type: 'plugin' } },
      /^Chart "a": skipped version "1\.0\.0" because its type "plugin" is neither application nor library\.$/,
    ],
    [
      'a null entry',
      '  - ',
      { code: 'index-entry-empty', params: { chart: 'a' } },
      /^Chart "a": skipped an entry because empty entry\.$/,
    ],
    [
      'a scalar entry',
      '  - hello',
      { code: 'index-entry-not-mapping', params: { chart: 'a' } },
      /^Chart "a": skipped an entry because entry is not a mapping\.$/,
    ],
  ])('drops a version with %s, with a warning, and keeps the rest', (_name, bad, expected, text) => {
    const index = parseIndex(
      `apiVersion: v1\nentries:\n  a:\n${bad}\n  - {name: a, version: 2.0.0, urls: [a-2.tgz]}\n`,
      REPO,
    );
    expect(index.entries.get('a')?.map((v) => v.version)).toEqual(['2.0.0']);
    expect(index.warnings).toHaveLength(1);
    expect(index.warnings[0]).toEqual({ ...expected, message: expect.stringMatching(text) as string });
  });

  it('drops duplicate versions and charts left without versions', () => {
    const text =
      'apiVersion: v1\nentries:\n  a:\n  - {name: a, version: 1.0.0, urls: [x]}\n  - {name: a, version: 1.0.0, urls: [y]}\n  b:\n  - {name: b}\n  c:\n';
    const index = parseIndex(text, REPO);
    expect([...index.entries.keys()]).toEqual(['a']);
    expect(index.entries.get('a')?.[0]?.urls).toEqual(['https://charts.example.com/stable/x']);
    expect(index.warnings).toEqual([
      {
        code: 'index-version-twice',
        params: { chart: 'a', version: '1.0.0' },
        message: 'Chart "a": version "1.0.0" is listed twice; kept the first.',
      },
      {
        code: 'index-entry-no-version',
        params: { chart: 'b' },
        message: 'Chart "b": skipped an entry because it has no version.',
      },
    ]);
  });

  it('sorts versions newest first, semver order', () => {
    const list = ['1.0.0', '1.10.0', '1.2.0', '2.0.0-rc.1', '2.0.0', 'v0.9.0'];
    const text = `apiVersion: v1\nentries:\n  a:\n${list.map((v) => `  - {name: a, version: ${v}, urls: [a.tgz]}`).join('\n')}\n`;
    expect(versionsOf(text, 'a')).toEqual(['2.0.0', '2.0.0-rc.1', '1.10.0', '1.2.0', '1.0.0', 'v0.9.0']);
  });

  it('accepts an index with no entries', () => {
    expect(parseIndex('apiVersion: v1\nentries: {}\n', REPO).entries.size).toBe(0);
    expect(parseIndex('apiVersion: v1\n', REPO).entries.size).toBe(0);
  });

  it.each([
    ['empty', '', /is empty/],
    ['blank', ' \n\n', /is empty/],
    ['without apiVersion', 'entries: {}\n', /has no apiVersion/],
    ['a scalar', 'hello', /not a Helm repository index/],
    ['a list', '- a\n- b\n', /not a Helm repository index/],
    ['an HTML page', '<html><body>Not here</body></html>', /HTML page/],
    ['entries as a list', 'apiVersion: v1\nentries: [a]\n', /"entries" is not a mapping/],
  ])('refuses an index that is %s', (_name, text, message) => {
    expect(() => parseIndex(text, REPO)).toThrow(RepoError);
    expect(() => parseIndex(text, REPO)).toThrow(message);
  });

  it('names line and column of a YAML syntax error', () => {
    const text = 'apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: [1.0\n';
    expect(() => parseIndex(text, REPO, 'https://h/index.yaml')).toThrow(
      /https:\/\/h\/index.yaml is not valid YAML at line \d+, column \d+/,
    );
  });

  it('names line and column of a JSON syntax error', () => {
    const text = '{\n  "apiVersion": "v1",\n  "entries": {,}\n}';
    expect(() => parseIndex(text, REPO)).toThrow(/not valid JSON at line 3, column \d+/);
  });

  it('handles Unicode and very long names', () => {
    const long = 'x'.repeat(100_000);
    const text = `apiVersion: v1\nentries:\n  ünï😀:\n  - {name: "ünï😀", version: 1.0.0, description: "日本語\\u0007\\ttab", urls: [a.tgz]}\n  ${long}:\n  - {name: ${long}, version: 1.0.0, urls: [b.tgz]}\n`;
    const index = parseIndex(text, REPO);
    expect(index.entries.get('ünï😀')?.[0]?.description).toBe('日本語 tab');
    expect(index.entries.get(long)?.[0]?.name).toHaveLength(100_000);
    const bad = `apiVersion: v1\nentries:\n  a:\n  - {name: a, version: "${'9'.repeat(5000)}x", urls: [a.tgz]}\n`;
    const warning = parseIndex(bad, REPO).warnings[0];
    expect(warning?.code).toBe('index-entry-bad-version');
    expect(warning?.message.length).toBeLessThan(300);
    expect(String(warning?.params.version).length).toBeLessThan(100);
  });

  it('keeps at most MAX_WARNINGS warnings, and counts the rest', () => {
    const lines = Array.from(
      { length: MAX_WARNINGS + 10 },
      (_, i) => `  - {name: a, version: bad${i}, urls: [a.tgz]}`,
    );
    const seen: Message[] = [];
    const index = parseIndex(`apiVersion: v1\nentries:\n  a:\n${lines.join('\n')}\n`, REPO, REPO, {
      onWarning: (w) => seen.push(w),
    });
    expect(index.warnings).toHaveLength(MAX_WARNINGS + 1);
    expect(index.warnings.at(-1)).toEqual({
      code: 'warnings-left-out',
      params: { count: 10 },
      message: '10 more warnings were left out.',
    });
    expect(seen).toEqual(index.warnings);
  });

  it('tolerates a few aliases', () => {
    const text =
      'apiVersion: v1\nentries:\n  a:\n  - &v {name: a, version: 1.0.0, urls: [a.tgz], keywords: &k [x, y]}\n  b:\n  - {name: b, version: 1.0.0, urls: [b.tgz], keywords: *k}\n';
    const index = parseIndex(text, REPO);
    expect(index.entries.get('b')?.[0]?.keywords).toEqual(['x', 'y']);
  });

  it('parses a classic billion-laughs document quickly, without expanding it', () => {
    const lines = ['apiVersion: v1', 'lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 30; i++) {
      lines.push(`lol${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
    }
    lines.push(
      'entries:',
      '  a: *l30',
      '  b:',
      '  - {name: b, version: 1.0.0, urls: [b.tgz], keywords: *l30}',
    );
    const started = Date.now();
    const index = parseIndex(lines.join('\n'), REPO);
    expect(index.entries.get('b')?.[0]?.keywords).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses an alias bomb made of version lists, quickly', () => {
    const lines = [
      'apiVersion: v1',
      'v: &v {name: a, version: 1.0.0, urls: [a.tgz]}',
      `l: &l [${Array.from({ length: 2000 }, () => '*v').join(', ')}]`,
      'entries:',
    ];
    for (let i = 0; i < 20_000; i++) lines.push(`  c${i}: *l`);
    const started = Date.now();
    expect(() => parseIndex(lines.join('\n'), REPO)).toThrow(/alias bomb/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses an alias bomb through keyword lists, quickly', () => {
    const lines = [
      'apiVersion: v1',
      `k: &k [${Array.from({ length: 5000 }, (_, i) => `w${i}`).join(', ')}]`,
      'entries:',
      '  a:',
    ];
    for (let i = 0; i < 5000; i++)
      lines.push(`  - {name: a, version: 1.0.${i}, urls: [a.tgz], keywords: *k}`);
    const started = Date.now();
    expect(() => parseIndex(lines.join('\n'), REPO)).toThrow(/alias bomb/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('does not expand merge keys (failsafe schema), so a merge bomb is harmless', () => {
    const lines = [
      'apiVersion: v1',
      `m0: &m0 {${Array.from({ length: 200 }, (_, i) => `k${i}: v`).join(', ')}}`,
    ];
    for (let i = 1; i <= 2000; i++) lines.push(`m${i}: &m${i} {<<: [*m${i - 1}, *m0], x${i}: y}`);
    const started = Date.now();
    expect(parseIndex(lines.join('\n'), REPO).entries.size).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses deeply nested documents', () => {
    const text = `apiVersion: v1\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(() => parseIndex(text, REPO)).toThrow(RepoError);
  });

  it('fuzz: any text gives an index or a RepoError, in bounded time', () => {
    const yamlish = fc.stringMatching(/^[a-z0-9:\-\n [\]{}&*"',.#|>!%@`~?]{0,300}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), yamlish), (text) => {
        const started = Date.now();
        try {
          parseIndex(`apiVersion: v1\n${text}`, REPO);
          parseIndex(text, REPO);
        } catch (error) {
          expect(error).toBeInstanceOf(RepoError);
        }
        expect(Date.now() - started).toBeLessThan(1000);
      }),
      { numRuns: 3000 },
    );
  });

  it('fuzz: arbitrary JSON-shaped indexes never crash', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));
    const version = fc.record(
      {
        name: fc.oneof(fc.constantFrom('a', 'b', '', '..'), scalar),
        version: fc.oneof(fc.constantFrom('1.0.0', '2.0.0-rc.1', 'v1', 'x'), scalar),
        urls: fc.oneof(fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.webUrl(), scalar)), scalar),
        keywords: fc.oneof(fc.array(scalar), scalar),
        maintainers: fc.oneof(fc.array(fc.oneof(fc.record({ name: scalar, email: scalar }), scalar)), scalar),
        annotations: fc.oneof(fc.dictionary(fc.string({ maxLength: 10 }), scalar), scalar),
        deprecated: scalar,
      },
      { requiredKeys: [] },
    );
    const index = fc.record(
      {
        apiVersion: fc.oneof(fc.constant('v1'), scalar),
        entries: fc.oneof(
          fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.array(fc.oneof(version, scalar)), scalar)),
          scalar,
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(index, (doc) => {
        try {
          const result = parseIndex(JSON.stringify(doc), REPO);
          for (const versions of result.entries.values()) {
            for (const v of versions) expect(v.urls.length).toBeGreaterThan(0);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(RepoError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseIndex of a large index, chart by chart', () => {
  const generated = generateIndex(2000, 'https://charts.example.com/');

  it.each([
    ['YAML', generated.yaml],
    ['JSON', generated.json],
  ])('%s: gives exactly what reading the whole document gives', (_name, text) => {
    const bytes = Buffer.from(text);
    expect(_name === 'JSON' ? splitJsonIndex(bytes) : splitYamlIndex(bytes)).toBeDefined();
    const split = parseIndex(bytes, REPO);
    const whole = parseIndex(text, REPO, REPO, { split: false });
    expect([...split.entries]).toEqual([...whole.entries]);
    expect(split.entries.size).toBe(generated.charts);
  });

  it.each([
    [
      'an alias across charts',
      (t: string) =>
        t
          .replace('  chart-000-cache:\n', '  chart-000-cache: &c\n')
          .replace(/\n {2}chart-001-\w+:\n[\s\S]*?(?=\n {2}chart-002)/, '\n  chart-001-sql: *c'),
    ],
    ['a repeated chart', (t: string) => t.replace('\n  chart-001-database:', '\n  chart-000-cache:')],
    ['a tab-indented line', (t: string) => t.replace('\n    home:', '\n\t home:')],
    ['two documents', (t: string) => `${t}---\napiVersion: v1\n`],
  ])('falls back to the whole document for %s', (_name, edit) => {
    const text = edit(generated.yaml);
    let whole: unknown;
    try {
      whole = [...parseIndex(text, REPO, REPO, { split: false }).entries];
    } catch (error) {
      whole = error instanceof Error ? error.message : error;
    }
    let split: unknown;
    try {
      split = [...parseIndex(Buffer.from(text), REPO).entries];
    } catch (error) {
      split = error instanceof Error ? error.message : error;
    }
    expect(split).toEqual(whole);
  });

  it('reports a syntax error in one chart with its line, reading the whole document', () => {
    const text = generated.yaml.replace(
      '    home: https://bitnami.com\n',
      '    home: [https://bitnami.com\n',
    );
    expect(() => parseIndex(Buffer.from(text), REPO)).toThrow(/not valid YAML at line \d+, column \d+/);
  });

  it('reads a JSON index whose entries are not first, with escapes in names', () => {
    const doc = {
      generated: 'x',
      entries: { 'a"b': [{ name: 'a"b', version: '1.0.0', urls: ['x.tgz'] }] },
      apiVersion: 'v1',
    };
    const text = JSON.stringify(doc) + ' '.repeat(300 * 1024);
    expect([...parseIndex(Buffer.from(text), REPO).entries.keys()]).toEqual(['a"b']);
  });
});
