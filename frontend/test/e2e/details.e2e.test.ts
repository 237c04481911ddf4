// "Look before importing" in Chromium against the playground: a preview row opens the chart's
// details (by keyboard too), read from its package by the backend: icon, name, Chart.yaml's facts,
// the README rendered, values.yaml, another version picked from the selector and from the
// Versions tab, a values.yaml cut at the service's bound, a private repository's chart read with
// the credentials typed in the wizard, and the panel in Chinese. Screenshots in artifacts/e2e.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { PASSWORD, SAMPLE_REPO_NAME } from '@store-importer/playground';
import { openBrowser, signIn } from './support/browser';
import {
  basicAuthRepo,
  BROWSER_TEST_MS,
  chartRow,
  chooseConfiguredRepo,
  en,
  enterRepoUrl,
  HTTP_ERROR_LINE,
  openWizard,
  PAGE,
  pickOption,
  playgroundForFile,
  runPreview,
  zh,
} from './support/flow';

const session = playgroundForFile();

/** Opens a chart's details from its preview row and waits for its package to be read. */
async function openDetails(page: Page, chart: string): Promise<void> {
  await chartRow(page, chart).getByTestId('chart-details-link').click();
  await page.getByTestId('chart-details').waitFor();
  await drawerOpen(page);
  await waitForPackage(page);
}

async function waitForPackage(page: Page): Promise<void> {
  await page.getByTestId('details-loading').waitFor({ state: 'detached', timeout: 30_000 });
  await page.getByTestId('details-facts').or(page.getByTestId('error-alert')).first().waitFor();
}

/** Waits until the drawer has slid in: its right edge on the viewport's. */
async function drawerOpen(page: Page): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  await expect
    .poll(async () => {
      const box = await page.getByTestId('chart-details').boundingBox();
      return box === null ? -1 : Math.round(box.x + box.width);
    })
    .toBe(width);
}

async function fact(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).locator('dd').textContent()) ?? '').trim();
}

async function openTab(page: Page, label: string): Promise<void> {
  await page.getByTestId('details-tabs').getByText(label, { exact: true }).click();
  // The tabs' pill slides over in 150 ms: let it, for the screenshots.
  await page.waitForTimeout(300);
}

