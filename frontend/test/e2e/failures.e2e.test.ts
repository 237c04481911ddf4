// Every failure the backend reports, seen in Chromium: a clear sentence saying what to do, the
// server's own words as the detail, and the form kept as it was typed so the user can fix it.
// A malformed URL, a repository that cannot be reached or is not there, a host the outbound
// policy blocks, a repository that wants credentials, KubeSphere failing during a preview, the
// App Store extension missing during an import, and store errors failing some versions.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Page } from 'playwright-core';
import {
  API,
  basicAuthRepo,
  closedUrl,
  en,
  enterRepoUrl,
  jobChartRows,
  jobCounts,
  openWizard,
  PAGE,
  BROWSER_TEST_MS,
  playgroundForFile,
  runPreview,
  selectOnly,
  startUrlImport,
  storeApps,
  waitForJobEnd,
  waitForJobPage,
  type AuthRepo,
} from './support/flow';

// Failures are shown in the page, never thrown in it: no console error but the error answers.
const session = playgroundForFile({ httpErrorsExpected: true });

/** The error the source step shows: all its text, and the server's detail. */
async function previewError(page: Page): Promise<{ text: string; detail: string }> {
  const alert = page.getByTestId('error-alert');
  await alert.waitFor();
  return {
    text: (await alert.textContent()) ?? '',
    detail: (await alert.getByTestId('error-detail').textContent()) ?? '',
  };
}

/** Previews `url` and expects the error with `headline`; the URL stays in the form. */
async function expectPreviewError(page: Page, url: string, headline: string): Promise<string> {
  await openWizard(page, session().at(PAGE));
  await enterRepoUrl(page, { url });
  expect(await runPreview(page)).toBe('error');
  const error = await previewError(page);
  expect(error.text).toContain(en('WIZARD_PREVIEW_FAILED'));
  expect(error.text).toContain(headline);
  expect(await page.getByTestId('source-url').inputValue()).toBe(url);
  expect(await page.getByTestId('preview-button').isEnabled()).toBe(true);
  return error.detail;
}

describe('the source step', { timeout: BROWSER_TEST_MS }, () => {
  it('says what is wrong with a malformed URL before asking the server', async () => {
    const s = session();
    const { page } = s.browser;
    await openWizard(page, s.at(PAGE));
    const previews = (): number =>
      s.browser.requests.filter((line) => line.endsWith(`${API}/previews`)).length;
    const before = previews();
    await enterRepoUrl(page, { url: 'ftp://charts.example.com' });
    expect(await page.getByTestId('source-problem').textContent()).toBe(en('SOURCE_URL_SCHEME'));
    expect(await page.getByTestId('preview-button').isDisabled()).toBe(true);
    await page.getByTestId('source-url').fill('https://user:secret@charts.example.com');
    expect(await page.getByTestId('source-problem').textContent()).toBe(en('SOURCE_URL_CREDENTIALS'));
    await page.getByTestId('source-url').fill('https://charts example.com');
    expect(await page.getByTestId('source-problem').textContent()).toBe(en('SOURCE_URL_INVALID'));
    expect(await page.getByTestId('preview-button').isDisabled()).toBe(true);
    await s.browser.screenshot('failures-1-malformed-url');
    expect(previews()).toBe(before);
  });

  it('reports a repository that cannot be reached, and one that is not there', async () => {
    const s = session();
    const { page } = s.browser;
    const unreachable = await closedUrl();
    const detail = await expectPreviewError(page, unreachable, en('ERROR_REPO_UNREACHABLE'));
    expect(detail).toContain('127.0.0.1');
    await s.browser.screenshot('failures-2-unreachable');
    await expectPreviewError(page, `${s.playground.repoUrl}/no-such-repo`, en('ERROR_REPO_NOT_FOUND'));
    await s.browser.screenshot('failures-3-not-found');
  });

  it('reports a host the outbound policy blocks (a cloud metadata endpoint)', async () => {
    const s = session();
    const { page } = s.browser;
    const detail = await expectPreviewError(
      page,
      'http://169.254.169.254/latest',
      en('ERROR_OUTBOUND_BLOCKED'),
    );
    expect(detail).toContain('169.254.169.254');
    expect(detail).toContain('metadata');
    await s.browser.screenshot('failures-4-blocked');
  });

  it('reports KubeSphere failing while the store is read', async () => {
    const s = session();
    const { page } = s.browser;
    s.playground.emulator.setFaults({
      errorRate: 1,
      errorStatus: 503,
      methods: ['GET'],
      pathIncludes: '/apps',
    });
    await expectPreviewError(page, s.playground.repoUrl, en('ERROR_KUBESPHERE_FAILED'));
    await s.browser.screenshot('failures-5-kubesphere');
    // Once KubeSphere answers again, the same form previews.
    s.playground.emulator.clearFaults();
    await page.getByRole('button', { name: en('RETRY') }).click();
    await page.getByTestId('chart-table').waitFor({ timeout: 30_000 });
  });
});

