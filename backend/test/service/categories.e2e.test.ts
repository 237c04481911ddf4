// Store categories end to end: GET /categories as the caller (403 passed on), and category
// mappings of jobs and syncs landing charts in the emulated store's categories, existing (by
// display name or object name) or created.
import { describe, expect, it } from 'vitest';

import type { CategoryList, JobRecord, RepoPreview, SyncRecord } from '../../src/contract/index.js';
import { schemaValidator } from '../../src/service/validation.js';
import { stateOf } from '../support/emulator.js';
import { jobOf, useServiceHarness } from './support.js';

const VIEWER = 'emulator-viewer-token';
const CATEGORY_LABEL = 'application.kubesphere.io/app-category-name';
const ALIAS = 'kubesphere.io/alias-name';

describe('categories', () => {
  const h = useServiceHarness();

  const createCategory = async (name: string, displayName: string) => {
    const response = await fetch(`${h.emulator.url}/kapis/application.kubesphere.io/v2/categories`, {
      method: 'POST',
      headers: { Authorization: 'Bearer emulator-admin-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ metadata: { name, annotations: { [ALIAS]: displayName } }, spec: {} }),
    });
    expect(response.status).toBe(200);
  };
  /** Chart (original name) -> the category label of its store app. */
  const categoryOfApps = () =>
    Object.fromEntries(
      stateOf(h.emulator).apps.map((app): [string, string | undefined] => [
        app.metadata.annotations?.['application.kubesphere.io/app-originalName'] ?? '',
        app.metadata.labels?.[CATEGORY_LABEL],
      ]),
    );
  const categories = () =>
    Object.fromEntries(
      stateOf(h.emulator).categories.map((c) => [c.metadata.name, c.metadata.annotations?.[ALIAS]]),
    );
  const runJob = async (body: Record<string, unknown>): Promise<JobRecord> => {
    const started = await h.api('POST', '/jobs', { body: { source: { url: h.repo.url }, ...body } });
    expect(started.status, started.text).toBe(202);
    return h.waitForJob(jobOf(started.body).id);
  };

  it('lists the store categories by display name, the uncategorized one included, for a viewer too', async () => {
    await createCategory('ctg-zeta', 'Zeta tools');
    await createCategory('ctg-alpha', 'alpha things');
    const response = await h.api('GET', '/categories', { token: VIEWER });
    expect(response.status).toBe(200);
    expect(schemaValidator('CategoryList')(response.body)).toBe(true);
    expect((response.body as CategoryList).items).toEqual([
      { name: 'ctg-alpha', displayName: 'alpha things' },
      { name: 'kubesphere-app-uncategorized', displayName: 'kubesphere-app-uncategorized' },
      { name: 'ctg-zeta', displayName: 'Zeta tools' },
    ]);
  });

  it("passes KubeSphere's 403 on for a caller it does not let read categories", async () => {
    const refusal =
      'User "nobody" cannot list resource "categories" in API group "application.kubesphere.io" at the cluster scope';
    h.emulator.setFaults({
      errorRate: 1,
      errorStatus: 403,
      errorMessage: refusal,
      pathIncludes: '/categories',
    });
    const response = await h.api('GET', '/categories');
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403 });
    expect((response.body as { message: string }).message).toContain(refusal);
  });

  it('needs a bearer token', async () => {
    expect((await h.api('GET', '/categories', { token: null })).status).toBe(401);
  });

  it('sends mapped charts to an existing category (display name in any case) and to a new one', async () => {
    await createCategory('ctg-mon', 'Monitoring');
    // alpha is annotated Database: the mapping wins; beta has no annotation.
    const job = await runJob({ categories: { alpha: 'monitoring', beta: 'Networking' } });
    expect(job.status.phase).toBe('Succeeded');
    expect(job.spec.categories).toEqual({ alpha: 'monitoring', beta: 'Networking' });
    expect(categoryOfApps()).toEqual({ alpha: 'ctg-mon', beta: 'ctg-networking' });
    expect(categories()).toMatchObject({ 'ctg-mon': 'Monitoring', 'ctg-networking': 'Networking' });
    // The annotation's category was never needed, so never created.
    expect(Object.values(categories())).not.toContain('Database');
    const listed = (await h.api('GET', '/categories')).body as CategoryList;
    expect(listed.items.map((item) => item.displayName)).toContain('Networking');
  });

  it('takes an existing category by its object name, the lazily created uncategorized one too', async () => {
    await createCategory('ctg-db', 'Databases');
    const job = await runJob({ categories: { alpha: 'kubesphere-app-uncategorized', beta: 'ctg-db' } });
    expect(job.status.phase).toBe('Succeeded');
    expect(categoryOfApps()).toEqual({ alpha: 'kubesphere-app-uncategorized', beta: 'ctg-db' });
    expect(Object.keys(categories()).sort()).toEqual(['ctg-db', 'kubesphere-app-uncategorized']);
  });

  it('keeps the annotation of charts the mapping does not list', async () => {
    await runJob({ categories: { beta: 'Tools' } });
    expect(categoryOfApps()).toEqual({ alpha: 'ctg-database', beta: 'ctg-tools' });
  });

  it("keeps a sync's mapping across create, read and update, and its runs use it", async () => {
    const created = await h.api('POST', '/syncs', {
      body: {
        name: 'nightly',
        schedule: '0 3 * * *',
        source: { url: h.repo.url },
        categories: { alpha: 'Web' },
      },
    });
    expect(created.status, created.text).toBe(201);
    expect((created.body as SyncRecord).spec.categories).toEqual({ alpha: 'Web' });
    const read = (await h.api('GET', '/syncs/nightly')).body as SyncRecord;
    expect(read.spec.categories).toEqual({ alpha: 'Web' });

    const updated = await h.api('PUT', '/syncs/nightly', {
      body: {
        resourceVersion: read.resourceVersion,
        schedule: '0 3 * * *',
        source: { url: h.repo.url },
        categories: { alpha: 'Web', beta: 'Tools' },
      },
    });
    expect(updated.status, updated.text).toBe(200);
    expect((updated.body as SyncRecord).spec.categories).toEqual({ alpha: 'Web', beta: 'Tools' });

    const run = await h.api('POST', '/syncs/nightly/run');
    expect(run.status).toBe(202);
    const job = await h.waitForJob(jobOf(run.body).id);
    expect(job.status.phase).toBe('Succeeded');
    expect(categoryOfApps()).toEqual({ alpha: 'ctg-web', beta: 'ctg-tools' });

    // An update without a mapping drops it.
    const current = (await h.api('GET', '/syncs/nightly')).body as SyncRecord;
    const cleared = await h.api('PUT', '/syncs/nightly', {
      body: { resourceVersion: current.resourceVersion, schedule: '0 3 * * *', source: { url: h.repo.url } },
    });
    expect((cleared.body as SyncRecord).spec).not.toHaveProperty('categories');
  });

  it('previews where each category comes from: the mapping, an annotation, a rule, none', async () => {
    const preview = async (body: Record<string, unknown>) => {
      const response = await h.api('POST', '/previews', { body: { source: { url: h.repo.url }, ...body } });
      expect(response.status, response.text).toBe(200);
      expect(schemaValidator('RepoPreview')(response.body)).toBe(true);
      const { charts } = response.body as RepoPreview;
      return Object.fromEntries(
        charts.map((c) => [c.name, { category: c.category, source: c.categorySource }]),
      );
    };
    expect(await preview({})).toEqual({
      alpha: { category: 'Database', source: { kind: 'annotation', key: 'app.kubesphere.io/category' } },
      beta: { source: { kind: 'none' } },
    });
    const categoryRules = [
      { category: 'Never', keywords: ['no-such-keyword'] },
      { category: 'Tools', names: ['B*', 'alpha'] },
    ];
    expect(await preview({ categoryRules })).toEqual({
      // The annotation comes before the rules.
      alpha: { category: 'Database', source: { kind: 'annotation', key: 'app.kubesphere.io/category' } },
      beta: { category: 'Tools', source: { kind: 'rule', rule: 1, match: 'B*' } },
    });
    expect(await preview({ categoryRules, categories: { beta: 'Mine' } })).toMatchObject({
      beta: { category: 'Mine', source: { kind: 'mapping' } },
    });
  });

  it('imports with rules, and refuses a bad rule (400) before anything runs', async () => {
    const job = await runJob({ categoryRules: [{ category: 'Tools', names: ['b*'] }] });
    expect(job.status.phase).toBe('Succeeded');
    expect(job.spec.categoryRules).toEqual([{ category: 'Tools', names: ['b*'] }]);
    expect(categoryOfApps()).toEqual({ alpha: 'ctg-database', beta: 'ctg-tools' });
    for (const [categoryRules, message] of [
      [
        [{ category: 'X', names: ['{b'] }],
        /^categoryRules\[0\]\.names\[0\]: name pattern "\{b" matches nothing/,
      ],
      [[{ category: 'X' }], /^categoryRules\[0\]: a rule needs at least one name pattern or keyword/],
      [
        [{ category: 'X', names: ['b'], colour: 'red' }],
        /^body\.categoryRules\/0 must NOT have additional properties|colour/,
      ],
    ] as const) {
      for (const path of ['/previews', '/jobs']) {
        const response = await h.api('POST', path, { body: { source: { url: h.repo.url }, categoryRules } });
        expect(response.status, `${path} ${response.text}`).toBe(400);
        expect((response.body as { message: string }).message).toMatch(message);
      }
    }
    expect(await h.stores.jobs.list()).toHaveLength(1);
  });

  it("keeps a sync's rules across create, read and update, and its runs use them", async () => {
    const categoryRules = [{ category: 'Tools', keywords: ['never'], names: ['be*'] }];
    const created = await h.api('POST', '/syncs', {
      body: { name: 'ruled', schedule: '0 3 * * *', source: { url: h.repo.url }, categoryRules },
    });
    expect(created.status, created.text).toBe(201);
    expect((created.body as SyncRecord).spec.categoryRules).toEqual(categoryRules);
    const read = (await h.api('GET', '/syncs/ruled')).body as SyncRecord;
    expect(read.spec.categoryRules).toEqual(categoryRules);
    const run = await h.api('POST', '/syncs/ruled/run');
    expect(run.status).toBe(202);
    const job = await h.waitForJob(jobOf(run.body).id);
    expect(job.status.phase).toBe('Succeeded');
    expect(job.spec.categoryRules).toEqual(categoryRules);
    expect(categoryOfApps()).toEqual({ alpha: 'ctg-database', beta: 'ctg-tools' });

    // An update without rules drops them.
    const current = (await h.api('GET', '/syncs/ruled')).body as SyncRecord;
    const updated = await h.api('PUT', '/syncs/ruled', {
      body: { resourceVersion: current.resourceVersion, schedule: '0 3 * * *', source: { url: h.repo.url } },
    });
    expect(updated.status, updated.text).toBe(200);
    expect((updated.body as SyncRecord).spec).not.toHaveProperty('categoryRules');
    const bad = await h.api('POST', '/syncs', {
      body: {
        name: 'bad',
        schedule: '0 3 * * *',
        source: { url: h.repo.url },
        categoryRules: [{ category: 'X' }],
      },
    });
    expect(bad.status).toBe(400);
  });

  it('refuses a bad mapping on jobs and syncs before anything runs', async () => {
    const job = await h.api('POST', '/jobs', {
      body: { source: { url: h.repo.url }, categories: { alpha: '' } },
    });
    expect(job.status).toBe(400);
    const sync = await h.api('POST', '/syncs', {
      body: { name: 'bad', schedule: '0 3 * * *', source: { url: h.repo.url }, categories: { '-x': 'Web' } },
    });
    expect(sync.status).toBe(400);
    expect((sync.body as { message: string }).message).toMatch(/body\.categories has an invalid key "-x"/);
    expect(await h.stores.jobs.list()).toEqual([]);
  });
});
