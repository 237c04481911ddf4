// The wizard keeps its work: History and back, browser Back/Forward and a reload keep the source,
// the selection and the options (credentials only in memory: after a reload the password field is
// empty and the page says why); leaving the page with unsaved choices asks first. And the review
// is a confirmation: what will happen in words, and a large plan starts only once its number of
// versions is typed.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { serveBigRepo, type BigRepo } from '../../bench/big-repo';
import { prefillQuery } from '../../src/pages/ImportFromRepo/wizard/prefill';
import {
  basicAuthRepo,
  BROWSER_TEST_MS,
  en,
  enterRepoUrl,
  figure,
  openWizard,
  PAGE,
  playgroundForFile,
  runPreview,
  selectOnly,
  type AuthRepo,
} from './support/flow';

const session = playgroundForFile();
const USER = 'reader';
const PASS = 'wizard-state-pass';
const PICKED = ['hello-web', 'kv-cache'];

let repo: AuthRepo | undefined;
let bigRepo: BigRepo | undefined;
beforeAll(async () => {
  repo = await basicAuthRepo(session().playground.repoUrl, USER, PASS);
  // 20 charts x 15 versions: 300 versions, above the large-plan threshold (200).
  bigRepo = await serveBigRepo({ charts: 20, versionsPerChart: 15 });
});
afterAll(async () => {
  await repo?.close();
  await bigRepo?.close();
});

/** The browser's dialogs (beforeunload) since the test began: each is accepted, so the page is left. */
let dialogs: string[] = [];
beforeEach(() => {
  dialogs = [];
  const { page } = session().browser;
  page.removeAllListeners('dialog');
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
});

const authRepo = (): AuthRepo => {
  if (repo === undefined) throw new Error('the repository is not started');
  return repo;
};

const wizardStep = (page: Page): Promise<string | null> =>
  page.getByTestId('import-wizard').getAttribute('data-step');

async function waitForStep(page: Page, step: string): Promise<void> {
  await page.waitForSelector(`[data-testid="import-wizard"][data-step="${step}"]`, { timeout: 30_000 });
}

async function selectedCharts(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="chart-row"]')
    .evaluateAll((rows) =>
      rows
        .filter(
          (row) =>
            row.querySelector<HTMLInputElement>('[data-testid="select-chart"] input, input[type="checkbox"]')
              ?.checked,
        )
        .map((row) => row.getAttribute('data-key') ?? ''),
    );
}

/** The page's address state, with no secret in it. */
function expectNoSecretInAddress(page: Page): void {
  const url = decodeURIComponent(page.url());
  expect(url).not.toContain(PASS);
  expect(url).not.toContain(USER);
}

/** Fills the wizard up to its options: a repository behind basic auth, two charts, draft, all versions. */
async function fillToOptions(page: Page, wizardUrl: string): Promise<void> {
  await openWizard(page, wizardUrl);
  await enterRepoUrl(page, { url: authRepo().url, basic: { username: USER, password: PASS } });
  expect(await runPreview(page)).toBe('charts');
  await selectOnly(page, PICKED);
  await page.getByTestId('next-button').click();
  await waitForStep(page, 'options');
  await page.getByTestId('versions-all').check();
  await page.getByTestId('publish-draft').check();
}

