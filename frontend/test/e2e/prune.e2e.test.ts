// Versions the repository no longer lists, in the real console: after an import, the store's app
// gets a version the sample repository does not list (uploaded through the App Store API, a real
// helm package). The preview names it, the options step's switch asks to remove it, the review
// says how many go, and the job page lists it as removed; the store no longer has it.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

import {
  BROWSER_TEST_MS,
  chineseBrowserFor,
  en,
  enterRepoUrl,
  openWizard,
  PAGE,
  playgroundForFile,
  runPreview,
  selectOnly,
  startUrlImport,
  storeApps,
  waitForJobEnd,
  waitForJobPage,
  zh,
} from './support/flow';

const run = promisify(execFile);
const session = playgroundForFile();
const chinese = chineseBrowserFor(session);
const CHART = 'hello-web';
const GONE = '0.0.1';

/** `helm create` + `helm package` of CHART at version GONE: a package the repository never listed. */
async function packageNotListed(): Promise<{ bytes: Buffer; file: string }> {
  const helm = process.env.HELM_BIN;
  if (!helm) throw new Error('HELM_BIN is not set: run the tests through vitest');
  const work = await mkdtemp(join(tmpdir(), 'prune-chart-'));
  try {
    await run(helm, ['create', CHART], { cwd: work });
    const chartYaml = join(work, CHART, 'Chart.yaml');
    await writeFile(
      chartYaml,
      (await readFile(chartYaml, 'utf8')).replace(/^version: .*$/m, `version: ${GONE}`),
    );
    await run(helm, ['package', join(work, CHART), '--destination', work]);
    const file = `${CHART}-${GONE}.tgz`;
    return { bytes: await readFile(join(work, file)), file };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Adds the package to the store's app through the versions route, as the importer uploads. */
async function addVersion(server: string, token: string, app: string): Promise<void> {
  const { bytes, file } = await packageNotListed();
  const form = new FormData();
  form.append(
    'jsonData',
    JSON.stringify({
      repoName: 'upload',
      appType: 'helm',
      appName: app,
      originalName: CHART,
      aliasName: CHART,
      versionName: GONE,
      workspace: 'system-workspace',
    }),
  );
  form.append('file', new Blob([new Uint8Array(bytes)]), file);
  const response = await fetch(`${server}/kapis/application.kubesphere.io/v2/apps/${app}/versions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

const storeVersions = (emulator: Parameters<typeof storeApps>[0]): string[] =>
  storeApps(emulator)
    .filter(({ name }) => name.startsWith(`${CHART}-`))
    .flatMap((app) => app.versions.map(({ version }) => version));

describe('versions the repository no longer lists', () => {
  it(
    'are named by the preview, removed when chosen, stated on the review and listed on the job page',
    async () => {
      const s = session();
      const { page } = s.browser;
      const { playground } = s;
      await startUrlImport(page, s.at(PAGE), playground.repoUrl, { charts: [CHART], versions: 'all' });
      expect(await waitForJobEnd(page)).toBe('Succeeded');
      const app = storeApps(playground.emulator).find(({ name }) => name.startsWith(`${CHART}-`))?.name ?? '';
      await addVersion(playground.emulator.url, playground.adminToken, app);
      expect(storeVersions(playground.emulator)).toContain(GONE);

      await openWizard(page, s.at(PAGE));
      await enterRepoUrl(page, { url: playground.repoUrl });
      expect(await runPreview(page)).toBe('charts');
      const removed = page.getByTestId('removed-upstream');
      await removed.waitFor();
      expect(await removed.textContent()).toContain(en('PRUNE_REMOVED_UPSTREAM_TITLE', { count: 1 }));
      expect(await removed.textContent()).toContain(
        en('PRUNE_CHART_VERSIONS', { chart: CHART, versions: GONE }),
      );
      await s.browser.screenshot('prune-1-preview');

      await selectOnly(page, [CHART]);
      await page.getByTestId('next-button').click();
      await page.getByTestId('versions-all').check();
      await page.getByTestId('prune').locator('label').click();
      await page.getByTestId('next-button').click();
      await expect
        .poll(() => page.getByTestId('review-prune').textContent(), { timeout: 30_000 })
        .toContain(en('PRUNE_REVIEW_REMOVE', { count: 1, kept: 0 }));
      expect(await page.getByTestId('will-remove').textContent()).toContain(
        en('PRUNE_ENTRY', { chart: CHART, version: GONE }),
      );
      // Every version is in the store: nothing to upload, but one to remove, and Start is enabled.
      expect(await page.getByTestId('plan-prune-only').textContent()).toContain(
        en('WIZARD_PLAN_PRUNE_ONLY_DESC', { count: 1 }),
      );
      await s.browser.screenshot('prune-2-review');

      await page.getByTestId('start-button').click();
      await waitForJobPage(page);
      expect(await waitForJobEnd(page)).toBe('Succeeded');
      const listed = page.getByTestId('job-pruned');
      await listed.waitFor();
      expect(await listed.getByTestId('pruned-removed').textContent()).toContain(
        en('PRUNE_ENTRY', { chart: CHART, version: GONE }),
      );
      await s.browser.screenshot('prune-3-job');
      expect(storeVersions(playground.emulator)).not.toContain(GONE);

      // The same job page in Chinese: the list's heading, status and reason in zh.
      const zhPage = chinese().page;
      await zhPage.goto(page.url(), { waitUntil: 'domcontentloaded' });
      const zhListed = zhPage.getByTestId('job-pruned');
      await zhListed.waitFor({ timeout: 30_000 });
      const zhText = (await zhListed.textContent()) ?? '';
      expect(zhText).toContain(zh('PRUNE_JOB_HEADING', { removed: 1, kept: 0 }));
      expect(zhText).toContain(zh('PRUNE_STATUS_REMOVED'));
      expect(zhText).toContain(zh('MSG_PRUNE_REMOVED'));
      await chinese().screenshot('prune-4-job-zh');
    },
    BROWSER_TEST_MS * 2,
  );
});
