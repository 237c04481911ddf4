// POST /previews/chart end to end: a chart version's details read from its real helm-built package
// on a repository served on 127.0.0.1 (plain and with basic auth), README and values cut at the
// bound, the download cap of imports, missing charts and versions, and request validation.
import { statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import type { ChartDetails, Status } from '../../src/contract/index.js';
import { schemaValidator } from '../../src/service/validation.js';
import type { ChartSpec } from '../support/charts.js';
import { REPO_PASSWORD, REPO_USER, useServiceHarness } from './support.js';

const KIB = 1024;

/** A full Chart.yaml: every field the details show; its dependency is vendored so helm packages it. */
function shopChartYaml(version: string): string {
  return [
    'apiVersion: v2',
    'name: shop',
    `version: ${version}`,
    'appVersion: "2.4.1"',
    'description: An online shop',
    'type: application',
    'kubeVersion: ">=1.22.0-0"',
    'home: https://shop.example.com',
    'icon: https://shop.example.com/icon.svg',
    'sources:',
    '  - https://github.com/example/shop',
    'keywords: [shop, web]',
    'maintainers:',
    '  - name: Ann Example',
    '    email: ann@example.com',
    '    url: https://example.com/ann',
    'dependencies:',
    '  - name: cache',
    '    version: 1.x.x',
    '    repository: https://charts.example.com',
    '    condition: cache.enabled',
    '',
  ].join('\n');
}

const README = '# Shop\n\nAn **online shop**.\n\n| key | default |\n| --- | --- |\n| replicas | 1 |\n';
const vendoredCache = { 'charts/cache/Chart.yaml': 'apiVersion: v2\nname: cache\nversion: 1.0.0\n' };
/** 300 KiB of text, over the 256 KiB bound. */
const LONG_TEXT = '# a line of text to make the file long\n'
  .repeat(Math.ceil((300 * KIB) / 39))
  .slice(0, 300 * KIB);

const CHARTS: ChartSpec[] = [
  { name: 'shop', version: '1.0.0', files: { 'Chart.yaml': shopChartYaml('1.0.0'), ...vendoredCache } },
  {
    name: 'shop',
    version: '1.1.0',
    files: {
      'Chart.yaml': shopChartYaml('1.1.0'),
      ...vendoredCache,
      'README.md': README,
      'values.schema.json': '{"type": "object"}',
    },
  },
  { name: 'long', version: '1.0.0', files: { 'README.md': LONG_TEXT, 'values.yaml': LONG_TEXT } },
  // Incompressible bytes: its package is over a download cap of 1,000,000 bytes.
  { name: 'big', version: '1.0.0', files: { 'files/blob.bin': randomBytes(1_200_000) } },
];

describe('chart details', () => {
  const h = useServiceHarness({ charts: CHARTS });
  const packageSize = (chart: string, version: string) =>
    statSync(join(h.repo.dir, `${chart}-${version}.tgz`)).size;
  const details = async (body: Record<string, unknown>) => {
    const response = await h.api('POST', '/previews/chart', { body });
    expect(response.status, response.text).toBe(200);
    const validate = schemaValidator('ChartDetails');
    expect(validate(response.body), JSON.stringify(validate.errors)).toBe(true);
    return response.body as ChartDetails;
  };
  const refused = async (body: Record<string, unknown>, status: number) => {
    const response = await h.api('POST', '/previews/chart', { body });
    expect(response.status, response.text).toBe(status);
    return response.body as Status;
  };

  it("answers a version's Chart.yaml, README, values and schema, downloading only its package", async () => {
    const before = h.repo.requests.length;
    const result = await details({ source: { url: h.repo.url }, chart: 'shop', version: '1.1.0' });
    expect(result).toMatchObject({
      chart: 'shop',
      version: '1.1.0',
      size: packageSize('shop', '1.1.0'),
      hasValuesSchema: true,
      maxTextBytes: 256 * KIB,
      warnings: [],
      readme: { path: 'README.md', content: README, size: README.length, truncated: false },
    });
    expect(result.metadata).toEqual({
      apiVersion: 'v2',
      name: 'shop',
      version: '1.1.0',
      appVersion: '2.4.1',
      description: 'An online shop',
      type: 'application',
      kubeVersion: '>=1.22.0-0',
      home: 'https://shop.example.com',
      icon: 'https://shop.example.com/icon.svg',
      deprecated: false,
      sources: ['https://github.com/example/shop'],
      keywords: ['shop', 'web'],
      maintainers: [{ name: 'Ann Example', email: 'ann@example.com', url: 'https://example.com/ann' }],
      dependencies: [
        {
          name: 'cache',
          version: '1.x.x',
          repository: 'https://charts.example.com',
          condition: 'cache.enabled',
        },
      ],
    });
    // helm create's values.yaml, whole.
    expect(result.values?.content).toMatch(/^# Default values for shop\./);
    expect(result.values?.truncated).toBe(false);
    expect(result.values?.content.length).toBe(result.values?.size);
    const seen = h.repo.requests.slice(before).map((r) => `${r.method} ${r.url}`);
    expect(seen).toEqual(['GET /index.yaml', 'GET /shop-1.1.0.tgz']);
  });

  it('reads the version asked for: an older one without README or schema', async () => {
    const result = await details({ source: { url: h.repo.url }, chart: 'shop', version: '1.0.0' });
    expect(result).toMatchObject({
      version: '1.0.0',
      hasValuesSchema: false,
      size: packageSize('shop', '1.0.0'),
    });
    expect(result.metadata.version).toBe('1.0.0');
    expect(result).not.toHaveProperty('readme');
  });

  it('cuts the README and values.yaml at 256 KiB and says so', async () => {
    const result = await details({ source: { url: h.repo.url }, chart: 'long', version: '1.0.0' });
    for (const text of [result.readme, result.values]) {
      expect(text).toMatchObject({ size: 300 * KIB, truncated: true });
      expect(text?.content).toBe(LONG_TEXT.slice(0, 256 * KIB));
    }
  });

  it("refuses a package over the import's download cap (MAX_PACKAGE_BYTES), naming the limit", async () => {
    h.repos.maxPackageBytes = 1_000_000;
    expect(packageSize('big', '1.0.0')).toBeGreaterThan(1_000_000);
    const body = await refused({ source: { url: h.repo.url }, chart: 'big', version: '1.0.0' }, 422);
    expect(body).toMatchObject({
      reason: 'RepoUnreadable',
      failure: { target: 'repository', kind: 'too-large' },
    });
    expect(body.message).toMatch(/the chart big 1\.0\.0 .*over the limit of 1000000 bytes/);
    // A package under the cap still reads.
    await details({ source: { url: h.repo.url }, chart: 'shop', version: '1.1.0' });
  });

  it('answers 404 naming the versions there are for a missing version, and for a missing chart', async () => {
    const version = await refused({ source: { url: h.repo.url }, chart: 'shop', version: '9.9.9' }, 404);
    expect(version.reason).toBe('NotFound');
    expect(version.message).toBe(
      'the repository has no version "9.9.9" of the chart "shop": it lists 1.1.0, 1.0.0; pick one of these',
    );
    const chart = await refused({ source: { url: h.repo.url }, chart: 'nothing', version: '1.0.0' }, 404);
    expect(chart.message).toMatch(/^the repository has no chart "nothing"/);
    expect(h.repo.requests.some((r) => r.url.includes('9.9.9') || r.url.includes('nothing'))).toBe(false);
  });

  it("reads a private repository with its credentials, sent to the repository's origin", async () => {
    const before = h.privateRepo.requests.length;
    const result = await details({
      source: { url: h.privateRepo.url, username: REPO_USER, password: REPO_PASSWORD },
      chart: 'shop',
      version: '1.1.0',
    });
    expect(result.readme?.content).toBe(README);
    const seen = h.privateRepo.requests.slice(before);
    expect(seen.map((r) => r.url)).toEqual(['/index.yaml', '/shop-1.1.0.tgz']);
    for (const request of seen) expect(request.headers.authorization).toMatch(/^Basic /);

    const response = await h.api('POST', '/previews/chart', {
      body: {
        source: { url: h.privateRepo.url, username: REPO_USER, password: 'wrong-password-1' },
        chart: 'shop',
        version: '1.1.0',
      },
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ failure: { target: 'repository', kind: 'unauthorized' } });
    expect(response.text).not.toContain('wrong-password-1');
    expect(h.logs.join('\n')).not.toContain(REPO_PASSWORD);
  });

  it('reads a Helm repository configured in KubeSphere, with the credentials KubeSphere keeps', async () => {
    const created = await fetch(`${h.emulator.url}/kapis/application.kubesphere.io/v2/repos`, {
      method: 'POST',
      headers: { Authorization: 'Bearer emulator-admin-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        metadata: { name: 'private-charts', labels: { 'kubesphere.io/workspace': 'system-workspace' } },
        spec: { url: h.privateRepo.url.replace('http://', `http://${REPO_USER}:${REPO_PASSWORD}@`) },
      }),
    });
    expect(created.status).toBe(200);
    const result = await details({
      source: { repo: { name: 'private-charts' } },
      chart: 'shop',
      version: '1.1.0',
    });
    expect(result.readme?.content).toBe(README);
    expect(JSON.stringify(result)).not.toContain(REPO_PASSWORD);
    const missing = await refused(
      { source: { repo: { name: 'no-such-repo' } }, chart: 'shop', version: '1.1.0' },
      404,
    );
    expect(missing.reason).toBe('NotFound');
  });

  it('refuses bad bodies naming the field, and callers KubeSphere does not know', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ source: { url: h.repo.url }, chart: 'shop' }, /^body\.version is required/],
      [
        { source: { url: h.repo.url }, chart: '../x', version: '1.0.0' },
        /^body\.chart is invalid: a chart name as the repository lists it/,
      ],
      [
        { source: { url: h.repo.url }, chart: 'shop', version: '1 0' },
        /^body\.version is invalid: a version as the repository lists it \(no spaces\)/,
      ],
      [
        { source: { url: h.repo.url }, chart: 'shop', version: '1.0.0', extra: 1 },
        /^body\.extra is not a known field/,
      ],
    ];
    for (const [body, message] of cases) {
      const answer = await refused(body, 400);
      expect(answer.message, JSON.stringify(body)).toMatch(message);
    }
    const anonymous = await h.api('POST', '/previews/chart', {
      token: null,
      body: { source: { url: h.repo.url }, chart: 'shop', version: '1.1.0' },
    });
    expect(anonymous.status).toBe(401);
    // A token KubeSphere does not know: the access check (the right to read the App Store) refuses it
    // before any repository is read.
    const before = h.repo.requests.length;
    const unknown = await h.api('POST', '/previews/chart', {
      token: 'not-a-kubesphere-token',
      body: { source: { url: h.repo.url }, chart: 'shop', version: '1.1.0' },
    });
    expect(unknown.status).toBe(401);
    expect(h.repo.requests.length).toBe(before);
  });
});
