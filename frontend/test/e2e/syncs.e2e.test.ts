// Scheduled syncs in Chromium against the playground: create one from the form, edit it, pause and
// resume it, run it now (its job page, run as the extension's own identity), see its last run in
// the list, and delete it. The service's own record (GET /syncs) is checked after every change.
// Then what the wizard does, in a sync: a repository configured in KubeSphere, a category mapping,
// chart names checked on save (the service's 422 shown at the charts field), times in the
// viewer's own time zone, and "Schedule this import" on a finished job's page, filled in from it.
import { describe, expect, it } from 'vitest';

import type { Locator, Page } from 'playwright-core';
import { SAMPLE_REPO_NAME, SERVICE_ACCOUNT } from '@store-importer/playground';
import {
  API,
  en,
  jobCounts,
  PAGE,
  BROWSER_TEST_MS,
  chooseConfiguredRepo,
  playgroundForFile,
  setCategory,
  storeApps,
  waitForJobEnd,
  waitForJobPage,
} from './support/flow';

// The form's save with an unknown chart name is answered 422, which Chromium logs.
const session = playgroundForFile({ httpErrorsExpected: true });
const NAME = 'nightly-demo';

interface SyncView {
  name: string;
  spec: {
    schedule: string;
    suspend: boolean;
    versions: string;
    charts?: string[];
    categories?: Record<string, string>;
    source: { url: string; configuredRepo?: { name: string }; secretRef?: { name: string } };
  };
  status: { lastJobId?: string; lastResult?: string; nextRunTime?: string };
}

/** The sync as the service keeps it, or undefined when there is none. */
async function storedSync(name = NAME): Promise<SyncView | undefined> {
  const response = await session().fetchAsUser(`${API}/syncs/${name}`);
  if (response.status === 404) return undefined;
  expect(response.status).toBe(200);
  return (await response.json()) as SyncView;
}

/** The store writes the emulator has logged, oldest first: who made them, and where. */
function storeWrites(): { method: string; path: string; user: string }[] {
  const state = session().playground.emulator.state() as {
    requestLog: { method: string; path: string; user: string }[];
  };
  // The App Store's own API only: the emulator also logs the extension API calls it forwards.
  return state.requestLog.filter(
    (entry) => entry.method !== 'GET' && entry.path.startsWith('/kapis/application.kubesphere.io/'),
  );
}

const syncRow = (page: Page): Locator => page.locator(`[data-testid="syncs-row"][data-key="${NAME}"]`);

/** Opens the row's "more" menu and picks an action. */
async function rowAction(page: Page, action: string): Promise<void> {
  await syncRow(page).getByTestId('sync-actions').click();
  await page.getByTestId(`sync-action-${action}`).click();
}

async function rowState(page: Page): Promise<string | null> {
  return syncRow(page).locator('[data-state="active"], [data-state="paused"]').getAttribute('data-state');
}