describe('a repository that wants credentials', { timeout: BROWSER_TEST_MS }, () => {
  const USER = 'chart-reader';
  const PASSWORD = 'pw-e2e-7f3a9c1d';
  let repo: AuthRepo;

  beforeAll(async () => {
    repo = await basicAuthRepo(session().playground.repoUrl, USER, PASSWORD);
  });

  afterAll(async () => {
    await repo.close();
  });

  it('is refused without them, then previews and imports with them, never showing the password', async () => {
    const s = session();
    const { page } = s.browser;
    await expectPreviewError(page, repo.url, en('ERROR_REPO_AUTH'));
    expect(repo.refused).toBeGreaterThan(0);
    await s.browser.screenshot('failures-6-auth-missing');

    await enterRepoUrl(page, { url: repo.url, basic: { username: USER, password: 'wrong' } });
    expect(await runPreview(page)).toBe('error');
    expect((await previewError(page)).text).toContain(en('ERROR_REPO_AUTH'));

    await page.getByTestId('source-password').fill(PASSWORD);
    expect(await runPreview(page)).toBe('charts');
    await selectOnly(page, ['kv-cache']);
    await page.getByTestId('next-button').click();
    await page.getByTestId('options-fields').waitFor();
    await page.getByTestId('next-button').click();
    await page.getByTestId('plan-totals').waitFor({ timeout: 30_000 });
    await page.getByTestId('start-button').click();
    const job = await waitForJobPage(page);
    expect(await waitForJobEnd(page)).toBe('Succeeded');
    expect(await jobCounts(page)).toEqual({ created: 1, exists: 0, failed: 0 });
    await s.browser.screenshot('failures-7-auth-imported');

    // The password went to the repository only: not into the page, the job or the logs.
    expect(await page.content()).not.toContain(PASSWORD);
    const record = await (await s.fetchAsUser(`${API}/jobs/${job}`)).text();
    expect(record).toContain(repo.url);
    expect(record).not.toContain(PASSWORD);
    const log = await readFile(join(s.playground.logDir, 'backend.log'), 'utf8');
    expect(log).not.toContain(PASSWORD);
  });
});

describe('failures during an import', { timeout: BROWSER_TEST_MS }, () => {
  /** Starts an import of the newest 2 versions of `charts` from the sample repository. */
  const startImport = (charts: string[]): Promise<string> => {
    const s = session();
    return startUrlImport(s.browser.page, s.at(PAGE), s.playground.repoUrl, { charts, versions: 2 });
  };

  it('says the App Store extension is missing, and leaves nothing behind', async () => {
    const s = session();
    const { page } = s.browser;
    const before = storeApps(s.playground.emulator).map((app) => app.name);
    s.playground.emulator.setOptions({ openpitrix: false });
    await startImport(['sql-lite']);
    expect(await waitForJobEnd(page)).toBe('Failed');
    const message = page.getByTestId('job-message');
    await message.waitFor();
    expect(await message.textContent()).toMatch(/App Store|openpitrix/);
    await s.browser.screenshot('failures-8-store-missing');
    expect(storeApps(s.playground.emulator).map((app) => app.name)).toEqual(before);
  });

  it('shows the versions the store refused, with its reason, and offers to retry them', async () => {
    const s = session();
    const { page } = s.browser;
    s.playground.emulator.setFaults({
      errorRate: 1,
      errorStatus: 500,
      errorMessage: 'etcdserver: request timed out',
      methods: ['POST'],
    });
    await startImport(['log-shipper', 'metrics-agent']);
    const phase = await waitForJobEnd(page);
    expect(['Failed', 'PartiallyFailed']).toContain(phase);
    expect(await jobCounts(page)).toEqual({ created: 0, exists: 0, failed: 4 });
    const rows = await jobChartRows(page);
    expect(rows.map((row) => [row.chart, row.state])).toEqual([
      ['log-shipper', 'failed'],
      ['metrics-agent', 'failed'],
    ]);
    for (const row of rows) expect(row.text).toContain('etcdserver: request timed out');
    expect(await page.getByTestId('job-retry-failed').textContent()).toBe(
      en('JOB_RETRY_FAILED', { count: 2 }),
    );
    await s.browser.screenshot('failures-9-store-errors');
  });
});
