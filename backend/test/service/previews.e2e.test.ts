// POST /previews end to end: package sizes looked up on the real repository servers (HEAD, with
// the repository's credentials), the store's 1 MiB limit on a real over-size chart, unknown sizes
// when the outbound policy refuses a package host, category mapping, and request validation.
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import type { RepoPreview } from '../../src/contract/index.js';
import { schemaValidator } from '../../src/service/validation.js';
import { startServer } from '../support/servers.js';
import { REPO_PASSWORD, REPO_USER, useServiceHarness } from './support.js';

const CHARTS = [
  { name: 'alpha', version: '0.1.0', annotations: { 'app.kubesphere.io/category': 'Database' } },
  { name: 'alpha', version: '0.2.0', annotations: { 'app.kubesphere.io/category': 'Database' } },
  { name: 'beta', version: '1.0.0' },
  // Incompressible bytes: its package is over KubeSphere's 1 MiB limit without S3.
  { name: 'big', version: '1.0.0', files: { 'files/blob.bin': randomBytes(1_200_000) } },
];

describe('previews', () => {
  const h = useServiceHarness({ charts: CHARTS });
  const size = (chart: string, version: string) => statSync(join(h.repo.dir, `${chart}-${version}.tgz`)).size;
  const preview = async (body: Record<string, unknown>) => {
    const response = await h.api('POST', '/previews', { body });
    expect(response.status, response.text).toBe(200);
    const validate = schemaValidator('RepoPreview');
    expect(validate(response.body), JSON.stringify(validate.errors)).toBe(true);
    return response.body as RepoPreview;
  };
  const chart = (result: RepoPreview, name: string) => result.charts.find((entry) => entry.name === name);

  it("gives each chart's size from a HEAD, flags the one over the store's 1 MiB, and downloads nothing", async () => {
    const requestsBefore = h.repo.requests.length;
    const result = await preview({ source: { url: h.repo.url } });
    expect(result.packageLimitBytes).toBe(1_048_576);
    expect(chart(result, 'alpha')).toMatchObject({
      latestVersion: '0.2.0',
      size: size('alpha', '0.2.0'),
      overLimit: false,
    });
    expect(chart(result, 'beta')).toMatchObject({ size: size('beta', '1.0.0'), overLimit: false });
    expect(size('big', '1.0.0')).toBeGreaterThan(1_048_576);
    expect(chart(result, 'big')).toMatchObject({ size: size('big', '1.0.0'), overLimit: true });
    expect(chart(result, 'big')?.versions[0]).toMatchObject({
      action: 'create',
      size: size('big', '1.0.0'),
      overLimit: true,
    });
    expect(result.totals).toEqual({
      charts: 3,
      versions: 4,
      selected: 3,
      toCreate: 3,
      inStore: 0,
      bytesToCreate: size('alpha', '0.2.0') + size('beta', '1.0.0') + size('big', '1.0.0'),
      unknownSizes: 0,
      overLimit: 1,
    });
    const packageRequests = h.repo.requests.slice(requestsBefore).filter((r) => r.url.endsWith('.tgz'));
    expect(packageRequests.map((r) => r.method).sort()).toEqual(['HEAD', 'HEAD', 'HEAD']);
  });

  it('sizes every version an import would upload with sizes "selected", and none with "none"', async () => {
    const selected = await preview({ source: { url: h.repo.url }, versions: 'all', sizes: 'selected' });
    expect(chart(selected, 'alpha')?.versions.map((v) => [v.version, v.size])).toEqual([
      ['0.2.0', size('alpha', '0.2.0')],
      ['0.1.0', size('alpha', '0.1.0')],
    ]);
    expect(selected.totals).toMatchObject({
      toCreate: 4,
      unknownSizes: 0,
      overLimit: 1,
      bytesToCreate: ['alpha 0.1.0', 'alpha 0.2.0', 'beta 1.0.0', 'big 1.0.0']
        .map((entry) => size(...(entry.split(' ') as [string, string])))
        .reduce((sum, bytes) => sum + bytes, 0),
    });
    const none = await preview({ source: { url: h.repo.url }, versions: 'all', sizes: 'none' });
    expect(none.charts.every((entry) => entry.size === undefined && entry.overLimit === undefined)).toBe(
      true,
    );
    expect(none.totals).toMatchObject({ toCreate: 4, bytesToCreate: 0, unknownSizes: 4, overLimit: 0 });
  });

  it('asks a private repository for sizes with its credentials', async () => {
    const result = await preview({
      source: { url: h.privateRepo.url, username: REPO_USER, password: REPO_PASSWORD },
    });
    expect(chart(result, 'beta')?.size).toBe(size('beta', '1.0.0'));
    const heads = h.privateRepo.requests.filter((r) => r.method === 'HEAD');
    expect(heads.length).toBe(3);
    for (const head of heads) expect(head.headers.authorization).toMatch(/^Basic /);
  });

  it('says there is no limit when the store keeps packages in S3 (STORE_PACKAGE_LIMIT_BYTES=0)', async () => {
    h.config.storePackageLimitBytes = 0;
    const result = await preview({ source: { url: h.repo.url } });
    expect(result.packageLimitBytes).toBe(0);
    expect(chart(result, 'big')).toMatchObject({ size: size('big', '1.0.0'), overLimit: false });
    expect(result.totals.overLimit).toBe(0);
  });

  it('leaves a size unknown, with a warning, when the outbound policy refuses the package host', async () => {
    const index = [
      'apiVersion: v1',
      'entries:',
      '  inside:',
      '  - name: inside',
      '    version: 1.0.0',
      '    urls: [http://10.96.0.10/inside-1.0.0.tgz]',
      '  here:',
      '  - name: here',
      '    version: 1.0.0',
      '    urls: [here-1.0.0.tgz]',
      '',
    ].join('\n');
    const server = await startServer((req, res) => {
      if (req.url === '/index.yaml') res.end(index);
      else res.writeHead(200, { 'content-length': 321 }).end();
    });
    try {
      const result = await preview({ source: { url: server.origin } });
      expect(chart(result, 'here')?.size).toBe(321);
      expect(chart(result, 'inside')).not.toHaveProperty('size');
      expect(result.totals).toMatchObject({ toCreate: 2, bytesToCreate: 321, unknownSizes: 1 });
      expect(result.warnings).toEqual([
        {
          code: 'sizes-lookups-failed',
          params: { count: 1, first: expect.stringMatching(/^inside 1\.0\.0: .*10\.96\.0\.10/) as string },
          message: expect.stringMatching(
            /^Package sizes: 1 lookup failed, its size is unknown \(first: inside 1\.0\.0: .*10\.96\.0\.10/,
          ) as string,
        },
      ]);
    } finally {
      await server.close();
    }
  });

  it('sends OCI credentials to a token service on another host only with passCredentials', async () => {
    const tokens = await startServer((_req, res) => res.end(JSON.stringify({ token: 'anon' })));
    const registry = await startServer((req, res) => {
      if (req.headers.authorization === 'Bearer anon') res.end(JSON.stringify({ tags: [] }));
      else res.writeHead(401, { 'www-authenticate': `Bearer realm="${tokens.origin}/token"` }).end();
    });
    const source = {
      url: `oci://127.0.0.1:${String(registry.port)}/charts/demo`,
      plainHttp: true,
      username: REPO_USER,
      password: REPO_PASSWORD,
    };
    try {
      const refused = await h.api('POST', '/previews', { body: { source } });
      expect(refused.status, refused.text).toBe(422);
      expect((refused.body as { message: string }).message).toMatch(/another host .*passCredentials/);
      expect(refused.body).toMatchObject({
        reason: 'RepoUnreadable',
        failure: { target: 'repository', kind: 'credentials-other-host' },
      });
      expect(refused.text).not.toContain(REPO_PASSWORD);
      expect(tokens.requests).toEqual([]);
      await preview({ source: { ...source, passCredentials: true } });
      expect(tokens.requests.map((r) => r.headers.authorization)).toEqual([
        `Basic ${Buffer.from(`${REPO_USER}:${REPO_PASSWORD}`).toString('base64')}`,
      ]);
    } finally {
      await Promise.all([tokens.close(), registry.close()]);
    }
  });

  it('shows the category each chart goes to with a mapping', async () => {
    const result = await preview({
      source: { url: h.repo.url },
      categories: { alpha: 'Web', beta: 'Tools' },
    });
    expect(result.charts.map((entry) => [entry.name, entry.category])).toEqual([
      ['alpha', 'Web'],
      ['beta', 'Tools'],
      ['big', undefined],
    ]);
  });

  it('refuses bad sizes and category mappings, naming what is wrong', async () => {
    const many = Object.fromEntries(Array.from({ length: 1001 }, (_v, i) => [`chart-${i}`, 'Web']));
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ sizes: 'all' }, /^body\.sizes must be equal to one of the allowed values/],
      [
        { categories: { 'bad name': 'Web' } },
        /^body\.categories has an invalid key "bad name": a chart name/,
      ],
      [{ categories: { alpha: '' } }, /^body\.categories\.alpha must NOT have fewer than 1 characters/],
      [
        { categories: { alpha: ' Web' } },
        /^body\.categories\.alpha is invalid: a category name of 1 to 64 characters/,
      ],
      [
        { categories: { alpha: 'x'.repeat(65) } },
        /^body\.categories\.alpha must NOT have more than 64 characters/,
      ],
      [{ categories: { alpha: 7 } }, /^body\.categories\.alpha must be string/],
      [{ categories: many }, /^body\.categories must NOT have more than 1000 properties/],
    ];
    for (const [fields, message] of cases) {
      const response = await h.api('POST', '/previews', { body: { source: { url: h.repo.url }, ...fields } });
      expect(response.status, JSON.stringify(fields).slice(0, 100)).toBe(400);
      expect((response.body as { message: string }).message).toMatch(message);
    }
  });
});
