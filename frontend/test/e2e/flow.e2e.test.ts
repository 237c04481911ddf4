// The whole import flow in Chromium against the playground: the configured sample repository
// previewed (icons, versions, categories, sizes, too-large and deprecated states), searched,
// filtered and partly selected; options with a category mapping; the review's counts and size;
// the live job to its end, its results and app links; then the store itself (the KubeSphere
// emulator) holds exactly what was chosen. Retry failed makes a new job, the history lists the
// jobs, and the same import again creates nothing. A URL source imports into a workspace.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { PASSWORD, SAMPLE_REPO_NAME, WORKSPACE_REPO } from '@store-importer/playground';
import { formatBytes } from '../../src/components/format';
import { openBrowser, signIn } from './support/browser';
import {
  chartRow,
  chooseConfiguredRepo,
  en,
  enterRepoUrl,
  figure,
  jobChartRows,
  jobCounts,
  openWizard,
  PAGE,
  pickOption,
  BROWSER_TEST_MS,
  playgroundForFile,
  previewRow,
  runPreview,
  selectOnly,
  setCategory,
  shownCharts,
  storeApps,
  waitForJobEnd,
  waitForJobPage,
  type StoreAppView,
  zh,
} from './support/flow';

const session = playgroundForFile();

/** The charts the first import picks, and the versions "newest 2" takes of each. */
const PICKED: Record<string, string[]> = {
  'docs-heavy': ['1.0.0', '1.1.0'],
  'hello-web': ['0.2.0', '1.0.0'],
  'huge-values': ['1.0.0'],
  'kv-cache': ['6.2.0', '7.0.0'],
};
const IMPORTED = ['docs-heavy', 'hello-web', 'kv-cache'];
const ALL_BUT_DEPRECATED = [
  'docs-heavy',
  'hello-web',
  'huge-values',
  'kv-cache',
  'log-shipper',
  'metrics-agent',
  'sql-lite',
  'task-runner',
];

/** What the store holds, as the assertions compare it. */
function storeSummary(apps: StoreAppView[]) {
  return apps.map((app) => ({
    chart: app.chart,
    workspace: app.workspace,
    categoryName: app.categoryName,
    versions: app.versions.map((version) => `${version.version}:${version.state}`),
  }));
}

/** ks-core's package limit without S3 (the playground's store): bigger packages are slimmed under it, or fail. */
const STORE_LIMIT = 1_048_576;

/**
 * What these versions can add to etcd at most: the package sizes the repository serves (HEAD, as
 * the backend asks), each capped at the store's limit.
 */
async function storedAtMost(repoUrl: string, versions: Record<string, string[]>): Promise<number> {
  let total = 0;
  for (const [chart, list] of Object.entries(versions))
    for (const version of list) {
      const response = await fetch(`${repoUrl}/${chart}-${version}.tgz`, { method: 'HEAD' });
      total += Math.min(Number(response.headers.get('content-length')), STORE_LIMIT);
    }
  return total;
}

/** Clicks the header of a sortable column of the preview table. */
async function sortBy(page: Page, column: string): Promise<void> {
  await page.locator(`[data-testid="chart-table"] th[data-sort="${column}"] button`).click();
}

/** The preview table's sorted columns and their aria-sort. */
async function sortState(page: Page): Promise<Record<string, string>> {
  const cells = await page
    .locator('[data-testid="chart-table"] th[data-sort]')
    .evaluateAll((ths) =>
      ths.map((th): [string, string] => [
        th.getAttribute('data-sort') ?? '',
        th.getAttribute('aria-sort') ?? '',
      ]),
    );
  return Object.fromEntries(cells.filter(([, order]) => order !== 'none'));
}

/** The elements from the table up to the page that scroll their own content (a box in the page). */
async function innerScrollers(page: Page, testId: string): Promise<string[]> {
  return page.getByTestId(testId).evaluate((table) => {
    const found: string[] = [];
    for (let node: Element | null = table; node && node !== document.body; node = node.parentElement) {
      const { overflowY } = getComputedStyle(node);
      if (/auto|scroll/.test(overflowY) && node.scrollHeight > node.clientHeight)
        found.push(`${node.tagName}.${node.className}`);
    }
    return found;
  });
}

