import { beforeAll, describe, expect, it } from 'vitest';
import type { PreviewVersion } from '../src/api';
import { DEFAULT_OPTIONS } from '../src/components/options';
import { EMPTY_URL_SOURCE } from '../src/components/source';
import { categoryMapping, effectiveCategory, setCategory, UNCATEGORIZED } from '../src/components/categories';
import { toRows } from '../src/pages/ImportFromRepo/wizard/model';
import { LARGE_PLAN_VERSIONS, planSummary, storedAtMost } from '../src/pages/ImportFromRepo/wizard/plan';
import { jobRequest, reviewRequest } from '../src/pages/ImportFromRepo/wizard/request';
import { stubTranslate } from './support/translate';
import { previewOf } from './support/preview';

beforeAll(() => {
  stubTranslate();
});

const v = (
  version: string,
  action: PreviewVersion['action'],
  patch: Partial<PreviewVersion> = {},
): PreviewVersion => ({
  version,
  action,
  deprecated: false,
  prerelease: false,
  ...patch,
});

describe('planSummary', () => {
  const preview = previewOf([
    {
      name: 'nginx',
      app: 'nginx-a',
      deprecated: false,
      category: 'Networking',
      categorySource: { kind: 'annotation', key: 'artifacthub.io/category' },
      versions: [v('2.0.0', 'create', { size: 2048 }), v('1.0.0', 'exists'), v('0.9.0', 'skip')],
    },
    {
      name: 'big',
      app: 'big-a',
      deprecated: false,
      versions: [v('1.0.0', 'create', { size: 3 * 1024 * 1024, overLimit: true }), v('0.1.0', 'resume')],
    },
    { name: 'done', app: 'done-a', deprecated: false, versions: [v('1.0.0', 'exists')] },
    { name: 'unselected', app: 'u-a', deprecated: false, versions: [v('1.0.0', 'skip')] },
  ]);

  it('lists the charts with something selected, and what happens to their versions', () => {
    const plan = planSummary(preview);
    expect(plan.charts.map((c) => c.name)).toEqual(['nginx', 'big', 'done']);
    expect(plan.charts[0]).toEqual({
      name: 'nginx',
      create: ['2.0.0'],
      exists: 1,
      bytes: 2048,
      storedBytes: 2048,
      unknownSizes: 0,
      overLimit: 0,
      category: 'Networking',
      categorySource: { kind: 'annotation', key: 'artifacthub.io/category' },
      newApp: true,
    });
    expect(plan.charts[1]).toMatchObject({ create: ['1.0.0', '0.1.0'], unknownSizes: 1, overLimit: 1 });
    expect(plan).toMatchObject({
      chartsToImport: 2,
      versionsToCreate: 3,
      versionsExisting: 2,
      bytesToCreate: 2048 + 3 * 1024 * 1024,
      unknownSizes: 1,
      overLimit: 1,
      packageLimitBytes: 1024 * 1024,
      large: false,
    });
  });

  it('counts an over-limit package at most at the limit in etcd: it is slimmed under it, or fails', () => {
    expect(storedAtMost(2048, 1024 * 1024)).toBe(2048);
    expect(storedAtMost(3 * 1024 * 1024, 1024 * 1024)).toBe(1024 * 1024);
    expect(storedAtMost(3 * 1024 * 1024, 0)).toBe(3 * 1024 * 1024);
    const plan = planSummary(preview);
    // nginx's 2 KiB as is, big's 3 MiB package as the 1 MiB limit, the unknown size not at all.
    expect(plan.storedBytes).toBe(2048 + 1024 * 1024);
    expect(plan.charts[1]).toMatchObject({ bytes: 3 * 1024 * 1024, storedBytes: 1024 * 1024 });
    expect(plan.storedBytes).toBeLessThan(plan.bytesToCreate);
  });

  it('takes the packages as they are when the store keeps them in S3 (no limit)', () => {
    const plan = planSummary({ ...preview, packageLimitBytes: 0 });
    expect(plan.storedBytes).toBe(2048 + 3 * 1024 * 1024);
    expect(plan.storedBytes).toBe(plan.bytesToCreate);
    expect(plan.packageLimitBytes).toBe(0);
  });

  it('warns above the engine threshold of versions, when they go to etcd', () => {
    const versions = Array.from({ length: LARGE_PLAN_VERSIONS + 1 }, (_, i) => v(`1.0.${i}`, 'create'));
    const many = previewOf([{ name: 'x', app: 'x-a', deprecated: false, versions }]);
    expect(planSummary(many).large).toBe(true);
    expect(planSummary({ ...many, packageLimitBytes: 0 }).large).toBe(false);
    expect(
      planSummary(previewOf([{ name: 'x', app: 'x-a', deprecated: false, versions: versions.slice(1) }]))
        .large,
    ).toBe(false);
  });
});

