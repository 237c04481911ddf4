// A running import in Chromium, with store writes slowed down (emulator latency) so that it runs
// for seconds: a reload of the page mid-import brings the job page back, which keeps following the
// job to its end with the right counts; and a cancelled import ends as Cancelled, with the store
// holding exactly what it reported as created, then and later.
import { describe, expect, it } from 'vitest';

import type { Page } from 'playwright-core';
import {
  en,
  jobChartRows,
  jobCounts,
  jobIdOf,
  jobPhase,
  PAGE,
  BROWSER_TEST_MS,
  playgroundForFile,
  startUrlImport,
  storeApps,
  waitForJobEnd,
} from './support/flow';

const session = playgroundForFile();

/** Starts an import of every version of `charts` from the sample repository; returns the job id. */
function startImport(charts: string[]): Promise<string> {
  const s = session();
  return startUrlImport(s.browser.page, s.at(PAGE), s.playground.repoUrl, { charts, versions: 'all' });
}

/** The progress bar's value and maximum (versions handled, versions in the plan). */
async function progress(page: Page): Promise<{ done: number; total: number }> {
  const bar = page.getByTestId('job-progress');
  return {
    done: Number(await bar.getAttribute('aria-valuenow')),
    total: Number(await bar.getAttribute('aria-valuemax')),
  };
}

/** Waits until the job page shows at least `done` versions handled while the job still runs. */
async function waitForRunningProgress(page: Page, done: number): Promise<void> {
  await page.waitForFunction(
    (min) => {
      const bar = document.querySelector('[data-testid="job-progress"]');
      const phase = document.querySelector('[data-testid="job-summary"]')?.getAttribute('data-phase');
      return phase === 'Running' && Number(bar?.getAttribute('aria-valuenow') ?? 0) >= min;
    },
    done,
    { timeout: 30_000 },
  );
}

describe('a running import', { timeout: BROWSER_TEST_MS }, () => {
  it('survives a reload of the page and is followed to its end', async () => {
    const s = session();
    const { page } = s.browser;
    // 10 versions, each upload and publish slowed: several seconds in all.
    s.playground.emulator.setFaults({ latencyMs: 500, methods: ['POST'] });
    const charts = ['hello-web', 'kv-cache', 'sql-lite'];
    const id = await startImport(charts);
    await waitForRunningProgress(page, 1);
    const before = await progress(page);
    expect(before.total).toBe(10);
    expect(before.done).toBeLessThan(before.total);
    await s.browser.screenshot('reload-1-before');

    // Writes sent from now on take 10 s each, so the job is still running however long the reload
    // takes on a busy machine (every version needs two writes); they are fast again once checked.
    s.playground.emulator.setFaults({ latencyMs: 10_000, methods: ['POST'] });
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByTestId('job-summary').waitFor({ timeout: 20_000 });
    expect(jobIdOf(page)).toBe(id);
    // Back on the same job, still running, no further back than before the reload.
    expect(await jobPhase(page)).toBe('Running');
    const after = await progress(page);
    expect(after.done).toBeGreaterThanOrEqual(before.done);
    expect(after.done).toBeLessThan(after.total);
    // Every chart of the plan is listed at once, not only those with a finished version.
    expect((await jobChartRows(page)).map((row) => row.chart)).toEqual(charts);
    await s.browser.screenshot('reload-2-after');
    s.playground.emulator.setFaults({ latencyMs: 0 });

    expect(await waitForJobEnd(page, 60_000)).toBe('Succeeded');
    expect(await progress(page)).toEqual({ done: 10, total: 10 });
    expect(await page.getByTestId('job-progress-label').textContent()).toBe(
      en('JOB_PROGRESS_COUNT', { done: 10, total: 10 }),
    );
    expect(await jobCounts(page)).toEqual({ created: 10, exists: 0, failed: 0 });
    const rows = await jobChartRows(page);
    expect(rows.map((row) => [row.chart, row.state])).toEqual(charts.map((chart) => [chart, 'created']));
    const stored = storeApps(s.playground.emulator).filter((app) => charts.includes(app.chart));
    expect(stored.map((app) => [app.chart, app.versions.length])).toEqual([
      ['hello-web', 4],
      ['kv-cache', 3],
      ['sql-lite', 3],
    ]);
    await s.browser.screenshot('reload-3-done');
  });

  it('is cancelled and ends as Cancelled, keeping what it created', async () => {
    const s = session();
    const { page } = s.browser;
    s.playground.emulator.setFaults({ latencyMs: 700, methods: ['POST'] });
    const charts = ['docs-heavy', 'log-shipper', 'metrics-agent', 'task-runner'];
    await startImport(charts);
    await waitForRunningProgress(page, 1);
    await page.getByTestId('job-cancel').click();
    const dialog = page.getByTestId('job-cancel-dialog');
    await dialog.waitFor();
    await s.browser.screenshot('reload-4-cancel-dialog');
    await dialog.getByRole('button', { name: en('JOB_CANCEL_CONFIRM') }).click();

    expect(await waitForJobEnd(page, 30_000)).toBe('Cancelled');
    await page.getByTestId('job-message').waitFor();
    expect(await page.getByTestId('job-cancel').count()).toBe(0);
    expect(await page.getByTestId('job-import-again').isVisible()).toBe(true);
    const counts = await jobCounts(page);
    const { done, total } = await progress(page);
    expect(total).toBe(9);
    expect(done).toBeLessThan(total);
    expect(counts.failed).toBe(0);
    expect(counts.created).toBe(done);
    // The versions being written when the cancel came were finished before the job ended, and
    // nothing was started after it: once writes sent then would have landed (two store calls of
    // 700 ms), the store holds exactly what the job reports, each version published in a released
    // app, chart by chart.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const stored = storeApps(s.playground.emulator).filter((app) => charts.includes(app.chart));
    expect(stored.reduce((sum, app) => sum + app.versions.length, 0)).toBe(counts.created);
    for (const app of stored) {
      expect(app.state, app.chart).toBe('active');
      for (const version of app.versions)
        expect(version.state, `${app.chart} ${version.version}`).toBe('active');
    }
    const rows = await jobChartRows(page);
    expect(rows.map((row) => row.chart)).toEqual(charts);
    for (const row of rows) {
      const created = Number(/(\d+) created/.exec(row.text)?.[1] ?? 0);
      const app = stored.find((candidate) => candidate.chart === row.chart);
      expect(app?.versions.length ?? 0, row.chart).toBe(created);
      if (created > 0) expect(row.appLink).not.toBeNull();
    }
    await s.browser.screenshot('reload-5-cancelled');
  });
});
