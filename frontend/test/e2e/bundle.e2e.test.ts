// An offline bundle through the page, in Chromium against the playground: a bundle of the sample
// repository made at test time with the CLI (`store-importer bundle`, run from its source),
// chosen with the file input, uploaded (its summary shown), previewed and imported; the job page
// names the bundle, and the sample repository is asked nothing meanwhile. Then the Chinese page's
// source kind and summary.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  BROWSER_TEST_MS,
  en,
  openWizard,
  PAGE,
  playgroundForFile,
  runPreview,
  selectOnly,
  shownCharts,
  storeApps,
  waitForJobEnd,
  waitForJobPage,
  zh,
  chineseBrowserFor,
} from './support/flow';

const session = playgroundForFile();
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let work: string;
let bundleFile: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'bundle-e2e-'));
  bundleFile = join(work, 'demo-charts.tgz');
  const { repoUrl } = session().playground;
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'backend/src/cli/entry.ts', 'bundle', '--repo', repoUrl, '--output', bundleFile],
    { cwd: ROOT },
  );
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Chooses the bundle kind and the file; waits for the upload's summary. */
async function uploadBundle(page: Page): Promise<void> {
  await page.getByTestId('source-kind-bundle').check();
  await page.getByTestId('source-bundle-file').setInputFiles(bundleFile);
  await page.getByTestId('source-bundle-summary').waitFor({ timeout: 30_000 });
}

describe('an offline bundle', { timeout: BROWSER_TEST_MS * 2 }, () => {
  it('is uploaded, previewed and imported like its repository, and the job page names it', async () => {
    const s = session();
    const { page } = s.browser;
    const { repoUrl } = s.playground;
    await openWizard(page, s.at(PAGE));
    await uploadBundle(page);
    const summary = page.getByTestId('source-bundle-summary');
    expect(await page.getByTestId('source-bundle-repository').textContent()).toBe(repoUrl);
    expect(await summary.textContent()).toContain(en('SOURCE_BUNDLE_CHARTS'));
    expect(await page.getByTestId('source-fields').textContent()).toMatch(/at most \d+(\.\d+)? (GiB|MiB)/);
    // The id goes into the address (not a secret); the file does not.
    await page.waitForURL(/[?&]bundle=[0-9a-f]{64}/);
    await s.browser.screenshot('bundle-1-uploaded');

    const repoRequests = s.playground.repoRequests().length;
    expect(await runPreview(page)).toBe('charts');
    const charts = await shownCharts(page);
    expect(charts).toContain('hello-web');
    await selectOnly(page, ['hello-web']);
    await s.browser.screenshot('bundle-2-preview');
    await page.getByTestId('next-button').click();
    await page.getByTestId('options-fields').waitFor();
    await page.getByTestId('next-button').click();
    await page.getByTestId('plan-totals').waitFor({ timeout: 30_000 });
    await page.getByTestId('start-button').click();
    await waitForJobPage(page);
    expect(await waitForJobEnd(page)).toBe('Succeeded');
    expect(await page.getByTestId('job-subtitle').textContent()).toContain(
      en('JOB_SOURCE_BUNDLE', { url: repoUrl }),
    );
    // "Import again" is there; "Schedule this import" is not: a schedule needs a repository.
    expect(await page.getByTestId('job-schedule-import').count()).toBe(0);
    await s.browser.screenshot('bundle-3-job');
    // Nothing came from the repository but the icons the browser shows in the preview: the index,
    // the packages and the icons the store keeps were in the file.
    expect(
      s.playground
        .repoRequests()
        .slice(repoRequests)
        .filter((request) => !/\.(png|svg)$/.test(request)),
    ).toEqual([]);
    expect(storeApps(s.playground.emulator).map((app) => app.chart)).toContain('hello-web');

    // Import again: the wizard opens on the bundle and asks for the file again.
    await page.getByTestId('job-import-again').click();
    await page.getByTestId('bundle-choose-again').waitFor();
    expect(await page.getByTestId('source-kind-bundle').isChecked()).toBe(true);
    await s.browser.screenshot('bundle-5-import-again');
  });

  describe('in Chinese', () => {
    const zhBrowserOf = chineseBrowserFor(session);

    it('offers the bundle kind and sums the upload up in Chinese', async () => {
      const zhBrowser = zhBrowserOf();
      const { page } = zhBrowser;
      await openWizard(page, session().at(PAGE));
      expect(await page.getByTestId('source-fields').textContent()).toContain(zh('SOURCE_KIND_BUNDLE'));
      await uploadBundle(page);
      const text = (await page.getByTestId('source-fields').textContent()) ?? '';
      expect(text).toContain(zh('SOURCE_BUNDLE_REPOSITORY'));
      expect(text).toContain(zh('SOURCE_BUNDLE_MADE'));
      await zhBrowser.screenshot('bundle-4-uploaded-zh');
    });
  });
});
