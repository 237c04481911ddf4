// Adopting an app uploaded by hand, in the real console: a chart package uploaded the way the
// console's own upload does (a validating upload that names the app, then the upload with that
// name as originalName and no digest), the preview's warning naming it, the option on the options
// step, the review saying which app the chart goes to, and the import adding to that app.
import { describe, expect, it } from 'vitest';

import { SAMPLE_REPO_NAME } from '@store-importer/playground';
import {
  BROWSER_TEST_MS,
  chooseConfiguredRepo,
  en,
  openWizard,
  PAGE,
  playgroundForFile,
  runPreview,
  selectOnly,
  storeApps,
  waitForJobEnd,
  waitForJobPage,
} from './support/flow';

const session = playgroundForFile();
const CHART = 'hello-web';

/** The newest package of `chart` in the repository at `repoUrl`, as the index lists it first. */
async function packageOf(repoUrl: string, chart: string): Promise<{ bytes: Blob; file: string }> {
  const index = await (await fetch(`${repoUrl}/index.yaml`)).text();
  const found = new RegExp(`([^\\s'"]*${chart}-[0-9][^\\s'"/]*\\.tgz)`).exec(index)?.[1];
  if (found === undefined) throw new Error(`no package of ${chart} in ${repoUrl}/index.yaml`);
  const url = new URL(found, `${repoUrl}/`);
  return { bytes: await (await fetch(url)).blob(), file: url.pathname.split('/').pop() ?? found };
}

/** POST /apps as the console's upload form does (console stores/openpitrix/files.ts and app.ts). */
async function uploadByHand(server: string, token: string, repoUrl: string): Promise<string> {
  const { bytes, file } = await packageOf(repoUrl, CHART);
  const post = async (query: string, json: object): Promise<Record<string, unknown>> => {
    const form = new FormData();
    form.append('file', bytes, file);
    form.append('jsonData', JSON.stringify(json));
    const response = await fetch(`${server}/kapis/application.kubesphere.io/v2/apps${query}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };
  const base = { repoName: 'upload', categoryName: 'kubesphere-app-uncategorized', appType: 'helm' };
  const checked = await post('?validate=true', base);
  const appName = String(checked.appName);
  await post('', { ...base, ...checked, originalName: appName, maintainers: [{ name: 'admin' }] });
  return appName;
}

describe('an app uploaded by hand', () => {
  it(
    'is named by the preview, adopted when chosen, stated on the review, and gets the import',
    async () => {
      const s = session();
      const { page } = s.browser;
      const { playground } = s;
      const hand = await uploadByHand(playground.emulator.url, playground.adminToken, playground.repoUrl);

      await openWizard(page, s.at(PAGE));
      await chooseConfiguredRepo(page, SAMPLE_REPO_NAME);
      expect(await runPreview(page)).toBe('charts');
      const warning = en('MSG_HAND_UPLOADED_APP_FOUND', { chart: CHART, app: hand });
      await page.getByTestId('preview-warnings').waitFor();
      const more = page.getByTestId('preview-warnings').getByRole('button');
      if (await more.isVisible()) await more.click();
      await expect.poll(() => page.getByTestId('preview-warnings').textContent()).toContain(warning);
      await s.browser.screenshot('adopt-1-preview');

      await selectOnly(page, [CHART]);
      await page.getByTestId('next-button').click();
      await page.getByTestId('adopt').locator('label').click();
      await s.browser.screenshot('adopt-2-options');
      await page.getByTestId('next-button').click();
      const adopting = en('ADOPT_REVIEW_ADOPTING', {
        count: 1,
        charts: en('ADOPT_REVIEW_CHART', { chart: CHART, app: hand }),
      });
      await expect
        .poll(() => page.getByTestId('review-adopt').textContent(), { timeout: 30_000 })
        .toContain(adopting);
      await s.browser.screenshot('adopt-3-review');

      await page.getByTestId('start-button').click();
      await waitForJobPage(page);
      expect(await waitForJobEnd(page)).toBe('Succeeded');
      await expect.poll(() => page.textContent('body')).toContain(en('MSG_APP_ADOPTED', { app: hand }));
      await s.browser.screenshot('adopt-4-job');
      // No second app: the chart's versions went to the one uploaded by hand.
      expect(storeApps(playground.emulator).filter(({ name }) => name.startsWith(`${CHART}-`))).toEqual([
        expect.objectContaining({ name: hand }),
      ]);
    },
    BROWSER_TEST_MS,
  );
});