describe('chart details', { timeout: BROWSER_TEST_MS * 2 }, () => {
  it("shows a chart's README, facts and values, and another version on demand", async () => {
    const s = session();
    const { page } = s.browser;
    await openWizard(page, s.at(PAGE));
    await chooseConfiguredRepo(page, SAMPLE_REPO_NAME);
    expect(await runPreview(page)).toBe('charts');

    // The row's name is a button: Tab reaches it, Enter opens the panel.
    const link = chartRow(page, 'hello-web').getByTestId('chart-details-link');
    expect(await link.getAttribute('aria-label')).toBe(en('DETAILS_OPEN', { name: 'hello-web' }));
    await link.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByTestId('chart-details');
    await drawer.waitFor();
    await drawerOpen(page);
    await waitForPackage(page);

    expect(await page.getByTestId('details-name').textContent()).toBe('hello-web');
    expect(await page.getByTestId('details-version').textContent()).toContain('1.0.0');
    expect(await fact(page, 'details-app-version')).toBe('1.27.0');
    expect(await page.getByTestId('details-keyword').allTextContents()).toEqual(['web', 'http', 'demo']);
    expect(await fact(page, 'details-maintainers')).not.toBe(en('DETAILS_NONE'));
    await expect
      .poll(() =>
        drawer
          .locator('[data-testid="chart-icon"] img')
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      )
      .toBe(true);
    // The README is rendered markdown: its title is a heading, not "# hello-web".
    const readme = page.getByTestId('details-readme');
    expect(await readme.locator('h1').textContent()).toBe('hello-web');
    expect(await readme.textContent()).toContain('A demo chart of the store-importer playground.');
    await s.browser.screenshot('details-1-readme', { fullPage: false });

    // values.yaml as helm create writes it, in a monospace block, whole.
    await openTab(page, en('DETAILS_TAB_VALUES'));
    const values = page.getByTestId('details-values');
    expect(await values.textContent()).toMatch(/^# Default values for hello-web\./);
    expect(await values.textContent()).toContain('replicaCount: 1');
    expect(await values.evaluate((pre) => getComputedStyle(pre).fontFamily)).toMatch(/monospace/);
    expect(await page.getByTestId('details-truncated').count()).toBe(0);
    await s.browser.screenshot('details-2-values', { fullPage: false });

    // Another version from the selector: its own package is read.
    await pickOption(page, page.getByTestId('details-version'), '0.2.0');
    await waitForPackage(page);
    await expect.poll(() => fact(page, 'details-app-version')).toBe('1.25.3');
    expect(await page.getByTestId('details-values').textContent()).toContain('replicaCount: 1');

    // The Versions tab lists the preview's versions; "Show" reads another one.
    await openTab(page, en('DETAILS_TAB_VERSIONS', { count: 4 }));
    const rows = page.getByTestId('details-version-row');
    expect(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-version')))).toEqual([
      '1.1.0-rc.1',
      '1.0.0',
      '0.2.0',
      '0.1.0',
    ]);
    expect(await rows.filter({ has: page.locator('[data-state="prerelease"]') }).count()).toBe(1);
    expect(
      await page
        .locator('[data-testid="details-version-row"][aria-current="true"]')
        .getAttribute('data-version'),
    ).toBe('0.2.0');
    await s.browser.screenshot('details-3-versions', { fullPage: false });
    await page
      .locator('[data-testid="details-version-row"][data-version="0.1.0"]')
      .getByTestId('details-show-version')
      .click();
    await waitForPackage(page);
    await expect.poll(() => fact(page, 'details-app-version')).toBe('1.25.0');
    expect(await page.getByTestId('details-readme').locator('h1').textContent()).toBe('hello-web');

    // Escape closes the panel; the selection was not touched.
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(await chartRow(page, 'hello-web').getByTestId('select-chart').isChecked()).toBe(true);

    // A values.yaml over the service's bound is cut, and the panel says so.
    await openDetails(page, 'huge-values');
    await openTab(page, en('DETAILS_TAB_VALUES'));
    await page.getByTestId('details-truncated').waitFor();
    expect(
      Buffer.byteLength((await page.getByTestId('details-values').textContent()) ?? ''),
    ).toBeLessThanOrEqual(256 * 1024);
    await s.browser.screenshot('details-4-truncated', { fullPage: false });
    await page.getByTestId('details-close').click();
    await drawer.waitFor({ state: 'detached' });
  });

  it("reads a private repository's chart with the credentials typed in the wizard", async () => {
    const s = session();
    const { page } = s.browser;
    const repo = await basicAuthRepo(s.playground.repoUrl.replace(/\/$/, ''), 'reader', 'Pa55-details-9');
    try {
      await openWizard(page, s.at(PAGE));
      await enterRepoUrl(page, { url: repo.url, basic: { username: 'reader', password: 'Pa55-details-9' } });
      expect(await runPreview(page)).toBe('charts');
      const refusedBefore = repo.refused;
      await openDetails(page, 'kv-cache');
      expect(await page.getByTestId('details-readme').locator('h1').textContent()).toBe('kv-cache');
      expect(repo.refused).toBe(refusedBefore);
      await page.getByTestId('details-close').click();

      // The repository goes away: the panel says so through the page's error alert, with a retry.
      await repo.close();
      await openDetails(page, 'sql-lite');
      const alert = page.getByTestId('chart-details').getByTestId('error-alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(
        en('DETAILS_LOAD_FAILED', { name: 'sql-lite', version: '15.2.0' }),
      );
      expect(await alert.textContent()).toContain(en('ERROR_REPO_UNREACHABLE'));
      expect(await alert.getByRole('button', { name: en('RETRY') }).isVisible()).toBe(true);
      await s.browser.screenshot('details-7-error', { fullPage: false });
      await page.getByTestId('details-close').click();
      // The failed answer is an expected console line; nothing else may be.
      const { consoleErrors, failedRequests } = await s.browser.settle();
      expect(consoleErrors.filter((line) => !HTTP_ERROR_LINE.test(line))).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await repo.close();
    }
  });

  it('speaks Chinese', async () => {
    const s = session();
    const browser = await openBrowser({ locale: 'zh-CN' });
    try {
      const { page } = browser;
      await signIn(page, s.playground.url, 'admin', PASSWORD);
      await openWizard(page, s.at(PAGE));
      await chooseConfiguredRepo(page, SAMPLE_REPO_NAME);
      expect(await runPreview(page)).toBe('charts');
      await openDetails(page, 'sql-lite');
      expect(await page.getByTestId('details-app-version').locator('dt').textContent()).toBe(
        zh('DETAILS_APP_VERSION'),
      );
      expect(await page.getByTestId('details-tabs').textContent()).toContain(zh('DETAILS_TAB_VALUES'));
      await browser.screenshot('details-5-readme-zh', { fullPage: false });
      await openTab(page, zh('DETAILS_TAB_VERSIONS', { count: 3 }));
      await page.getByTestId('details-versions').waitFor();
      await browser.screenshot('details-6-versions-zh', { fullPage: false });
      expect((await browser.settle()).consoleErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
