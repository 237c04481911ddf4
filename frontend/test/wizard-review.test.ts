// The review's statements, in English and Chinese: target, publish mode in words, versions,
// deprecated charts, what is new, the categories created, and where the packages go (etcd with a
// true bound, or S3), and the typed confirmation of a large plan.
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { PreviewChart, PreviewVersion, StoreCategory } from '../src/api';
import { LARGE_PLAN_VERSIONS, planSummary } from '../src/pages/ImportFromRepo/wizard/plan';
import {
  categoriesToCreate,
  largePlanConfirmed,
  reviewStatements,
  type ReviewChoices,
} from '../src/pages/ImportFromRepo/wizard/review';
import { previewOf } from './support/preview';
import { stubTranslate } from './support/translate';

afterAll(() => {
  vi.unstubAllGlobals();
});

const KIB = 1024;
const v = (version: string, action: PreviewVersion['action'], size?: number): PreviewVersion => ({
  version,
  action,
  deprecated: false,
  prerelease: false,
  ...(size === undefined ? {} : { size }),
});
const chart = (
  name: string,
  versions: PreviewVersion[],
  patch: Partial<PreviewChart> = {},
): PreviewChart => ({
  name,
  app: `${name}-a`,
  categorySource: { kind: 'none' },
  deprecated: false,
  versions,
  ...patch,
});

// nginx: a new app, 2 versions; redis: in the store, 1 more version, 1 there; etcd: in the store, nothing new.
const preview = previewOf([
  chart('nginx', [v('2.0.0', 'create', 200 * KIB), v('1.0.0', 'create', 100 * KIB)], {
    category: 'Web Proxies',
  }),
  chart('redis', [v('7.0.0', 'create', 300 * KIB), v('6.0.0', 'exists')], {
    appState: 'active',
    category: 'database',
  }),
  chart('etcd', [v('3.5.0', 'exists')], { appState: 'active', category: 'Coordination' }),
  chart('tools', [v('0.1.0', 'skip')], { category: 'Never Selected' }),
]);
const store: StoreCategory[] = [
  { name: 'ctg-database', displayName: 'Database' },
  { name: 'kubesphere-app-uncategorized', displayName: 'Uncategorized' },
];
const global: ReviewChoices = { versions: 'all', publish: 'active' };

/** The statements by id; 'unread' stands for the store's categories that could not be read. */
const byId = (
  choices: ReviewChoices,
  plan = planSummary(preview),
  categories: StoreCategory[] | 'unread' = store,
) =>
  Object.fromEntries(
    reviewStatements(choices, plan, categories === 'unread' ? undefined : categories).map((s) => [
      s.id,
      s.text,
    ]),
  );

