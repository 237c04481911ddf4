// Where each chart's category comes from, in the real console: the preview says it (the chart's
// own annotation), a category rule typed on the options step gives an unannotated chart its
// category there and on the review (saying which rule), the import files it so in the store and
// "Import again" brings the rule back; and the same page in Chinese.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { SAMPLE_REPO_NAME } from '@store-importer/playground';
import {
  BROWSER_TEST_MS,
  chooseConfiguredRepo,
  en,
  openWizard,
  PAGE,
  playgroundForFile,
  previewRow,
  runPreview,
  selectOnly,
  storeApps,
  waitForJobEnd,
  waitForJobPage,
  zh,
  chineseBrowserFor,
} from './support/flow';

const session = playgroundForFile();
const ANNOTATION = 'app.kubesphere.io/category';

/** The category a row shows and where it comes from. */
async function categoryCell(row: Locator): Promise<{ category: string; source: string }> {
  return row.evaluate((element) => ({
    category: element.querySelector('[data-testid="category-name"]')?.textContent.trim() ?? '',
    source: element.querySelector('[data-testid="category-source"]')?.textContent.trim() ?? '',
  }));
}

const rowOf = (page: Page, testId: string, chart: string): Locator =>
  page.locator(`[data-testid="${testId}"][data-key="${chart}"]`);

/** Source, preview, two charts picked, to the options step; then one rule typed. */
async function ruleOnOptions(page: Page, at: string): Promise<void> {
  await openWizard(page, at);
  await chooseConfiguredRepo(page, SAMPLE_REPO_NAME);
  expect(await runPreview(page)).toBe('charts');
  await selectOnly(page, ['hello-web', 'task-runner']);
  await page.getByTestId('next-button').click();
  await page.getByTestId('category-rules').waitFor();
  await page.getByTestId('category-rule-add').click();
  const rule = page.getByTestId('category-rule').first();
  await rule.getByTestId('category-rule-category').fill('Batch Jobs');
  await rule.getByTestId('category-rule-names').fill('task-*, nothing-*, hello-*');
}

describe('category sources', () => {
  it(
    'shows where each category comes from, and a rule files an unannotated chart',
    async () => {
      const s = session();
      const { page } = s.browser;
      await openWizard(page, s.at(PAGE));
      await chooseConfiguredRepo(page, SAMPLE_REPO_NAME);
      expect(await runPreview(page)).toBe('charts');
      expect(await previewRow(page, 'hello-web')).toMatchObject({
        category: 'Web Servers',
        categorySource: en('CATEGORY_SOURCE_ANNOTATION', { key: ANNOTATION }),
      });
      expect(await previewRow(page, 'task-runner')).toMatchObject({
        category: en('WIZARD_UNCATEGORIZED'),
        categorySource: '',
      });

      await ruleOnOptions(page, s.at(PAGE));
      const ruled = rowOf(page, 'category-row', 'task-runner');
      const rule1 = en('CATEGORY_SOURCE_RULE', { number: 1, match: 'task-*' });
      await expect
        .poll(() => categoryCell(ruled), { timeout: 20_000 })
        .toEqual({ category: 'Batch Jobs', source: rule1 });
      // The annotation still wins over a rule that matches the chart too (hello-*).
      expect(await categoryCell(rowOf(page, 'category-row', 'hello-web'))).toEqual({
        category: 'Web Servers',
        source: en('CATEGORY_SOURCE_ANNOTATION', { key: ANNOTATION }),
      });
      await s.browser.screenshot('categories-1-rule');

      await page.getByTestId('next-button').click();
      await page.getByTestId('plan-table').waitFor({ timeout: 30_000 });
      expect(await categoryCell(rowOf(page, 'plan-row', 'task-runner'))).toEqual({
        category: 'Batch Jobs',
        source: rule1,
      });
      await s.browser.screenshot('categories-2-review');

      await page.getByTestId('start-button').click();
      await waitForJobPage(page);
      expect(await waitForJobEnd(page)).toBe('Succeeded');
      const apps = storeApps(s.playground.emulator);
      expect(apps.find((app) => app.chart === 'task-runner')?.categoryName).toBe('Batch Jobs');
      expect(apps.find((app) => app.chart === 'hello-web')?.categoryName).toBe('Web Servers');

      // "Import again" brings the rules back, and the preview shows them at work at once.
      await page.getByTestId('job-import-again').click();
      await page.getByTestId('prefill-notice').waitFor();
      expect(await runPreview(page)).toBe('charts');
      await expect
        .poll(() => previewRow(page, 'task-runner'), { timeout: 20_000 })
        .toMatchObject({
          category: 'Batch Jobs',
          categorySource: rule1,
        });
      await page.getByTestId('next-button').click();
      const rule = page.getByTestId('category-rule').first();
      expect(await rule.getByTestId('category-rule-category').inputValue()).toBe('Batch Jobs');
      expect(await rule.getByTestId('category-rule-names').inputValue()).toBe('task-*, nothing-*, hello-*');
    },
    BROWSER_TEST_MS * 2,
  );

  describe('in Chinese', () => {
    const zhBrowserOf = chineseBrowserFor(session);

    it(
      'says where categories come from in Chinese',
      async () => {
        const zhBrowser = zhBrowserOf();
        const { page } = zhBrowser;
        await ruleOnOptions(page, session().at(PAGE));
        expect(await page.getByTestId('category-rules').textContent()).toContain(zh('CATEGORY_RULE_ADD'));
        await expect
          .poll(() => categoryCell(rowOf(page, 'category-row', 'task-runner')), { timeout: 20_000 })
          .toEqual({
            category: 'Batch Jobs',
            source: zh('CATEGORY_SOURCE_RULE', { number: 1, match: 'task-*' }),
          });
        expect((await categoryCell(rowOf(page, 'category-row', 'hello-web'))).source).toBe(
          zh('CATEGORY_SOURCE_ANNOTATION', { key: ANNOTATION }),
        );
        await zhBrowser.screenshot('categories-3-rule-zh');
      },
      BROWSER_TEST_MS,
    );
  });
});