describe('importing from the configured repository', { timeout: BROWSER_TEST_MS }, () => {
  let firstJob = '';

  it('previews, filters, selects, maps a category, reviews, imports and links the apps', async () => {
    const s = session();
    const { page } = s.browser;
    await openWizard(page, s.at(PAGE));
    await chooseConfiguredRepo(page, SAMPLE_REPO_NAME);
    await s.browser.screenshot('flow-1-source');
    expect(await runPreview(page)).toBe('charts');

    // The preview: every chart but the deprecated one, with what the repository says of it.
    expect(await figure(page, 'total-charts')).toBe('9');
    expect(await figure(page, 'total-versions')).toBe('22');
    expect(await figure(page, 'total-too-large')).toBe('2');
    expect(await shownCharts(page)).toEqual(ALL_BUT_DEPRECATED);
    const hello = await previewRow(page, 'hello-web');
    expect(hello).toMatchObject({
      latest: '1.0.0',
      versions: '4',
      category: 'Web Servers',
      states: ['new'],
    });
    expect(hello.icon).toBe(`${s.playground.repoUrl}/icons/hello-web.svg`);
    expect(hello.size).toMatch(/^\d+(\.\d+)? KiB$/);
    const huge = await previewRow(page, 'huge-values');
    expect(huge.states).toEqual(['new', 'over-limit']);
    expect(huge.size).toMatch(/^1\.\d+ MiB$/);
    expect((await previewRow(page, 'task-runner')).category).toBe(en('WIZARD_UNCATEGORIZED'));
    // Icons are loaded images, not the fallback.
    await expect
      .poll(() =>
        chartRow(page, 'kv-cache')
          .locator('img')
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      )
      .toBe(true);
    await s.browser.screenshot('flow-2-preview');

    // Deprecated charts on demand.
    await page.getByTestId('show-deprecated').locator('label').click();
    await chartRow(page, 'legacy-portal').waitFor();
    // Its row shows the newest version that is not deprecated.
    expect(await previewRow(page, 'legacy-portal')).toMatchObject({
      latest: '1.0.0',
      states: ['new', 'deprecated'],
    });
    await s.browser.screenshot('flow-3-deprecated');
    await page.getByTestId('show-deprecated').locator('label').click();
    await chartRow(page, 'legacy-portal').waitFor({ state: 'detached' });

    // Search, category and state filters, and the empty result.
    const search = page.getByTestId('chart-search');
    await search.fill('cache');
    await expect.poll(() => shownCharts(page)).toEqual(['kv-cache']);
    await search.fill('zzz-nothing');
    await page.getByTestId('filter-empty').waitFor();
    await page.getByRole('button', { name: en('WIZARD_CLEAR_FILTERS') }).click();
    await expect.poll(() => shownCharts(page)).toEqual(ALL_BUT_DEPRECATED);
    await pickOption(page, page.getByTestId('category-filter'), 'Database');
    await expect.poll(() => shownCharts(page)).toEqual(['kv-cache', 'sql-lite']);
    await pickOption(page, page.getByTestId('category-filter'), en('WIZARD_FILTER_ALL_CATEGORIES'));
    await pickOption(page, page.getByTestId('state-filter'), en('WIZARD_FILTER_TOO_LARGE'));
    await expect.poll(() => shownCharts(page)).toEqual(['docs-heavy', 'huge-values']);
    await pickOption(page, page.getByTestId('state-filter'), en('WIZARD_FILTER_ALL_STATES'));
    await expect.poll(() => shownCharts(page)).toEqual(ALL_BUT_DEPRECATED);

    // Sorting: a header click sorts ascending, a second descending; the header shows which.
    await sortBy(page, 'size');
    await sortBy(page, 'size');
    expect(await sortState(page)).toEqual({ size: 'descending' });
    expect((await shownCharts(page)).slice(0, 2).sort()).toEqual(['docs-heavy', 'huge-values']);
    await s.browser.screenshot('flow-2b-sorted-by-size');
    await sortBy(page, 'category');
    expect(await sortState(page)).toEqual({ category: 'ascending' });
    // Charts without a category come last.
    expect((await shownCharts(page)).at(-1)).toBe('task-runner');
    await sortBy(page, 'name');
    await sortBy(page, 'name');
    expect(await shownCharts(page)).toEqual([...ALL_BUT_DEPRECATED].reverse());
    await sortBy(page, 'name');
    expect(await shownCharts(page)).toEqual(ALL_BUT_DEPRECATED);
    expect(await sortState(page)).toEqual({ name: 'ascending' });
    // One scroll: the page's; nothing inside it scrolls the table on its own.
    expect(await innerScrollers(page, 'chart-table')).toEqual([]);
    await page.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight);
    });
    await s.browser.screenshot('flow-2c-scrolled', { fullPage: false });

    await selectOnly(page, Object.keys(PICKED));
    expect(await page.getByTestId('selection-count').textContent()).toBe(
      en('WIZARD_SELECTED_COUNT', { selected: 4, shown: 8 }),
    );
    await page.getByTestId('next-button').click();

    // Options: the newest 2 versions, submitted for review, kv-cache into a new category.
    await page.getByTestId('options-fields').waitFor();
    await page.getByTestId('versions-count').check();
    await page.getByTestId('versions-count-input').fill('2');
    await page.getByTestId('publish-review').check();
    await page.getByTestId('category-row').first().waitFor();
    expect(
      await page
        .getByTestId('category-row')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key'))),
    ).toEqual(Object.keys(PICKED));
    await setCategory(page, 'kv-cache', 'Caching');
    await s.browser.screenshot('flow-4-options');
    await page.getByTestId('next-button').click();

    // Review: what will be created, what may fail, and the bytes that land in etcd.
    await page.getByTestId('plan-totals').waitFor({ timeout: 30_000 });
    expect(await figure(page, 'plan-charts')).toBe('4');
    expect(await figure(page, 'plan-create')).toBe('7');
    expect(await figure(page, 'plan-exists')).toBe('0');
    expect(await figure(page, 'plan-over-limit')).toBe('3');
    expect(await figure(page, 'plan-bytes')).toBe(
      en('WIZARD_PLAN_AT_MOST', { size: formatBytes(await storedAtMost(s.playground.repoUrl, PICKED)) }),
    );
    const kvPlan = page.locator('[data-testid="plan-row"][data-key="kv-cache"]');
    expect(await kvPlan.textContent()).toContain('Caching');
    expect(await kvPlan.textContent()).toContain('7.0.0, 6.2.0');
    await s.browser.screenshot('flow-5-review');

    // Start, with slow store writes so that the progress can be seen moving.
    s.playground.emulator.setFaults({ latencyMs: 150, methods: ['POST'] });
    await page.getByTestId('start-button').click();
    firstJob = await waitForJobPage(page);
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      const read = (): void => {
        const bar = document.querySelector('[data-testid="job-progress"]');
        const value = Number(bar?.getAttribute('aria-valuenow') ?? -1);
        if (seen.at(-1) !== value) seen.push(value);
      };
      read();
      new MutationObserver(read).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    expect(await waitForJobEnd(page)).toBe('PartiallyFailed');
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
    expect(seen.some((value) => value > 0 && value < 7)).toBe(true);
    expect(seen.at(-1)).toBe(7);
    expect(await page.getByTestId('job-progress-label').textContent()).toBe(
      en('JOB_PROGRESS_COUNT', { done: 7, total: 7 }),
    );
    expect(await jobCounts(page)).toEqual({ created: 6, exists: 0, failed: 1 });
    // The job is called by its repository: the configured one's name.
    expect(await page.getByTestId('job-title').textContent()).toBe(
      en('JOB_TITLE', { repo: SAMPLE_REPO_NAME }),
    );

    // The store holds exactly the chosen versions, submitted, in the chosen categories.
    const apps = storeApps(s.playground.emulator);
    expect(storeSummary(apps)).toEqual([
      {
        chart: 'docs-heavy',
        workspace: '',
        categoryName: 'Developer Tools',
        versions: ['1.0.0:submitted', '1.1.0:submitted'],
      },
      {
        chart: 'hello-web',
        workspace: '',
        categoryName: 'Web Servers',
        versions: ['0.2.0:submitted', '1.0.0:submitted'],
      },
      {
        chart: 'kv-cache',
        workspace: '',
        categoryName: 'Caching',
        versions: ['6.2.0:submitted', '7.0.0:submitted'],
      },
    ]);
    // docs-heavy was slimmed under the store's 1 MiB limit.
    for (const version of apps[0]?.versions ?? []) expect(version.size).toBeLessThan(1_048_576);

    // Results: one row per chart with its outcome, and links to the store's apps.
    const rows = await jobChartRows(page);
    expect(rows.map((row) => [row.chart, row.state])).toEqual(
      expect.arrayContaining([
        ['docs-heavy', 'created'],
        ['hello-web', 'created'],
        ['huge-values', 'failed'],
        ['kv-cache', 'created'],
      ]),
    );
    expect(rows).toHaveLength(4);
    for (const app of apps)
      expect(rows.find((row) => row.chart === app.chart)?.appLink).toBe(
        `/apps-manage/store/${app.name}?appType=helm`,
      );
    const failed = rows.find((row) => row.chart === 'huge-values');
    expect(failed?.appLink).toBeNull();
    expect(failed?.text).toContain('1.0.0:');
    expect(failed?.text).toMatch(/1 ?MiB|1048576|too large/i);
    await s.browser.screenshot('flow-6-job-done');

    // The app link opens App Store Management's page of the app (not part of the playground).
    await page.locator('[data-testid="job-charts-row"][data-key="hello-web"] a').click();
    await page.waitForURL((url) => url.pathname.startsWith('/apps-manage/store/'));
    expect(new URL(page.url()).pathname).toBe(`/apps-manage/store/${apps[1]?.name ?? ''}`);
    await page.goBack();
    await page.getByTestId('job-summary').waitFor();
  });

  it('offers no retry for a chart too large to store, and says what to change', async () => {
    const s = session();
    const { page } = s.browser;
    expect(firstJob).not.toBe('');
    // huge-values fails the same way however often it runs: a retry would not help.
    await page.getByTestId('job-permanent-failures').waitFor();
    expect(await page.getByTestId('job-permanent-failures').textContent()).toBe(
      en('JOB_PERMANENT_FAILURES', { count: 1 }),
    );
    expect(await page.getByTestId('job-retry-failed').count()).toBe(0);
    const huge = (await jobChartRows(page)).find((row) => row.chart === 'huge-values');
    expect(huge?.text).toContain('enable S3 storage for the App Store, or make the chart smaller');
    await s.browser.screenshot('flow-7-no-retry');

    await page
      .getByRole('tab', { name: en('TAB_HISTORY') })
      .or(page.getByText(en('TAB_HISTORY')))
      .first()
      .click();
    await page.getByTestId('history').waitFor();
    const listed = await page
      .getByTestId('history-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key')));
    expect(listed).toEqual([firstJob]);
    expect(await page.getByTestId('history-job-link').allTextContents()).toEqual([SAMPLE_REPO_NAME]);
    expect(await page.getByTestId('history-job-id').allTextContents()).toEqual([firstJob]);
    const firstRow = page.locator(`[data-testid="history-row"][data-key="${firstJob}"]`);
    expect(await firstRow.locator('[data-state]').getAttribute('data-state')).toBe('PartiallyFailed');
    expect(await firstRow.getByTestId('history-counts').textContent()).toContain(
      en('HISTORY_FAILED_COUNT', { failed: 1 }),
    );
    await s.browser.screenshot('flow-8-history');
  });

  it('imports the same selection again and creates nothing', async () => {
    const s = session();
    const { page } = s.browser;
    const before = storeSummary(storeApps(s.playground.emulator));
    await openWizard(page, s.at(PAGE));
    await chooseConfiguredRepo(page, SAMPLE_REPO_NAME);
    expect(await runPreview(page)).toBe('charts');
    // The imported charts show as in the store (their newest version is there).
    expect(await figure(page, 'total-in-store')).toBe(String(IMPORTED.length));
    for (const chart of IMPORTED) expect((await previewRow(page, chart)).states).toContain('in-store');
    expect((await previewRow(page, 'sql-lite')).states).toEqual(['new']);
    await s.browser.screenshot('flow-9-preview-in-store');

    await selectOnly(page, IMPORTED);
    await page.getByTestId('next-button').click();
    await page.getByTestId('versions-count').check();
    await page.getByTestId('versions-count-input').fill('2');
    await page.getByTestId('publish-review').check();
    await setCategory(page, 'kv-cache', 'Caching');
    await page.getByTestId('next-button').click();
    await page.getByTestId('plan-empty').waitFor({ timeout: 30_000 });
    expect(await figure(page, 'plan-create')).toBe('0');
    expect(await figure(page, 'plan-exists')).toBe('6');
    expect(await page.getByTestId('start-button').isDisabled()).toBe(true);
    await s.browser.screenshot('flow-10-nothing-to-do');
    expect(storeSummary(storeApps(s.playground.emulator))).toEqual(before);
  });

  it('"Import again" repeats the first import: only the failed chart is tried, nothing is created', async () => {
    const s = session();
    const { page } = s.browser;
    const before = storeSummary(storeApps(s.playground.emulator));
    await page.goto(s.at(`${PAGE}/jobs/${firstJob}`), { waitUntil: 'domcontentloaded' });
    await page.getByTestId('job-import-again').click();
    // The wizard opens with the job's source and options; its charts are selected on preview.
    await page.getByTestId('prefill-notice').waitFor();
    expect(await page.getByTestId('configured-repo-url').textContent()).toContain(s.playground.repoUrl);
    expect(await runPreview(page)).toBe('charts');
    expect(await page.getByTestId('selection-count').textContent()).toBe(
      en('WIZARD_SELECTED_COUNT', { selected: 4, shown: 8 }),
    );
    for (const chart of Object.keys(PICKED))
      expect(await chartRow(page, chart).getByTestId('select-chart').isChecked()).toBe(true);
    await page.getByTestId('next-button').click();
    expect(await page.getByTestId('versions-count').isChecked()).toBe(true);
    expect(await page.getByTestId('versions-count-input').inputValue()).toBe('2');
    expect(await page.getByTestId('publish-review').isChecked()).toBe(true);
    await page.getByTestId('next-button').click();
    await page.getByTestId('plan-totals').waitFor({ timeout: 30_000 });
    expect(await figure(page, 'plan-create')).toBe('1');
    expect(await figure(page, 'plan-exists')).toBe('6');
    expect(await page.locator('[data-testid="plan-row"][data-key="kv-cache"]').textContent()).toContain(
      'Caching',
    );
    await page.getByTestId('start-button').click();
    await waitForJobPage(page, firstJob);
    expect(await waitForJobEnd(page)).toBe('PartiallyFailed');
    expect(await jobCounts(page)).toEqual({ created: 0, exists: 6, failed: 1 });
    expect(storeSummary(storeApps(s.playground.emulator))).toEqual(before);
    await s.browser.screenshot('flow-11-import-again');
  });
});

