import { describe, expect, it } from 'vitest';

import { USAGE, parseCliArgs } from './args.js';

const base = ['--server', 'http://ks.example', '--repo', 'https://charts.example.com'];

describe('parseCliArgs', () => {
  it('applies the documented defaults', () => {
    expect(parseCliArgs([...base, '--token', 't'], {})).toMatchObject({
      server: 'http://ks.example',
      repo: 'https://charts.example.com',
      auth: { token: 't' },
      versions: { kind: 'latest' },
      publish: 'active',
      dryRun: false,
      json: false,
      concurrency: 4,
      insecureSkipTlsVerify: false,
      plainHttp: false,
      passCredentials: false,
      timeoutSeconds: 120,
      icons: true,
    });
    expect(parseCliArgs([...base, '--token', 't'], {})).not.toHaveProperty('deadlineSeconds');
  });

  it('turns icon storing off with --no-icons, from a repository or a bundle, and not in `bundle`', () => {
    expect(parseCliArgs([...base, '--token', 't', '--no-icons'], {})).toMatchObject({ icons: false });
    const fromBundle = ['--server', 'http://ks.example', '--token', 't', '--bundle', 'b.tgz', '--no-icons'];
    expect(parseCliArgs(fromBundle, {})).toMatchObject({ bundle: 'b.tgz', icons: false });
    expect(() => parseCliArgs([...base, '--token', 't', '--no-icons=yes'], {})).toThrow(/see --help/);
    expect(() =>
      parseCliArgs(['bundle', '--repo', 'https://charts.example.com', '--output', 'b.tgz', '--no-icons'], {}),
    ).toThrow(/--no-icons is a flag of an import/);
    expect(USAGE).toMatch(/^ {2}--no-icons {2,}do not fetch and store each new app's icon/m);
  });

  it('refuses --verify require with --bundle, which carries no signatures; warn is taken', () => {
    const fromBundle = [
      '--server',
      'http://ks.example',
      '--token',
      't',
      '--bundle',
      'b.tgz',
      '--keyring',
      'k.asc',
    ];
    expect(() => parseCliArgs([...fromBundle, '--verify', 'require'], {})).toThrow(
      /--verify require cannot be met with --bundle: a bundle carries no signatures/,
    );
    expect(parseCliArgs([...fromBundle, '--verify', 'warn'], {})).toMatchObject({
      verify: { policy: 'warn' },
    });
  });

  it('takes --category-rules FILE for an import, from a repository or a bundle, and not in `bundle`', () => {
    expect(parseCliArgs([...base, '--token', 't'], {})).not.toHaveProperty('categoryRules');
    expect(parseCliArgs([...base, '--token', 't', '--category-rules', 'rules.yaml'], {})).toMatchObject({
      categoryRules: 'rules.yaml',
    });
    const fromBundle = ['--server', 'http://ks.example', '--token', 't', '--bundle', 'b.tgz'];
    expect(parseCliArgs([...fromBundle, '--category-rules', 'r.json'], {})).toMatchObject({
      bundle: 'b.tgz',
      categoryRules: 'r.json',
    });
    expect(() =>
      parseCliArgs(
        ['bundle', '--repo', 'https://charts.example.com', '--output', 'b.tgz', '--category-rules', 'r.yaml'],
        {},
      ),
    ).toThrow(/--category-rules is a flag of an import/);
    expect(() => parseCliArgs([...base, '--token', 't', '--category-rules'], {})).toThrow(/see --help/);
    expect(USAGE).toMatch(/^ {2}--category-rules FILE {2,}YAML or JSON file of rules/m);
  });

  it('takes --adopt for an import, from a repository or a bundle, and not in `bundle`', () => {
    expect(parseCliArgs([...base, '--token', 't'], {})).not.toHaveProperty('adopt');
    expect(parseCliArgs([...base, '--token', 't', '--adopt'], {})).toMatchObject({ adopt: true });
    const fromBundle = ['--server', 'http://ks.example', '--token', 't', '--bundle', 'b.tgz', '--adopt'];
    expect(parseCliArgs(fromBundle, {})).toMatchObject({ bundle: 'b.tgz', adopt: true });
    expect(() =>
      parseCliArgs(['bundle', '--repo', 'https://charts.example.com', '--output', 'b.tgz', '--adopt'], {}),
    ).toThrow(/--adopt is a flag of an import/);
    expect(USAGE).toMatch(/^ {2}--adopt {2,}a chart without an app of this/m);
  });

  it('reads the token from KS_TOKEN and the repo password from REPO_PASSWORD', () => {
    const config = parseCliArgs([...base, '--repo-username', 'u'], {
      KS_TOKEN: 'env-token',
      REPO_PASSWORD: 'pw',
    });
    expect(config).toMatchObject({ auth: { token: 'env-token' }, repoUsername: 'u', repoPassword: 'pw' });
  });

  it('parses every flag', () => {
    const config = parseCliArgs(
      [
        ...base,
        '--username',
        'admin',
        '--password',
        'P@88w0rd',
        '--versions',
        '3',
        '--charts',
        'a, b',
        '--workspace',
        'ws-1',
        '--publish',
        'review',
        '--dry-run',
        '--json',
        '--concurrency',
        '8',
        '--ca-file',
        '/tmp/ca.pem',
        '--insecure-skip-tls-verify',
        '--include-deprecated',
        '--timeout',
        '15',
        '--deadline',
        '600',
        '--pass-credentials',
      ],
      {},
    );
    expect(config).toMatchObject({
      auth: { username: 'admin', password: 'P@88w0rd' },
      versions: { kind: 'newest', count: 3 },
      charts: ['a', 'b'],
      workspace: 'ws-1',
      publish: 'review',
      dryRun: true,
      json: true,
      concurrency: 8,
      caFile: '/tmp/ca.pem',
      insecureSkipTlsVerify: true,
      includeDeprecated: true,
      timeoutSeconds: 15,
      deadlineSeconds: 600,
      passCredentials: true,
    });
  });

  it('ignores a REPO_PASSWORD left in the environment of a run without --repo-username', () => {
    const config = parseCliArgs([...base, '--token', 't'], { REPO_PASSWORD: 'stray-secret' });
    expect(config).not.toHaveProperty('repoPassword', 'stray-secret');
    expect(JSON.stringify(config)).not.toContain('stray-secret');
  });

  it('takes --cert-file and --key-file together, and refuses one without the other', () => {
    const both = ['--cert-file', '/tmp/client.pem', '--key-file', '/tmp/client.key'];
    expect(parseCliArgs([...base, '--token', 't', ...both], {})).toMatchObject({
      certFile: '/tmp/client.pem',
      keyFile: '/tmp/client.key',
    });
    for (const half of [both.slice(0, 2), both.slice(2)]) {
      expect(() => parseCliArgs([...base, '--token', 't', ...half], {})).toThrow(
        '--cert-file and --key-file go together',
      );
    }
    expect(USAGE).toMatch(/--cert-file FILE +PEM client certificate/);
    expect(USAGE).toMatch(/--key-file FILE +PEM unencrypted private key/);
  });

  it('prefers --repo-password over REPO_PASSWORD, and refuses --repo-password alone', () => {
    const env = { REPO_PASSWORD: 'env-pw' };
    const argv = [...base, '--token', 't', '--repo-username', 'u', '--repo-password', 'flag-pw'];
    expect(parseCliArgs(argv, env)).toMatchObject({ repoUsername: 'u', repoPassword: 'flag-pw' });
    expect(() => parseCliArgs([...base, '--token', 't', '--repo-password', 'p'], env)).toThrow(
      '--repo-password needs --repo-username',
    );
  });

  it.each([
    'https://user:s3cret@exa mple.com/charts',
    'https://user:s3cret@[bad/',
    'https://user:s3/cret@[bad/',
    'user:s3cret@[bad',
    'https://user:s3cret@host/charts',
  ])('never echoes the password of a malformed --repo %s', (repo) => {
    const run = () => parseCliArgs(['--server', 'http://ks', '--repo', repo, '--token', 't'], {});
    expect(run).toThrow(/--repo must/);
    expect(run).not.toThrow(/s3|cret/);
  });

  // Number() would read these as 10, 16, 4, 8...: every integer flag takes decimal digits only.
  const notDecimal = ['1e1', '0x10', '4.0', '+4', '-1', ' 8', '8 ', '', '0b11', 'Infinity', '1_000'];
  it.each([
    ['--concurrency', 1, 32],
    ['--timeout', 1, 3600],
    ['--deadline', 1, 604800],
  ])('%s takes whole numbers from %i to %i in decimal digits only', (flag, min, max) => {
    // `--flag=value`: parseArgs itself refuses `--flag -1` before our parser sees it.
    const parse = (value: string) => parseCliArgs([...base, '--token', 't', `${flag}=${value}`], {});
    const range = new RegExp(`^${flag} must be a whole number from ${min} to ${max} in decimal digits`);
    for (const value of [...notDecimal, String(min - 1), String(max + 1), '99999999999999999999'])
      expect(() => parse(value), value).toThrow(range);
    expect(() => parse('1e1')).toThrow(`not "1e1"`);
    const key = {
      '--concurrency': 'concurrency',
      '--timeout': 'timeoutSeconds',
      '--deadline': 'deadlineSeconds',
    }[flag];
    expect(parse(String(max))).toHaveProperty(key ?? '', max);
    expect(parse(String(min))).toHaveProperty(key ?? '', min);
  });

  it('--versions N takes decimal digits only, with the range in the error', () => {
    for (const value of [...notDecimal, '0', '1000001'])
      expect(() => parseCliArgs([...base, '--token', 't', `--versions=${value}`], {}), value).toThrow(
        /--versions must be latest, all or a positive number \(1 to 1000000 in decimal digits\)/,
      );
    expect(parseCliArgs([...base, '--token', 't', '--versions', '12'], {})).toMatchObject({
      versions: { kind: 'newest', count: 12 },
    });
  });

  it.each([
    [['--repo', 'https://x'], /--server is required/],
    [['--server', 'http://ks'], /--repo is required/],
    [base, /no identity/],
    [[...base, '--token', 't', '--versions', '0'], /--versions must be latest, all or a positive number/],
    [[...base, '--token', 't', '--publish', 'live'], /--publish must be active, review or draft/],
    [[...base, '--token', 't', '--concurrency', '100'], /--concurrency must be a whole number from 1 to 32/],
    [[...base, '--token', 't', '--charts', ','], /--charts needs at least one chart name/],
    [[...base, '--token', 't', '--workspace', 'Bad_WS'], /--workspace must be a workspace name/],
    [[...base, '--token', 't', '--bogus'], /Unknown option '--bogus'/],
    [
      ['--server', 'ftp://ks', '--repo', 'https://x', '--token', 't'],
      /--server must start with http:\/\/ or https:\/\//,
    ],
    [['--server', 'http://ks', '--repo', 'https://u:p@x', '--token', 't'], /must not carry credentials/],
    [[...base, '--username', 'u'], /--username and --password go together/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv, {})).toThrow(message);
  });

  it('asks for the usage when run without arguments, and for help with --help or -h', () => {
    expect(parseCliArgs([], { KS_TOKEN: 't' })).toBe('usage');
    expect(parseCliArgs(['--help'], {})).toBe('help');
    expect(parseCliArgs(['-h'], {})).toBe('help');
  });
});