const rows = toRows(
  previewOf([
    { name: 'nginx', app: 'n', deprecated: false, category: 'Networking', versions: [v('1.0.0', 'create')] },
    { name: 'bare', app: 'b', deprecated: false, versions: [v('1.0.0', 'create')] },
    { name: 'redis', app: 'r', deprecated: false, category: 'Database', versions: [v('1.0.0', 'create')] },
  ]),
);

describe('categories', () => {
  it('defaults to the chart category, else uncategorized', () => {
    const [nginx, bare] = rows;
    if (!nginx || !bare) throw new Error('rows');
    expect(effectiveCategory(nginx, {})).toBe('Networking');
    expect(effectiveCategory(bare, {})).toBe(UNCATEGORIZED);
    expect(effectiveCategory(nginx, { nginx: '  ' })).toBe('Networking');
    expect(effectiveCategory(nginx, { nginx: ' Web ' })).toBe('Web');
  });

  it('sends only selected charts whose category changed', () => {
    const selected = new Set(['nginx', 'bare']);
    expect(categoryMapping({}, rows, selected)).toBeUndefined();
    expect(categoryMapping({ nginx: 'Networking', bare: '' }, rows, selected)).toBeUndefined();
    expect(categoryMapping({ nginx: 'Web', bare: 'Tools', redis: 'Cache' }, rows, selected)).toEqual({
      nginx: 'Web',
      bare: 'Tools',
    });
  });

  it('sets one category for many charts without touching the others', () => {
    const before = { redis: 'Cache' };
    expect(setCategory(before, ['nginx', 'bare'], 'Web')).toEqual({
      redis: 'Cache',
      nginx: 'Web',
      bare: 'Web',
    });
    expect(before).toEqual({ redis: 'Cache' });
  });
});

describe('requests', () => {
  const choices = {
    source: {
      ...EMPTY_URL_SOURCE,
      url: 'https://charts.example.com',
      auth: 'basic' as const,
      username: 'u',
      password: 'p',
    },
    options: { ...DEFAULT_OPTIONS, versions: 'count' as const, count: 2, publish: 'review' as const },
    rows,
    selected: new Set(['nginx', 'redis']),
    categoryRules: undefined,
    overrides: { nginx: 'Web' },
  };

  it('builds the job: source with credentials, selection, charts, categories', () => {
    expect(jobRequest(choices)).toEqual({
      source: { url: 'https://charts.example.com', username: 'u', password: 'p' },
      versions: '2',
      publish: 'review',
      charts: ['nginx', 'redis'],
      categories: { nginx: 'Web' },
    });
  });

  it('previews exactly that job with every size, and no field the preview API refuses', () => {
    const preview = reviewRequest(jobRequest(choices));
    expect(JSON.parse(JSON.stringify(preview))).toEqual({
      source: { url: 'https://charts.example.com', username: 'u', password: 'p' },
      versions: '2',
      charts: ['nginx', 'redis'],
      categories: { nginx: 'Web' },
      sizes: 'selected',
    });
  });

  it('sends the category rules with the job and its preview', () => {
    const categoryRules = [{ category: 'Databases', names: ['*-db'] }];
    const job = jobRequest({ ...choices, categoryRules });
    expect(job.categoryRules).toEqual(categoryRules);
    expect(reviewRequest(job).categoryRules).toEqual(categoryRules);
    expect(jobRequest(choices)).not.toHaveProperty('categoryRules');
  });

  it('carries passCredentials in the job and its preview when ticked, and not otherwise', () => {
    const passing = { ...choices, source: { ...choices.source, passCredentials: true } };
    expect(jobRequest(passing).source).toEqual({
      url: 'https://charts.example.com',
      username: 'u',
      password: 'p',
      passCredentials: true,
    });
    expect(reviewRequest(jobRequest(passing)).source).toMatchObject({ passCredentials: true });
    expect(jobRequest(choices).source).not.toHaveProperty('passCredentials');
    expect(reviewRequest(jobRequest(choices)).source).not.toHaveProperty('passCredentials');
  });
});
