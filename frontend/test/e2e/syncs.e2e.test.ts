// Scheduled syncs in Chromium against the playground: create one from the form, edit it, pause and
// resume it, run it now (its job page, run as the extension's own identity), see its last run in
// the list, and delete it. The service's own record (GET /syncs) is checked after every change.
import { describe, expect, it } from 'vitest';

import type { Locator, Page } from 'playwright-core';
import { SERVICE_ACCOUNT } from '@store-importer/playground';
import {
  API,
  en,
  jobCounts,
  PAGE,
  BROWSER_TEST_MS,
  playgroundForFile,
  storeApps,
  waitForJobEnd,
  waitForJobPage,
} from './support/flow';

const session = playgroundForFile();
const NAME = 'nightly-demo';

interface SyncView {
  name: string;
  spec: { schedule: string; suspend: boolean; versions: string; charts?: string[]; source: { url: string } };
  status: { lastJobId?: string; lastResult?: string };
}

/** The sync as the service keeps it, or undefined when there is none. */
async function storedSync(): Promise<SyncView | undefined> {
  const response = await session().fetchAsUser(`${API}/syncs/${NAME}`);
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
