// The page for a user without App Store management, in Chromium: the real console signed in as the
// emulator's read-only `viewer`, whose global role has the global view templates only (the
// extension's among them). The console's menu gating leaves the entry out of the extension drawer,
// the page still opens by its address, KubeSphere refuses what
// the manage template grants (a preview, running or creating a sync) before the backend sees it, with
// the Forbidden sentence and KubeSphere's own words, the form kept and the store untouched, and the
// history and the syncs load, where what KubeSphere says the viewer may not do is disabled ahead
// with the reason (POST /accessreviews, which ks-apiserver refuses to a user without the
// extension's manage template, as it refuses the writes); the admin's is not.
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { PASSWORD, SAMPLE_REPO_NAME } from '@store-importer/playground';
import type { JobRecord, SyncRecord } from '@store-importer/backend/contract';
import { openBrowser, openPage, signIn } from './support/browser';
import { API, BROWSER_TEST_MS, chooseConfiguredRepo, en, openWizard, PAGE, runPreview } from './support/flow';
import { startPlaygroundSession, type PlaygroundSession } from './support/playground';

const GROUP = 'storeimporter.kubesphere.io';
/** What ks-apiserver says when the viewer asks for what only the manage role template grants. */
const refusal = (resource: string, name?: string): string =>
  `${resource.split('/')[0] ?? ''}.${GROUP}${name ? ` "${name}"` : ''} is forbidden: User "viewer" cannot create resource "${resource}" in API group "${GROUP}" at the cluster scope`;
/**
 * Chromium's console lines for error answers: the 403s this test causes on purpose, and those of
 * the console's own home page for the viewer (global roles, which it may not list, and the
 * marketplace config ks-core 4.1 lacks).
 */
const HTTP_ERROR_LINE =
  /^Failed to load resource: the server responded with a status of (403|404)|^Error: Request failed with status code (403|404)|^ApiError: /;
const ADMIN_SYNC = 'admin-nightly';

let session: PlaygroundSession;

beforeAll(async () => {
  session = await startPlaygroundSession({ user: 'viewer' });
}, 600_000);

afterAll(async () => {
  await session.stop();
});

afterEach(async () => {
  // Refusals are shown in the page, never thrown in it.
  const { consoleErrors, failedRequests } = await session.browser.settle();
  expect({
    consoleErrors: consoleErrors.filter((line) => !HTTP_ERROR_LINE.test(line)),
    failedRequests,
  }).toEqual({ consoleErrors: [], failedRequests: [] });
});

/** The store as the emulator holds it (apps, versions, packages, categories, repos), as plain data. */
function store(): unknown {
  const { apps, versions, packages, categories, repos } = session.playground.emulator.state() as Record<
    string,
    unknown
  >;
  return structuredClone({ apps, versions, packages, categories, repos });
}

/** The viewer's requests to KubeSphere other than reads, with the status they got. */
function viewerRequests(): { method: string; path: string; status: number }[] {
  const { requestLog } = session.playground.emulator.state() as {
    requestLog: { method: string; path: string; status: number; user: string }[];
  };
  return requestLog
    .filter((entry) => entry.user === 'viewer' && entry.method !== 'GET')
    .map(({ method, path, status }) => ({ method, path, status }));
}

/** A validating request (`?validate=true`) writes nothing: it is the service asking whether the caller may manage. */
const isValidation = (path: string): boolean =>
  new URL(path, 'http://x').searchParams.get('validate') === 'true';

/** An access review writes nothing either: it is the page asking. */
const isReview = (path: string): boolean => new URL(path, 'http://x').pathname === `${API}/accessreviews`;

/** The viewer's writes: requests other than reads, reviews and validations. */
function viewerWrites(): { method: string; path: string; status: number }[] {
  return viewerRequests().filter(({ path }) => !isValidation(path) && !isReview(path));
}