describe('the wizard keeps its work', { timeout: 2 * BROWSER_TEST_MS }, () => {
  it('across History and back, Back/Forward, and a reload (credentials asked again)', async () => {
    const s = session();
    const { page } = s.browser;
    await fillToOptions(page, s.at(PAGE));
    // The address names the step and the choices, never the credentials.
    await page.waitForURL((url) => url.searchParams.get('publish') === 'draft');
    const address = new URL(page.url()).searchParams;
    expect(address.get('step')).toBe('options');
    expect(address.get('auth')).toBe('basic');
    expect(address.get('charts')).toBe(PICKED.join(','));
    expectNoSecretInAddress(page);

    // Back: the charts step with its selection; Forward: the options again, still draft.
    await page.goBack();
    await waitForStep(page, 'charts');
    expect(await selectedCharts(page)).toEqual(PICKED);
    await page.goForward();
    await waitForStep(page, 'options');
    expect(await page.getByTestId('publish-draft').isChecked()).toBe(true);

    // History and back: the same step and choices, credentials kept in memory (no notice).
    await page.locator('[data-tab$="/jobs"]').click();
    await page.waitForURL((url) => url.pathname === `${PAGE}/jobs`);
    await page.locator(`[data-tab="${PAGE}"]`).click();
    await waitForStep(page, 'options');
    const shownOptions = async () => ({
      draft: await page.getByTestId('publish-draft').isChecked(),
      all: await page.getByTestId('versions-all').isChecked(),
      charts: await page
        .locator('[data-testid="category-row"]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key'))),
      notice: await page.getByTestId('restored-credentials').count(),
    });
    const kept = { draft: true, all: true, charts: PICKED, notice: 0 };
    expect(await shownOptions()).toEqual(kept);
    // Back to History, Forward to the wizard: the same again.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === `${PAGE}/jobs`);
    await page.goForward();
    await waitForStep(page, 'options');
    expect(await shownOptions()).toEqual(kept);
    await s.browser.screenshot('wizard-state-1-options');

    // A reload: source, auth kind and options are back, the password is not, and the page says so.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByTestId('restored-credentials').waitFor({ timeout: 20_000 });
    expect(await wizardStep(page)).toBe('source');
    expect(await page.getByTestId('source-url').inputValue()).toBe(authRepo().url);
    expect(await page.getByTestId('source-auth-basic').isChecked()).toBe(true);
    expect(await page.getByTestId('source-password').inputValue()).toBe('');
    expect(await page.getByTestId('source-username').inputValue()).toBe('');
    await s.browser.screenshot('wizard-state-2-reloaded');
    // The credentials again, then preview: straight back to the options, with the same choices.
    await page.getByTestId('source-username').fill(USER);
    await page.getByTestId('source-password').fill(PASS);
    await page.getByTestId('preview-button').click();
    await waitForStep(page, 'options');
    expect(await page.getByTestId('publish-draft').isChecked()).toBe(true);
    expect(await page.getByTestId('versions-all').isChecked()).toBe(true);
    await page.getByTestId('back-button').click();
    await waitForStep(page, 'charts');
    expect(await selectedCharts(page)).toEqual(PICKED);
    expectNoSecretInAddress(page);
    // Nothing in the browser's storage either.
    const stored = await page.evaluate(() =>
      JSON.stringify([localStorage, sessionStorage].map((store) => Object.entries(store))),
    );
    expect(stored).not.toContain(PASS);
  });

  it('asks before leaving the page with unsaved choices: a console link, and closing the tab', async () => {
    const s = session();
    const { page } = s.browser;
    await openWizard(page, s.at(PAGE));
    await enterRepoUrl(page, { url: authRepo().url, basic: { username: USER, password: PASS } });
    // A link of the console's own that leads out of the page.
    const href = await page.evaluate((inside) => {
      const links = [...document.querySelectorAll<HTMLAnchorElement>('a[href]')];
      const out = links.find((a) => {
        const url = new URL(a.href);
        return url.origin === location.origin && !url.pathname.startsWith(inside) && a.offsetParent !== null;
      });
      out?.setAttribute('data-leave-test', '1');
      return out?.getAttribute('href') ?? null;
    }, PAGE);
    expect(href).not.toBeNull();
    await page.locator('[data-leave-test="1"]').click();
    const dialog = page.getByTestId('leave-dialog');
    await dialog.getByText(en('WIZARD_LEAVE_TITLE')).waitFor();
    await s.browser.screenshot('wizard-state-3-leave', { fullPage: false });
    await dialog.getByRole('button', { name: en('WIZARD_STAY') }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe(PAGE);
    expect(await page.getByTestId('source-password').inputValue()).toBe(PASS);

    // Closing or reloading the tab: the browser's own dialog.
    const before = dialogs.length;
    await page.goto(s.at(`${PAGE}/syncs`), { waitUntil: 'domcontentloaded' });
    expect(dialogs.slice(before)).toEqual(['beforeunload']);
  });

  it('restores a step from a shared address without credentials, reading the repository again', async () => {
    const s = session();
    const { page } = s.browser;
    const query = prefillQuery({
      step: 'options',
      source: {
        url: s.playground.repoUrl,
        insecureSkipTLSVerify: false,
        plainHttp: false,
        passCredentials: false,
      },
      charts: ['sql-lite'],
      publish: 'review',
    });
    await openWizard(page, s.at(`${PAGE}${query}`));
    await waitForStep(page, 'options');
    expect(await page.getByTestId('publish-review').isChecked()).toBe(true);
    expect(
      await page
        .locator('[data-testid="category-row"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key'))),
    ).toEqual(['sql-lite']);
  });
});

describe('the review is a confirmation', { timeout: 2 * BROWSER_TEST_MS }, () => {
  it('states what will happen, and a large plan starts only once its versions are typed', async () => {
    const s = session();
    const { page } = s.browser;
    if (bigRepo === undefined) throw new Error('the big repository is not started');
    await openWizard(page, s.at(PAGE));
    await enterRepoUrl(page, { url: bigRepo.url });
    expect(await runPreview(page)).toBe('charts');
    await page.getByTestId('next-button').click();
    await waitForStep(page, 'options');
    await page.getByTestId('versions-all').check();
    await page.getByTestId('next-button').click();
    await page.getByTestId('review-statements').waitFor({ timeout: 60_000 });

    const statement = async (id: string): Promise<string> =>
      (await page.getByTestId(`review-${id}`).locator('dd').textContent())?.trim() ?? '';
    expect(await statement('target')).toBe(en('WIZARD_REVIEW_TARGET_GLOBAL'));
    expect(await statement('publish')).toBe(en('WIZARD_REVIEW_PUBLISH_ACTIVE'));
    expect(await statement('versions')).toBe(en('JOB_VERSIONS_ALL'));
    expect(await statement('deprecated')).toBe(en('WIZARD_REVIEW_DEPRECATED_OUT'));
    const versions = Number(await figure(page, 'plan-create'));
    expect(versions).toBeGreaterThan(200);
    expect(await statement('new')).toBe(
      en('WIZARD_REVIEW_NEW_COUNTS', { apps: await figure(page, 'plan-charts'), versions, existing: 0 }),
    );
    // The big repository's charts name categories the store does not have yet.
    expect(await statement('categories')).toMatch(/^\d+ created: /);
    expect(await statement('storage')).toMatch(/^At most .+ added to etcd/);
    expect(await statement('storage')).not.toMatch(/\b0 B\b/);

    const start = page.getByTestId('start-button');
    await page.getByTestId('plan-large').waitFor();
    expect(await start.isDisabled()).toBe(true);
    await page.getByTestId('large-confirm-input').fill(String(versions - 1));
    expect(await start.isDisabled()).toBe(true);
    await page.getByTestId('large-confirm-input').fill(String(versions));
    expect(await start.isEnabled()).toBe(true);
    await s.browser.screenshot('wizard-state-4-review');
  });
});