describe('scheduled syncs', { timeout: BROWSER_TEST_MS }, () => {
  it('are created, edited, paused, resumed, run now and deleted from the page', async () => {
    const s = session();
    const { page } = s.browser;
    await page.goto(s.at(`${PAGE}/syncs`), { waitUntil: 'domcontentloaded' });
    await page.getByTestId('syncs-empty').waitFor();
    await s.browser.screenshot('syncs-1-empty');

    // Create: daily, two charts of the sample repository, the newest 2 versions.
    await page.getByTestId('sync-create').first().click();
    const form = page.getByTestId('sync-form');
    await form.waitFor();
    await form.getByTestId('sync-name').fill(NAME);
    await form.getByTestId('sync-preset-daily').click();
    await form.getByTestId('source-url').fill(s.playground.repoUrl);
    await form.getByTestId('versions-count').check();
    await form.getByTestId('versions-count-input').fill('2');
    await form.getByTestId('sync-charts').fill('hello-web, kv-cache');
    await s.browser.screenshot('syncs-2-create-form');
    await form.getByRole('button', { name: en('SYNC_CREATE'), exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await syncRow(page).waitFor();
    expect(await rowState(page)).toBe('active');
    const created = await storedSync();
    expect(created?.spec).toMatchObject({
      schedule: '0 2 * * *',
      suspend: false,
      versions: '2',
      charts: ['hello-web', 'kv-cache'],
      source: { url: s.playground.repoUrl },
    });
    expect(await syncRow(page).textContent()).toContain('0 2 * * *');
    expect(await syncRow(page).textContent()).toContain(en('SYNC_NEVER_RUN'));
    await s.browser.screenshot('syncs-3-created');

    // Edit: weekly, one more chart. The name cannot change.
    await rowAction(page, 'edit');
    await form.waitFor();
    expect(await form.getByTestId('sync-name').isDisabled()).toBe(true);
    expect(await form.getByTestId('sync-charts').inputValue()).toMatch(/hello-web.*kv-cache/);
    await form.getByTestId('sync-preset-weekly').click();
    const weekly = await form.getByTestId('sync-schedule').inputValue();
    await form.getByTestId('sync-charts').fill('hello-web, kv-cache, sql-lite');
    await form.getByRole('button', { name: en('SYNC_SAVE'), exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(async () => (await storedSync())?.spec.schedule).toBe(weekly);
    expect((await storedSync())?.spec.charts).toEqual(['hello-web', 'kv-cache', 'sql-lite']);
    await expect.poll(async () => syncRow(page).textContent()).toContain(weekly);

    // Pause, then resume.
    await rowAction(page, 'suspend');
    await expect.poll(() => rowState(page)).toBe('paused');
    expect((await storedSync())?.spec.suspend).toBe(true);
    await s.browser.screenshot('syncs-4-paused');
    await rowAction(page, 'resume');
    await expect.poll(() => rowState(page)).toBe('active');
    expect((await storedSync())?.spec.suspend).toBe(false);

    // Run now: the job page of the sync's run, which imports as the extension itself.
    const logStart = storeWrites().length;
    await rowAction(page, 'run');
    const job = await waitForJobPage(page);
    expect(await waitForJobEnd(page)).toBe('Succeeded');
    expect(await jobCounts(page)).toEqual({ created: 6, exists: 0, failed: 0 });
    expect(await page.getByTestId('job-sync-link').textContent()).toBe(NAME);
    // Started by the user who clicked, written to the store as the extension's service account.
    expect(await page.getByTestId('job-detail-started-by').textContent()).toContain(NAME);
    const writers = new Set(
      storeWrites()
        .slice(logStart)
        .map((entry) => entry.user),
    );
    expect([...writers]).toEqual([SERVICE_ACCOUNT.username]);
    expect(
      storeApps(s.playground.emulator)
        .map((app) => app.chart)
        .filter((chart) => ['hello-web', 'kv-cache', 'sql-lite'].includes(chart)),
    ).toEqual(['hello-web', 'kv-cache', 'sql-lite']);
    await s.browser.screenshot('syncs-5-run-now');

    // The list, opened again, shows the run, linked to its job.
    await expect.poll(async () => (await storedSync())?.status.lastJobId).toBe(job);
    await page.getByText(en('TAB_SYNCS'), { exact: true }).click();
    await syncRow(page).getByTestId('sync-last-run').waitFor();
    expect(await syncRow(page).getByTestId('sync-last-run').textContent()).toContain(
      en('SYNC_LAST_COUNTS', { created: 6, exists: 0, failed: 0 }),
    );
    expect(await syncRow(page).getByTestId('sync-last-run').locator('a').getAttribute('href')).toBe(
      `${PAGE}/jobs/${job}`,
    );
    await s.browser.screenshot('syncs-6-last-run');

    // Run again with nothing changed: one look at the store, and the list says so.
    const before = storeWrites().length;
    await rowAction(page, 'run');
    const again = await waitForJobPage(page);
    expect(await waitForJobEnd(page)).toBe('Succeeded');
    expect(await jobCounts(page)).toEqual({ created: 0, exists: 6, failed: 0 });
    expect(storeWrites().length).toBe(before);
    await expect.poll(async () => (await storedSync())?.status.lastJobId).toBe(again);
    await page.getByText(en('TAB_SYNCS'), { exact: true }).click();
    await syncRow(page).getByTestId('sync-last-unchanged').waitFor();
    expect(await syncRow(page).getByTestId('sync-last-unchanged').textContent()).toBe(
      en('SYNC_LAST_UNCHANGED', { exists: 6 }),
    );
    await s.browser.screenshot('syncs-7-unchanged');

    // Delete, after confirming.
    await rowAction(page, 'delete');
    const dialog = page.getByTestId('sync-delete-dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: en('SYNC_DELETE'), exact: true }).click();
    await page.getByTestId('syncs-empty').waitFor();
    expect(await storedSync()).toBeUndefined();
    // The apps it imported stay in the store.
    expect(storeApps(s.playground.emulator).length).toBeGreaterThanOrEqual(3);
  });
});

describe('a sync does what the wizard does', { timeout: BROWSER_TEST_MS * 2 }, () => {
  const FROM_REPO = 'from-repo';
  const rowOf = (page: Page, name: string): Locator =>
    page.locator(`[data-testid="syncs-row"][data-key="${name}"]`);

  it('reads a configured repository, maps categories, checks chart names, and is scheduled from a job', async () => {
    const s = session();
    const { page } = s.browser;
    // A viewer far from UTC: the schedule's times in their own time zone too.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'Asia/Shanghai' });
    await page.goto(s.at(`${PAGE}/syncs`), { waitUntil: 'domcontentloaded' });
    await page.getByTestId('sync-create').first().click();
    const form = page.getByTestId('sync-form');
    await form.waitFor();
    await form.getByTestId('sync-name').fill(FROM_REPO);
    await form.getByTestId('sync-schedule').fill('0 3 * * *');
    expect(await form.getByTestId('sync-schedule-local').textContent()).toBe(
      en('SYNC_SCHEDULE_LOCAL', { utc: '03:00', local: '11:00', zone: 'Asia/Shanghai, UTC+08:00' }),
    );
    await chooseConfiguredRepo(page, SAMPLE_REPO_NAME);
    await form.getByTestId('sync-configured-note').waitFor();

    // A chart name the repository does not have: refused on save, said at the charts field.
    await form.getByTestId('sync-charts').fill('metrics-agent, log-shiper');
    await form.getByRole('button', { name: en('SYNC_CREATE'), exact: true }).click();
    const unknown = en('SYNC_CHARTS_UNKNOWN', {
      names: en('SYNC_CHARTS_NEAREST', { name: 'log-shiper', nearest: 'log-shipper' }),
    });
    await form.getByText(unknown).waitFor();
    expect(await storedSync(FROM_REPO)).toBeUndefined();
    await s.browser.screenshot('syncs-8-unknown-chart');

    // Fixed; then the category mapping, over the repository's charts the sync takes.
    await form.getByTestId('sync-charts').fill('metrics-agent, log-shipper');
    expect(await form.getByText(unknown).count()).toBe(0);
    await form.getByTestId('sync-categories-load').click();
    await form.getByTestId('category-mapping').waitFor();
    expect(
      await form
        .locator('[data-testid="category-row"]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key'))),
    ).toEqual(['log-shipper', 'metrics-agent']);
    await setCategory(page, 'metrics-agent', 'Mapped web');
    await expect
      .poll(() => form.getByTestId('sync-categories-summary').textContent())
      .toBe(en('SYNC_CATEGORIES_MAPPED', { count: 1, list: 'metrics-agent → Mapped web' }));

    // A rule typed once the charts are listed: the table follows it (task-runner has no category
    // of its own). Without a chart list every chart is listed; the rule is taken out again after.
    await form.getByTestId('sync-charts').fill('');
    const taskRunner = form.locator('[data-testid="category-row"][data-key="task-runner"]');
    const taskCategory = () => taskRunner.getByTestId('category-name').textContent();
    expect(await taskCategory()).toBe(en('WIZARD_UNCATEGORIZED'));
    await form.getByTestId('category-rule-add').click();
    const rule = form.getByTestId('category-rule').first();
    await rule.getByTestId('category-rule-category').fill('Batch Jobs');
    await rule.getByTestId('category-rule-names').fill('task-*');
    await expect.poll(taskCategory, { timeout: 15_000 }).toBe('Batch Jobs');
    await rule.getByTestId('category-rule-remove').click();
    await expect.poll(taskCategory, { timeout: 15_000 }).toBe(en('WIZARD_UNCATEGORIZED'));
    await form.getByTestId('sync-charts').fill('metrics-agent, log-shipper');
    await s.browser.screenshot('syncs-9-configured-repo-form');
    await form.getByRole('button', { name: en('SYNC_CREATE'), exact: true }).click();
    await form.waitFor({ state: 'detached' });

    const created = await storedSync(FROM_REPO);
    expect(created?.spec).toMatchObject({
      schedule: '0 3 * * *',
      charts: ['metrics-agent', 'log-shipper'],
      categories: { 'metrics-agent': 'Mapped web' },
      source: { url: s.playground.repoUrl, configuredRepo: { name: SAMPLE_REPO_NAME } },
    });
    expect(created?.spec.source.secretRef).toBeUndefined();
    const row = rowOf(page, FROM_REPO);
    await row.waitFor();
    expect(await row.getByTestId('sync-source-repo').textContent()).toBe(
      en('SYNC_SOURCE_REPO', { name: SAMPLE_REPO_NAME }),
    );
    expect(await row.getByTestId('sync-schedule-local-time').textContent()).toBe(
      en('SYNC_SCHEDULE_LOCAL_SHORT', { local: '11:00' }),
    );
    // The next run in the viewer's time (03:00 UTC is 11:00 in Shanghai), UTC in its tooltip.
    const next = row.getByTestId('sync-next-run');
    expect(await next.textContent()).toMatch(/ 11:00:00$/);
    expect(await next.getAttribute('title')).toMatch(/^\d{4}-\d{2}-\d{2} 03:00 UTC$/);
    await s.browser.screenshot('syncs-10-configured-repo-row');

    // Its run reads the repository as the extension and applies the mapping.
    await row.getByTestId('sync-actions').click();
    await page.getByTestId('sync-action-run').click();
    const job = await waitForJobPage(page);
    expect(await waitForJobEnd(page)).toBe('Succeeded');
    const web = storeApps(s.playground.emulator).find((app) => app.chart === 'metrics-agent');
    expect(web?.categoryName).toBe('Mapped web');

    // "Schedule this import" on the finished job: the form filled in from the job.
    await page.getByTestId('job-schedule-import').click();
    await form.waitFor();
    await form.getByTestId('sync-prefill').waitFor();
    expect(await form.getByTestId('sync-prefill').textContent()).toContain(
      en('SYNC_FROM_JOB_TITLE', { id: job }),
    );
    expect(await form.getByTestId('sync-name').inputValue()).toBe(`${SAMPLE_REPO_NAME}-sync`);
    expect(await form.getByTestId('source-kind-configured').isChecked()).toBe(true);
    expect(await form.getByTestId('configured-repo-url').textContent()).toContain(s.playground.repoUrl);
    expect(await form.getByTestId('sync-charts').inputValue()).toBe('metrics-agent, log-shipper');
    expect(await form.getByTestId('sync-categories-summary').textContent()).toBe(
      en('SYNC_CATEGORIES_MAPPED', { count: 1, list: 'metrics-agent → Mapped web' }),
    );
    await s.browser.screenshot('syncs-11-schedule-this-import');
    await form.getByTestId('sync-name').fill('from-job');
    await form.getByTestId('sync-preset-weekly').click();
    await form.getByRole('button', { name: en('SYNC_CREATE'), exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('syncs-page').waitFor();
    await rowOf(page, 'from-job').waitFor();
    expect((await storedSync('from-job'))?.spec).toMatchObject({
      charts: ['metrics-agent', 'log-shipper'],
      categories: { 'metrics-agent': 'Mapped web' },
      source: { configuredRepo: { name: SAMPLE_REPO_NAME } },
    });
    await s.browser.screenshot('syncs-12-scheduled-from-job');
    await cdp.detach();
  });
});