describe('importing from a URL', { timeout: BROWSER_TEST_MS }, () => {
  it('imports every version of a chart as drafts into a workspace', async () => {
    const s = session();
    const { page } = s.browser;
    await openWizard(page, s.at(PAGE));
    // The index file's URL, as copied from a browser: the form says it reads the base URL.
    const repoUrl = s.playground.repoUrl.replace(/\/$/, '');
    await enterRepoUrl(page, { url: `${repoUrl}/index.yaml` });
    expect(await page.getByTestId('source-url-base').textContent()).toBe(
      en('SOURCE_URL_INDEX_FILE', { url: repoUrl }),
    );
    await s.browser.screenshot('flow-12a-index-url');
    // Enter in the URL field previews.
    await page.getByTestId('source-url').press('Enter');
    await page.getByTestId('chart-table').waitFor({ timeout: 30_000 });
    await page.getByTestId('select-all').uncheck();
    await page.getByTestId('chart-search').fill('batch');
    await expect.poll(() => shownCharts(page)).toEqual(['task-runner']);
    // "Select all shown" picks the filtered rows only.
    await page.getByTestId('select-all').check();
    expect(await page.getByTestId('selection-count').textContent()).toBe(
      en('WIZARD_SELECTED_COUNT', { selected: 1, shown: 1 }),
    );
    await page.getByTestId('next-button').click();
    await page.getByTestId('versions-all').check();
    await page.getByTestId('publish-draft').check();
    await page.getByTestId('target-workspace').check();
    // The workspace is picked from those KubeSphere shows the user (an admin: all, system-workspace aside).
    await page.getByTestId('workspace-select').click();
    const workspaces = page.locator(
      '.kubed-select-dropdown:not(.kubed-select-dropdown-hidden) .kubed-select-item-option',
    );
    await expect.poll(() => workspaces.allTextContents()).toEqual([WORKSPACE_REPO.workspace]);
    await s.browser.screenshot('flow-12b-workspace-picker');
    await workspaces.filter({ hasText: WORKSPACE_REPO.workspace }).first().click();
    await page.getByTestId('next-button').click();
    await page.getByTestId('plan-totals').waitFor({ timeout: 30_000 });
    await s.browser.screenshot('flow-12-workspace-review');
    expect(await figure(page, 'plan-create')).toBe('2');
    await page.getByTestId('start-button').click();
    await waitForJobPage(page);
    expect(await waitForJobEnd(page)).toBe('Succeeded');
    expect(await jobCounts(page)).toEqual({ created: 2, exists: 0, failed: 0 });
    // Called by the repository's URL, without its scheme.
    expect(await page.getByTestId('job-title').textContent()).toBe(
      en('JOB_TITLE', { repo: repoUrl.replace(/^https?:\/\//, '') }),
    );

    const app = storeApps(s.playground.emulator).find((candidate) => candidate.chart === 'task-runner');
    expect(app).toMatchObject({
      workspace: WORKSPACE_REPO.workspace,
      category: 'kubesphere-app-uncategorized',
      state: 'draft',
    });
    expect(app?.versions.map((version) => `${version.version}:${version.state}`)).toEqual([
      '0.1.0:draft',
      '0.2.0:draft',
    ]);
    const [row] = await jobChartRows(page);
    expect(row?.appLink).toBe(
      `/workspaces/${WORKSPACE_REPO.workspace}/app-templates/${app?.name ?? ''}?appType=helm`,
    );
    await s.browser.screenshot('flow-13-workspace-job');
  });
});

describe('the same in Chinese', { timeout: BROWSER_TEST_MS }, () => {
  it('says the base URL, tags new charts, sorts, and calls jobs by their repository', async () => {
    const s = session();
    const browser = await openBrowser({ locale: 'zh-CN' });
    try {
      const { page } = browser;
      await signIn(page, s.playground.url, 'admin', PASSWORD);
      await openWizard(page, s.at(PAGE));
      const repoUrl = s.playground.repoUrl.replace(/\/$/, '');
      await enterRepoUrl(page, { url: `${repoUrl}/index.yaml` });
      expect(await page.getByTestId('source-url-base').textContent()).toBe(
        zh('SOURCE_URL_INDEX_FILE', { url: repoUrl }),
      );
      await browser.screenshot('flow-14-index-url-zh');
      await page.getByTestId('source-url').press('Enter');
      await page.getByTestId('chart-table').waitFor({ timeout: 30_000 });
      await sortBy(page, 'size');
      expect(await sortState(page)).toEqual({ size: 'ascending' });
      expect((await previewRow(page, 'sql-lite')).states).toEqual(['new']);
      expect(await chartRow(page, 'sql-lite').locator('[data-state="new"]').textContent()).toBe(
        zh('TAG_NEW'),
      );
      await browser.screenshot('flow-15-preview-zh');

      await page.goto(s.at(`${PAGE}/jobs`), { waitUntil: 'domcontentloaded' });
      await page.getByTestId('history-job-link').first().waitFor();
      await browser.screenshot('flow-16-history-zh');
      await page.getByTestId('history-job-link').first().click();
      await page.getByTestId('job-summary').waitFor();
      expect(await page.getByTestId('job-title').textContent()).toMatch(/^从 .+ 导入$/);
      await browser.screenshot('flow-17-job-zh');
      expect((await browser.settle()).consoleErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