describe('USAGE', () => {
  const lines = USAGE.split('\n');
  const flagLines = lines.filter((line) => /^ {2}-/.test(line));
  /** Where a flag line's description starts: after the flag and at least two spaces. */
  const descriptionColumn = (line: string): number => /^ {2}\S+(?: \S+)*? {2,}/.exec(line)?.[0].length ?? -1;

  it('starts every description in one column, after the longest flag too', () => {
    const columns = new Set(flagLines.map(descriptionColumn));
    expect(columns.size, [...columns].join(', ')).toBe(1);
    const [column] = columns;
    expect(column).toBe('  --repo-username U --repo-password P  '.length);
  });

  it('indents wrapped descriptions to that column and keeps lines within 100 characters', () => {
    const column = descriptionColumn(flagLines[0] ?? '');
    const first = lines.findIndex((line) => /^ {2}-/.test(line));
    const last = lines.findLastIndex((line) => /^ {2}-/.test(line));
    const continuations = lines.slice(first, last + 1).filter((line) => !/^ {2}-/.test(line));
    expect(continuations.length).toBeGreaterThan(0);
    for (const line of continuations) expect(line).toMatch(new RegExp(`^ {${column}}\\S`));
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it('lists every flag the parser takes', () => {
    for (const flag of ['--server', '--repo-password', '--pass-credentials', '--deadline', '--help'])
      expect(USAGE).toContain(flag);
  });
});

describe('offline bundles', () => {
  const bundleArgs = ['bundle', '--repo', 'https://charts.example.com', '--output', 'b.tgz'];

  it('parses `bundle` with the selection and repository flags of an import', () => {
    expect(
      parseCliArgs(
        [...bundleArgs, '--versions', '3', '--charts', 'a,b', '--images', '--ca-file', 'ca.pem'],
        {},
      ),
    ).toEqual({
      command: 'bundle',
      repo: 'https://charts.example.com',
      versions: { kind: 'newest', count: 3 },
      charts: ['a', 'b'],
      includeDeprecated: false,
      json: false,
      output: 'b.tgz',
      images: true,
      repoUsername: undefined,
      repoPassword: undefined,
      caFile: 'ca.pem',
      certFile: undefined,
      keyFile: undefined,
      insecureSkipTlsVerify: false,
      plainHttp: false,
      passCredentials: false,
      timeoutSeconds: 120,
    });
    expect(parseCliArgs(bundleArgs, {})).toMatchObject({ versions: { kind: 'latest' } });
  });

  it('refuses `bundle` without --repo or --output, or with a flag of an import', () => {
    expect(() => parseCliArgs(['bundle', '--output', 'b.tgz'], {})).toThrow(/--repo is required/);
    expect(() => parseCliArgs(['bundle', '--repo', 'https://c.example'], {})).toThrow(/--output is required/);
    for (const flag of [['--server', 'http://ks'], ['--token', 't'], ['--dry-run'], ['--publish', 'draft']])
      expect(() => parseCliArgs([...bundleArgs, ...flag], {})).toThrow(/is a flag of an import/);
  });

  it('imports --bundle with every version it holds by default, and no repository flag', () => {
    const config = parseCliArgs(['--server', 'http://ks.example', '--token', 't', '--bundle', 'b.tgz'], {});
    expect(config).toMatchObject({ bundle: 'b.tgz', versions: { kind: 'all' }, publish: 'active' });
    expect(config).not.toHaveProperty('repo');
    const withBundle = ['--server', 'http://ks.example', '--token', 't', '--bundle', 'b.tgz'];
    expect(() => parseCliArgs([...withBundle, '--repo', 'https://c.example'], {})).toThrow(
      /--repo and --bundle/,
    );
    expect(() => parseCliArgs([...withBundle, '--ca-file', 'ca.pem'], {})).toThrow(
      /--ca-file does not apply with --bundle/,
    );
    expect(() => parseCliArgs([...base, '--token', 't', '--output', 'x'], {})).toThrow(
      /--output is a flag of/,
    );
    expect(() => parseCliArgs([...base, '--token', 't', '--images'], {})).toThrow(/--images is a flag of/);
  });
});
