import { describe, expect, it } from 'vitest';

import { parseCliArgs } from './args.js';

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
    });
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
});
