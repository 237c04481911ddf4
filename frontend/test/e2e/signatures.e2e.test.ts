// The signature policy in the real console: the options step's "Signature verification" (Require,
// with public keys pasted), the review stating the policy, and the job page showing an unsigned
// version as held ("Not released"), which the store keeps as a draft. The keys are a throwaway
// GnuPG key made here; the playground's sample charts carry no .prov.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SAMPLE_REPO_NAME } from '@store-importer/playground';
import {
  BROWSER_TEST_MS,
  chartRow,
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

const run = promisify(execFile);
const session = playgroundForFile();
const CHART = 'hello-web';
let home = '';
let publicKey = '';

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'gnupg-page-'));
  const env = { ...process.env, GNUPGHOME: home };
  const id = 'Page Signer <page@example.test>';
  await run(
    'gpg',
    [
      '--batch',
      '--pinentry-mode',
      'loopback',
      '--passphrase',
      '',
      '--quick-gen-key',
      id,
      'rsa2048',
      'sign',
      'never',
    ],
    { env },
  );
  publicKey = (await run('gpg', ['--batch', '--export', '--armor', id], { env })).stdout;
});
afterAll(async () => {
  if (home !== '') await rm(home, { recursive: true, force: true });
});

describe('signature verification', () => {
  it(
    'is chosen on the options step, stated on the review, and holds an unsigned version back on the job page',
    async () => {
      const s = session();
      const { page } = s.browser;
      await openWizard(page, s.at(PAGE));
      await chooseConfiguredRepo(page, SAMPLE_REPO_NAME);
      expect(await runPreview(page)).toBe('charts');
      await selectOnly(page, [CHART]);
      await page.getByTestId('next-button').click();

      await page.getByTestId('verify-require').check();
      // Without keys the step says what is missing and goes no further.
      await expect.poll(() => page.textContent('body')).toContain(en('VERIFY_KEYS_REQUIRED'));
      expect(await page.getByTestId('next-button').isDisabled()).toBe(true);
      await page.getByTestId('verify-keyring').fill(publicKey);
      await s.browser.screenshot('signatures-1-options');
      // Back on the charts, a chart's details show its signature under the chosen policy.
      await page.getByTestId('back-button').click();
      await chartRow(page, CHART).getByTestId('chart-details-link').click();
      await page.getByTestId('details-signature-unsigned').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('details-signature-unsigned').textContent()).toContain(
        en('MSG_SIGNATURE_MISSING'),
      );
      await s.browser.screenshot('signatures-2-details');
      await page.keyboard.press('Escape');
      await page.getByTestId('chart-details').waitFor({ state: 'detached' });
      await page.getByTestId('next-button').click();
      await page.getByTestId('next-button').click();
      await expect
        .poll(() => page.getByTestId('review-verify').textContent(), { timeout: 30_000 })
        .toContain(en('VERIFY_REVIEW_REQUIRE'));
      await s.browser.screenshot('signatures-3-review');

      await page.getByTestId('start-button').click();
      await waitForJobPage(page);
      expect(await waitForJobEnd(page)).toBe('Succeeded');
      await expect.poll(() => page.textContent('body')).toContain(en('MSG_SIGNATURE_HELD'));
      expect(await page.textContent('body')).toContain(en('MSG_SIGNATURE_MISSING'));
      // The job's settings state the policy.
      expect(await page.textContent('body')).toContain(en('VERIFY_REVIEW_REQUIRE'));
      await s.browser.screenshot('signatures-4-job');
      const app = storeApps(s.playground.emulator).find(({ chart }) => chart === CHART);
      expect(app?.versions.map(({ state }) => state)).toEqual(['draft']);
    },
    BROWSER_TEST_MS,
  );
});