describe('the review in English', () => {
  it('states target, publish mode, versions and deprecated charts in words', () => {
    stubTranslate('en');
    expect(byId(global)).toMatchObject({
      target: 'The global App Store',
      publish: 'Released: every user sees the apps in the App Store at once',
      versions: 'All versions',
      deprecated: 'Left out',
    });
    expect(
      byId({ versions: '3', publish: 'review', workspace: 'team-a', includeDeprecated: true }),
    ).toMatchObject({
      target: 'The app templates of workspace team-a, not the global App Store',
      publish:
        'Submitted for review: nobody sees them until a reviewer releases them in App Store Management > App Reviews',
      versions: 'Newest 3 stable versions',
      deprecated: 'Included',
    });
    expect(byId({ publish: 'draft' }).versions).toBe('Newest stable version');
    expect(byId({ publish: 'active', workspace: 'team-a' }).publish).toContain('members of team-a');
  });

  it('counts the new apps and versions: an app already in the store is not new', () => {
    stubTranslate('en');
    expect(byId(global).new).toBe('New apps: 1; new versions: 3 (versions already in the store, skipped: 2)');
  });

  it('names the categories it creates: not those the store has under any case, nor unselected charts', () => {
    stubTranslate('en');
    expect(categoriesToCreate(planSummary(preview), store)).toEqual(['Web Proxies']);
    expect(byId(global).categories).toBe('1 created: Web Proxies');
    expect(
      byId(global, planSummary(preview), [...store, { name: 'web', displayName: 'web proxies' }]),
    ).toMatchObject({
      categories: 'None created: every chart goes to an existing category',
    });
    expect(byId(global, planSummary(preview), 'unread').categories).toMatch(/could not be read/);
  });

  it('creates no category for an app the store has, an adopted one too: it keeps its own', () => {
    stubTranslate('en');
    const existing = previewOf([
      chart('redis', [v('7.0.0', 'create', KIB)], { appState: 'active', category: 'Caches' }),
      chart('nginx', [v('2.0.0', 'create', KIB)], {
        app: 'nginx-h4x9q',
        appState: 'draft',
        adoption: 'adopted',
        category: 'Web Proxies',
      }),
    ]);
    expect(categoriesToCreate(planSummary(existing), store)).toEqual([]);
  });

  it('bounds what lands in etcd, counting unknown sizes at the limit instead of "at most 0 B"', () => {
    stubTranslate('en');
    expect(byId(global).storage).toBe('At most 600 KiB added to etcd (each package at most 1 MiB)');
    const unknown = planSummary(previewOf([chart('x', [v('1.0.0', 'create'), v('0.9.0', 'create')])]));
    const text = byId(global, unknown).storage;
    expect(text).toBe(
      'At most 2 MiB added to etcd, counting the versions of unknown size (2) at the limit of 1 MiB each',
    );
    expect(text).not.toMatch(/\b0 B\b/);
  });

  it('says the packages go to S3, not etcd, when the store has no package limit', () => {
    stubTranslate('en');
    const s3 = planSummary({ ...preview, packageLimitBytes: 0 });
    expect(byId(global, s3).storage).toBe('The packages (600 KiB) go to S3, not to etcd');
    const unknown = planSummary({ ...previewOf([chart('x', [v('1.0.0', 'create')])]), packageLimitBytes: 0 });
    expect(byId(global, unknown).storage).toBe(
      'The packages go to S3, not to etcd (their sizes are unknown)',
    );
    for (const plan of [s3, unknown])
      expect(byId(global, plan).storage).not.toMatch(/stored in etcd|at most/i);
  });

  it('says nothing is uploaded when every version is in the store', () => {
    stubTranslate('en');
    const none = planSummary(previewOf([chart('etcd', [v('3.5.0', 'exists')], { appState: 'active' })]));
    expect(byId(global, none)).toMatchObject({
      storage: 'Nothing is uploaded',
      new: 'New apps: 0; new versions: 0 (versions already in the store, skipped: 1)',
    });
  });
});

describe('the review in Chinese', () => {
  it('states the same facts', () => {
    stubTranslate('zh');
    const texts = byId({ versions: '3', publish: 'active', workspace: 'team-a' });
    expect(texts).toMatchObject({
      target: '企业空间 team-a 的应用模板，而非全局应用商店',
      publish: '直接上架：企业空间 team-a 的成员可立即部署这些应用',
      versions: '最新的 3 个稳定版本',
      deprecated: '不包含',
      new: '1 个新应用，3 个新版本（跳过已在商店中的 2 个版本）',
      categories: '新建 1 个：Web Proxies',
      storage: '最多向 etcd 写入 600 KiB（每个安装包最多 1 MiB）',
    });
    expect(byId(global, planSummary({ ...preview, packageLimitBytes: 0 })).storage).toBe(
      '安装包（600 KiB）存储在 S3 中，不占用 etcd',
    );
    // Every statement is translated: no key left as is.
    for (const text of Object.values(texts)) expect(text).not.toMatch(/WIZARD_|JOB_/);
  });
});

describe('a large plan', () => {
  const versions = Array.from({ length: LARGE_PLAN_VERSIONS + 1 }, (_, i) => v(`1.0.${i}`, 'create', KIB));
  const large = planSummary(previewOf([chart('x', versions)]));

  it('starts only once its number of versions is typed', () => {
    expect(large.large).toBe(true);
    expect(largePlanConfirmed(large, '')).toBe(false);
    expect(largePlanConfirmed(large, String(LARGE_PLAN_VERSIONS))).toBe(false);
    expect(largePlanConfirmed(large, ` ${LARGE_PLAN_VERSIONS + 1} `)).toBe(true);
    expect(largePlanConfirmed(planSummary(preview), '')).toBe(true);
  });

  it('takes the number as shown, with group separators', () => {
    const many = Array.from({ length: 1234 }, (_, i) => v(`1.0.${i}`, 'create', KIB));
    const plan = planSummary(previewOf([chart('x', many)]));
    expect(largePlanConfirmed(plan, '1,234')).toBe(true);
    expect(largePlanConfirmed(plan, '1 234')).toBe(true);
    expect(largePlanConfirmed(plan, '1234')).toBe(true);
    expect(largePlanConfirmed(plan, '1,233')).toBe(false);
  });
});