/** The viewer's requests of one kind, as `METHOD path -> status`. */
function viewerLines(kind: (path: string) => boolean): string[] {
  return viewerRequests()
    .filter(({ path }) => kind(path))
    .map(({ method, path, status }) => `${method} ${path} -> ${status}`);
}

/** The extension's API as the admin, straight to the backend: what another user already made. */
async function asAdmin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const token = session.playground.emulator.issueToken('admin');
  const response = await fetch(`${session.playground.backendUrl}${API}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return (await response.json()) as T;
}

/**
 * Waits until most of `locator` is on screen, not hidden by the scroll of its page or dialog
 * (an IntersectionObserver accounts for every scrolling ancestor).
 */
async function waitOnScreen(locator: Locator, timeoutMs = 5_000): Promise<void> {
  await locator.evaluate(
    (element, timeout) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`not on screen after ${timeout} ms`));
        }, timeout);
        const observer = new IntersectionObserver(
          (entries) => {
            if (entries.some((entry) => entry.intersectionRatio >= 0.9)) {
              clearTimeout(timer);
              observer.disconnect();
              resolve();
            }
          },
          { threshold: [0.9, 1] },
        );
        observer.observe(element);
      }),
    timeoutMs,
  );
}

/** The text of the refusal tooltip shown, once its fade-in ended (for the screenshot). */
async function shownRefusal(page: Page): Promise<string> {
  // The latest: one shown before may still be fading out.
  const reason = page.getByTestId('manage-refusal-text').last();
  await reason.waitFor();
  await reason.evaluate(async (element) => {
    const box = element.closest('.tippy-box') ?? element;
    await Promise.all(box.getAnimations({ subtree: true }).map((animation) => animation.finished));
  });
  return (await reason.textContent()) ?? '';
}

/** The error alert shown, once the user can see it: its text, and the server's detail. */
async function shownError(scope: Page | Locator) {
  const alert = scope.getByTestId('error-alert');
  await alert.waitFor();
  await waitOnScreen(alert);
  return {
    text: (await alert.textContent()) ?? '',
    detail: (await alert.getByTestId('error-detail').textContent()) ?? '',
  };
}

describe('a user without App Store management', { timeout: BROWSER_TEST_MS }, () => {
  it('has no entry in the extension drawer, and the page still opens by its address', async () => {
    const { page } = session.browser;
    await page.goto(session.at('/dashboard'), { waitUntil: 'domcontentloaded' });
    await page.locator('button.extension-button').click();
    await page.getByText('No Extension Found', { exact: true }).waitFor();
    // The console's user, as KubeSphere describes the viewer (server/services/session.js): its
    // global role, and no manage-app rule from its role templates.
    const user = await page.evaluate(
      () =>
        (
          window as unknown as {
            globals: { user: { globalrole: string; globalRules: Record<string, string[]> } };
          }
        ).globals.user,
    );
    expect(user.globalrole).toBe('platform-viewer');
    expect(user.globalRules['store-importer']).toEqual(['view', 'global-view-store-importer']);
    expect(user.globalRules['manage-app']).toBeUndefined();
    expect(await page.getByText(en('STORE_IMPORTER_MENU'), { exact: true }).count()).toBe(0);
    await session.browser.screenshot('permissions-1-no-menu', { fullPage: false });

    await openPage(page, session.at(PAGE), en('IMPORT_FROM_REPO_TITLE'));
    await page.getByTestId('import-wizard').waitFor();
    await page.getByTestId('preview-button').waitFor();
    await session.browser.screenshot('permissions-2-page-by-address');
  });

  it('is refused a preview by KubeSphere with the Forbidden message: form kept, repository unread, nothing written', async () => {
    const { page } = session.browser;
    const before = store();
    const writesBefore = viewerWrites().length;
    await openWizard(page, session.at(PAGE));
    await chooseConfiguredRepo(page, SAMPLE_REPO_NAME);
    const repoReadsBefore = session.playground.repoRequests().length;
    expect(await runPreview(page)).toBe('error');
    const error = await shownError(page);
    expect(error.text).toContain(en('WIZARD_PREVIEW_FAILED'));
    expect(error.text).toContain(en('ERROR_FORBIDDEN'));
    expect(error.detail).toContain(refusal('previews'));
    await session.browser.screenshot('permissions-3-preview-refused');

    // The source is kept, ready to try again; no chart table.
    expect(new URL(page.url()).pathname).toBe(PAGE);
    expect(await page.getByTestId('chart-table').count()).toBe(0);
    expect(await page.getByTestId('preview-button').isEnabled()).toBe(true);
    expect(await page.getByTestId('source-kind-configured').isChecked()).toBe(true);
    expect(await page.getByTestId('configured-repo-url').textContent()).toContain(session.playground.repoUrl);

    // KubeSphere refused it: the backend never read the repository, nor wrote anything.
    expect(session.playground.repoRequests().slice(repoReadsBefore)).toEqual([]);
    expect(
      viewerWrites()
        .slice(writesBefore)
        .map(({ method, path, status }) => `${method} ${path} -> ${status}`),
    ).toEqual([`POST /kapis/${GROUP}/v1alpha1/previews -> 403`]);
    expect(store()).toEqual(before);
  });

  it('reads the history and the syncs, sees running or creating a sync disabled with the reason, and is refused them', async () => {
    const { page } = session.browser;
    // What an admin made: a dry-run import and a paused sync.
    const job = await asAdmin<JobRecord>('POST', '/jobs', {
      source: { url: session.playground.repoUrl },
      charts: ['hello-web'],
      dryRun: true,
    });
    await asAdmin<SyncRecord>('POST', '/syncs', {
      name: ADMIN_SYNC,
      schedule: '0 2 * * *',
      suspend: true,
      source: { url: session.playground.repoUrl },
    });
    const before = store();
    const writesBefore = viewerWrites().length;
    const validationsBefore = viewerLines(isValidation).length;
    const reviewsBefore = viewerLines(isReview).length;

    await page.goto(session.at(`${PAGE}/jobs`), { waitUntil: 'domcontentloaded' });
    await page.locator(`[data-testid="history-row"][data-key="${job.id}"]`).waitFor();
    await session.browser.screenshot('permissions-4-history');

    await page.getByText(en('TAB_SYNCS'), { exact: true }).click();
    const row = page.locator(`[data-testid="syncs-row"][data-key="${ADMIN_SYNC}"]`);
    await row.waitFor();

    // KubeSphere says the viewer may not manage the global store: the sync's writes are disabled
    // with the reason, its runs still open; a click on Run now sends nothing.
    await row.getByTestId('sync-actions').click();
    const runItem = page.getByTestId('sync-action-run');
    await page.locator('[data-testid="sync-action-run"][aria-disabled="true"]').waitFor();
    for (const action of ['resume', 'edit', 'delete'])
      expect(await page.getByTestId(`sync-action-${action}`).getAttribute('aria-disabled'), action).toBe(
        'true',
      );
    expect(await page.getByTestId('sync-action-runs').getAttribute('aria-disabled')).toBe('false');
    await runItem.getByTestId('manage-refused').hover();
    expect(await shownRefusal(page)).toBe(en('ACCESS_MANAGE_REFUSED'));
    await session.browser.screenshot('permissions-5-run-refused', { fullPage: false });
    // Forced: the item is aria-disabled, which Playwright (as a user) does not click otherwise.
    await runItem.click({ force: true });
    expect(await page.getByTestId('error-alert').count()).toBe(0);
    // A click elsewhere closes the menu.
    await page.getByText(en('IMPORT_FROM_REPO_TITLE'), { exact: true }).first().click();
    await runItem.waitFor({ state: 'hidden' });

    // Nor may the viewer manage the workspace it sees: Create, whose target the form chooses, is
    // disabled with the reason.
    expect(await page.getByTestId('sync-create').first().isDisabled()).toBe(true);
    await page
      .getByTestId('manage-refused')
      .filter({ has: page.getByTestId('sync-create') })
      .first()
      .hover();
    expect(await shownRefusal(page)).toBe(en('ACCESS_MANAGE_REFUSED'));
    await session.browser.screenshot('permissions-6-syncs-viewer', { fullPage: false });

    // Sent anyway, through the console with the viewer's session: KubeSphere refuses both.
    const sent = async (path: string, body: unknown) => {
      const response = await session.fetchAsUser(`${API}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, message: ((await response.json()) as { message?: string }).message };
    };
    expect(await sent(`/syncs/${ADMIN_SYNC}/run`, {})).toEqual({
      status: 403,
      message: expect.stringContaining(refusal('syncs/run', ADMIN_SYNC)) as unknown,
    });
    expect(
      await sent('/syncs', {
        name: 'viewer-sync',
        schedule: '0 3 * * *',
        source: { url: session.playground.repoUrl },
      }),
    ).toEqual({ status: 403, message: expect.stringContaining(refusal('syncs')) as unknown });

    const syncs = await asAdmin<{ items: SyncRecord[] }>('GET', '/syncs');
    expect(syncs.items.map((sync) => [sync.name, sync.status.lastJobId])).toEqual([[ADMIN_SYNC, undefined]]);
    expect(
      viewerWrites()
        .slice(writesBefore)
        .map(({ method, path, status }) => `${method} ${path} -> ${status}`),
    ).toEqual([
      `POST /kapis/${GROUP}/v1alpha1/syncs/${ADMIN_SYNC}/run -> 403`,
      `POST /kapis/${GROUP}/v1alpha1/syncs -> 403`,
    ]);
    expect(store()).toEqual(before);
    // What disabled them: ks-apiserver refused the viewer (no manage template) the reviews of the
    // global store and of its workspace, so the service was never asked.
    expect(viewerLines(isReview).slice(reviewsBefore)).toEqual([
      `POST ${API}/accessreviews -> 403`,
      `POST ${API}/accessreviews -> 403`,
    ]);
    expect(viewerLines(isValidation).slice(validationsBefore)).toEqual([]);

    // A finished job's "Schedule this import" is refused the same way as Create.
    await page.goto(session.at(`${PAGE}/jobs/${job.id}`), { waitUntil: 'domcontentloaded' });
    const schedule = page.getByTestId('job-schedule-import');
    await schedule.waitFor();
    await page.locator('[data-testid="manage-refused"] [data-testid="job-schedule-import"]').waitFor();
    expect(await schedule.isDisabled()).toBe(true);
  });

  it('leaves them enabled for an admin, whom KubeSphere lets manage the App Store', async () => {
    const admin = await openBrowser();
    try {
      const { page } = admin;
      await signIn(page, session.playground.url, 'admin', PASSWORD);
      const answered = page.waitForResponse(
        (response) => new URL(response.url()).pathname === `${API}/accessreviews`,
      );
      await openPage(page, session.at(`${PAGE}/syncs`), en('IMPORT_FROM_REPO_TITLE'));
      expect(await (await answered).json()).toEqual({ manage: true });
      const row = page.locator(`[data-testid="syncs-row"][data-key="${ADMIN_SYNC}"]`);
      await row.waitFor();
      await row.getByTestId('sync-actions').click();
      await page.getByTestId('sync-action-run').waitFor();
      expect(await page.getByTestId('sync-action-run').getAttribute('aria-disabled')).toBe('false');
      expect(await page.getByTestId('sync-create').first().isEnabled()).toBe(true);
      expect(await page.getByTestId('manage-refused').count()).toBe(0);
      expect(await admin.settle()).toEqual({ consoleErrors: [], failedRequests: [] });
    } finally {
      await admin.close();
    }
  });
});
