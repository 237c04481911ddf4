// A tour of every screen of "Import from Repo" in Chromium, in Chinese and in English: the source
// step (a configured repository, a URL with an authentication kind open, an unreachable URL), the
// preview (its charts, a repository's warnings, an empty repository, no match, a selection), the
// chart details (README, values, a cut values.yaml, versions), the options (workspace picker open,
// categories), the review (and a large plan's confirmation), the leave confirmation, a running and a
// finished job (huge-values fails as too large), "Schedule this import", the history (filtered, no
// match, a sync's runs), a job that is not there, and the scheduled syncs (empty, create form,
// list, row menu, delete). Each screen is saved as artifacts/e2e/tour-<lang>-<nn>-<screen>.png,
// to be looked at; on the Chinese page, each screen must hold no English sentence of ours.
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { close, listen, PASSWORD, SAMPLE_REPO_NAME } from '@store-importer/playground';
import { serveBigRepo, type BigRepo } from '../../bench/big-repo';
import locales from '../../src/locales';
import { translate } from '../support/translate';
import {
  ARTIFACTS_DIR,
  openBrowser,
  signIn,
  type BrowserSession,
  type ScreenshotOptions,
} from './support/browser';
import {
  chartRow,
  chooseConfiguredRepo,
  closedUrl,
  enterRepoUrl,
  HTTP_ERROR_LINE,
  openWizard,
  PAGE,
  pickOption,
  playgroundForFile,
  runPreview,
  selectOnly,
  waitForJobEnd,
  waitForJobPage,
} from './support/flow';

// The unreachable repository and the job that is not there are error answers Chromium logs.
const session = playgroundForFile({ httpErrorsExpected: true });

type Lang = 'en' | 'zh';

// ---------------------------------------------------------------------------------------------
// "No English sentence of ours on a Chinese page"

/**
 * Where our page's text is: the root our plugin renders (the Banner with its tabs and the tab's
 * content; not the console's header and menus around it), and what it renders elsewhere in the
 * document (kube-design portals): the chart details drawer, our dialogs, the open drop-downs of
 * our selects and row menus, and our toasts.
 */
const OUR_ROOTS = [
  '[data-testid="store-importer-page"]',
  '[data-testid="chart-details"]',
  '[data-testid="sync-form"]',
  '[data-testid="sync-delete-dialog"]',
  '[data-testid="leave-dialog"]',
  '.kubed-select-dropdown:not(.kubed-select-dropdown-hidden)',
  '[data-tippy-root]',
  '[role="status"][aria-live="polite"]',
];

/**
 * What the chart says of itself, in its own (English) words, not ours: left out of the check.
 */
const CHART_OWN_TEXT = [
  // the details drawer's README and values panes
  '[data-testid="details-readme"]',
  '[data-testid="details-values"]',
  // Chart.yaml's description, under the chart's name in the drawer and in the preview table
  '[data-testid="details-description"]',
  '[data-testid="chart-row"] small',
  // Chart.yaml's facts (maintainers, keywords, home...): their labels are ours and stay checked
  '[data-testid="details-facts"] dd',
];

/**
 * Code-like values our sentences may hold, taken out before the word rules: URLs, then anything
 * with a separator between letters or digits (chart and job names, versions, hosts, time zones,
 * file names, digests like sha256:...), then hex digests.
 */
const CODE_LIKE = [
  /\b(?:https?|oci):\/\/\S+/g,
  /[A-Za-z0-9]+(?:[-_./:@][A-Za-z0-9]+)+/g,
  /\b[0-9a-f]{7,}\b/g,
];

/**
 * Names a Chinese sentence keeps as they are: products, formats, protocols, units, and the
 * playground's data the page shows (the sample repository's category names, the admin user).
 */
const KEPT_NAMES =
  /\b(KubeSphere|Kubernetes|Helm|Charts?|etcd|ConfigMap|Secrets?|S3|OCI|TLS|HTTPS?|CA|PEM|URL|API|README|UTC|GMT|Docker Hub|MiB|KiB|GiB|B|admin|Web Servers|Developer Tools|Database|Monitoring|Networking|Security|Storage|Messaging|Analytics|Logging|AI|Machine Learning)\b/g;

/** Our backend's English phrasing: a function word and two more words. */
const BACKEND_PHRASE = /\b(?:the|is|are|was|were|not|could|cannot|been|would|this|that)\b [a-z]+ [a-z]+/gi;
/** Any run of four English words, whatever they are. */
const ENGLISH_RUN = /\b[A-Za-z]+(?: [A-Za-z]+){3,}\b/g;

/**
 * The English locale's sentences: every literal part (between {placeholders}) longer than 12
 * characters of a value, unless the Chinese value of the same key has it too (a product name, a
 * file's first line).
 */
const ENGLISH_SENTENCES: readonly string[] = (() => {
  const en: Record<string, string> = locales.en;
  const zh: Record<string, string> = locales.zh;
  const parts = new Set<string>();
  for (const [key, value] of Object.entries(en))
    for (const part of value.split(/\{\w+\}/)) {
      const literal = part.trim();
      if (literal.length > 12 && !(zh[key] ?? '').includes(literal)) parts.add(literal);
    }
  return [...parts];
})();

/** The text of our page as shown (innerText: what is visible), the chart's own text left out. */
async function ourText(page: Page): Promise<string> {
  return page.evaluate(
    ({ roots, excluded }) => {
      // innerText leaves out what is not visible: hide the chart's own text for the read.
      const hidden: [HTMLElement, string][] = [];
      for (const selector of excluded)
        for (const element of document.querySelectorAll<HTMLElement>(selector)) {
          hidden.push([element, element.style.visibility]);
          element.style.visibility = 'hidden';
        }
      try {
        const elements = new Set(
          roots.flatMap((selector) => [...document.querySelectorAll<HTMLElement>(selector)]),
        );
        return [...elements].map((element) => element.innerText).join('\n');
      } finally {
        for (const [element, visibility] of hidden) element.style.visibility = visibility;
      }
    },
    { roots: OUR_ROOTS, excluded: CHART_OWN_TEXT },
  );
}

/** The English of ours in a Chinese page's text: sentences of the en locale, and English phrases. */
function englishIn(text: string): string[] {
  const found = ENGLISH_SENTENCES.filter((sentence) => text.includes(sentence)).map(
    (s) => `en locale: "${s}"`,
  );
  let rest = text;
  for (const pattern of CODE_LIKE) rest = rest.replace(pattern, ' ');
  rest = rest.replace(KEPT_NAMES, ' ');
  for (const pattern of [BACKEND_PHRASE, ENGLISH_RUN])
    for (const match of rest.matchAll(pattern)) found.push(`English words: "${match[0]}"`);
  return [...new Set(found)];
}

// ---------------------------------------------------------------------------------------------
// A repository whose index has broken entries (the preview's warnings), and an empty one

const WARN_INDEX = `apiVersion: v1
entries:
  plain-app:
    - {apiVersion: v2, name: plain-app, version: 1.0.0, description: A plain app, urls: [plain-app-1.0.0.tgz]}
    - {apiVersion: v2, name: plain-app, version: not-a-version, urls: [plain-app-x.tgz]}
    - {apiVersion: v2, name: plain-app, version: 0.9.0}
generated: "2026-01-01T00:00:00Z"
`;
const EMPTY_INDEX = 'apiVersion: v1\nentries: {}\ngenerated: "2026-01-01T00:00:00Z"\n';

let tourRepo: { url: string; server: Server } | undefined;
let bigRepo: BigRepo | undefined;

beforeAll(async () => {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://repo').pathname;
    const index =
      path === '/index.yaml' ? WARN_INDEX : path === '/empty/index.yaml' ? EMPTY_INDEX : undefined;
    if (index !== undefined) {
      res.writeHead(200, { 'Content-Type': 'application/yaml' }).end(index);
      return;
    }
    // A package's size, as the preview asks it (HEAD); no package is ever read.
    if (req.method === 'HEAD' && path.endsWith('.tgz')) {
      res.writeHead(200, { 'Content-Type': 'application/gzip', 'Content-Length': '4096' }).end();
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
  });
  tourRepo = { url: await listen(server, 0, '127.0.0.1'), server };
  // 20 charts x 15 versions: above the large-plan threshold (200 versions).
  bigRepo = await serveBigRepo({ charts: 20, versionsPerChart: 15 });
});

afterAll(async () => {
  if (tourRepo) await close(tourRepo.server);
  await bigRepo?.close();
});

// ---------------------------------------------------------------------------------------------
// The tour

interface TourResult {
  shots: string[];
  /** English of ours found on a screen: `screen: what` */
  english: string[];
  /** screens where the English check found nothing (on the English page: the check is blind) */
  nothingFound: string[];
  /** each screen's text as the check read it, for the artifacts */
  texts: string[];
  /** screens the tour could not reach, and why */
  unreached: string[];
}

/** The charts each tour imports: different ones, so that both jobs create versions. */
const TOUR_CHARTS: Record<Lang, string[]> = {
  zh: ['hello-web', 'huge-values', 'kv-cache'],
  en: ['huge-values', 'metrics-agent', 'sql-lite'],
};
/** The viewer's time zone: the schedule's local time is said in it. */
const TIME_ZONE: Record<Lang, string> = { zh: 'Asia/Shanghai', en: 'America/New_York' };

async function tour(browser: BrowserSession, lang: Lang): Promise<TourResult> {
  const s = session();
  const { page } = browser;
  const L = (key: string, params: Record<string, string | number> = {}): string =>
    translate(lang, key, params);
  const result: TourResult = { shots: [], english: [], nothingFound: [], texts: [], unreached: [] };
  let count = 0;
  const shot = async (screen: string, options?: ScreenshotOptions): Promise<void> => {
    count += 1;
    const name = `tour-${lang}-${String(count).padStart(2, '0')}-${screen}`;
    // Let transitions (drawers, tabs, modals) end before the picture.
    await page.waitForTimeout(400);
    await browser.screenshot(name, options);
    result.shots.push(name);
    const text = await ourText(page);
    result.texts.push(`==== ${name}\n${text}`);
    const found = englishIn(text);
    result.english.push(...found.map((what) => `${name}: ${what}`));
    if (found.length === 0) result.nothingFound.push(name);
  };
  /** A screen that is not essential: a failure to reach it is reported, and the tour goes on. */
  const optional = async (screen: string, steps: () => Promise<void>): Promise<void> => {
    try {
      await steps();
    } catch (error) {
      result.unreached.push(`${lang} ${screen}: ${String(error).split('\n')[0] ?? ''}`);
      await page.keyboard.press('Escape');
    }
  };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTimezoneOverride', { timezoneId: TIME_ZONE[lang] });
  const repoUrl = s.playground.repoUrl;
  const syncName = `tour-${lang}`;

  // Scheduled syncs: none yet.
  await page.goto(s.at(`${PAGE}/syncs`), { waitUntil: 'domcontentloaded' });
  await page.getByTestId('syncs-empty').waitFor({ timeout: 20_000 });
  await shot('syncs-empty');

  // History: empty before the first tour's import.
  await page.goto(s.at(`${PAGE}/jobs`), { waitUntil: 'domcontentloaded' });
  await page.getByTestId('history-empty').or(page.getByTestId('history-row')).first().waitFor();
  if (await page.getByTestId('history-empty').isVisible()) await shot('history-empty');

  // Source: the configured repository (the default), then a URL with basic auth open.
  await openWizard(page, s.at(PAGE));
  await chooseConfiguredRepo(page, SAMPLE_REPO_NAME);
  await shot('source-configured');
  await enterRepoUrl(page, { url: repoUrl, basic: { username: 'reader', password: 'tour-secret' } });
  await shot('source-url-basic-auth');
  await page.getByTestId('source-auth-token').check();
  await page.getByTestId('source-token').fill('tour-token');
  await shot('source-url-token-auth');

  // A repository that cannot be reached.
  await page.getByTestId('source-auth-none').check();
  await page.getByTestId('source-url').fill(await closedUrl());
  expect(await runPreview(page)).toBe('error');
  await shot('source-unreachable');

  // A repository with broken index entries: the preview's warnings.
  await page.getByTestId('source-url').fill(tourRepo?.url ?? '');
  expect(await runPreview(page)).toBe('charts');
  await page.getByTestId('preview-warnings').waitFor();
  await shot('preview-warnings');

  // A repository without charts.
  await page.getByTestId('back-button').click();
  await page.getByTestId('source-url').fill(`${tourRepo?.url ?? ''}/empty/`);
  await page.getByTestId('preview-button').click();
  await page.getByTestId('repo-empty').waitFor({ timeout: 30_000 });
  await shot('preview-empty-repo');
  await page.getByTestId('back-button').click();

  // The sample repository's charts; no match; a selection.
  await chooseConfiguredRepo(page, SAMPLE_REPO_NAME);
  expect(await runPreview(page)).toBe('charts');
  await shot('preview');
  await page.getByTestId('chart-search').fill('zzz-nothing');
  await page.getByTestId('filter-empty').waitFor();
  await shot('preview-no-match');
  await page.getByRole('button', { name: L('WIZARD_CLEAR_FILTERS') }).click();
  await chartRow(page, 'hello-web').waitFor();
  await selectOnly(page, TOUR_CHARTS[lang]);
  await page.getByTestId('show-deprecated').locator('label').click();
  await chartRow(page, 'legacy-portal').waitFor();
  await shot('preview-selection-deprecated-shown');
  await page.getByTestId('show-deprecated').locator('label').click();
  await chartRow(page, 'legacy-portal').waitFor({ state: 'detached' });

  // The chart details: README, values, versions; a values.yaml cut at the service's bound.
  const openDetails = async (chart: string): Promise<void> => {
    await chartRow(page, chart).getByTestId('chart-details-link').click();
    await page.getByTestId('chart-details').waitFor();
    await page.getByTestId('details-loading').waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('details-facts').or(page.getByTestId('error-alert')).first().waitFor();
  };
  const openTab = async (label: string): Promise<void> => {
    await page.getByTestId('details-tabs').getByText(label, { exact: true }).click();
  };
  await openDetails('hello-web');
  await shot('details-readme', { fullPage: false });
  await openTab(L('DETAILS_TAB_VALUES'));
  await page.getByTestId('details-values').waitFor();
  await shot('details-values', { fullPage: false });
  await openTab(L('DETAILS_TAB_VERSIONS', { count: 4 }));
  await page.getByTestId('details-versions').waitFor();
  await shot('details-versions', { fullPage: false });
  await page.getByTestId('details-close').click();
  await page.getByTestId('chart-details').waitFor({ state: 'detached' });
  await optional('details-values-truncated', async () => {
    await openDetails('huge-values');
    await openTab(L('DETAILS_TAB_VALUES'));
    await page.getByTestId('details-truncated').waitFor({ timeout: 30_000 });
    await shot('details-values-truncated', { fullPage: false });
  });
  if (await page.getByTestId('chart-details').isVisible()) {
    await page.getByTestId('details-close').click();
    await page.getByTestId('chart-details').waitFor({ state: 'detached' });
  }

  // Options: the workspace picker open, then the categories.
  await page.getByTestId('next-button').click();
  await page.getByTestId('options-fields').waitFor();
  await page.getByTestId('versions-count').check();
  await page.getByTestId('versions-count-input').fill('2');
  await page.getByTestId('target-workspace').check();
  await page.getByTestId('workspace-select').click();
  await page
    .locator('.kubed-select-dropdown:not(.kubed-select-dropdown-hidden) .kubed-select-item-option')
    .first()
    .waitFor();
  await shot('options-workspace-picker');
  await page.keyboard.press('Escape');
  await page.getByTestId('target-global').check();
  const category = page
    .locator(`[data-testid="category-row"][data-key="${TOUR_CHARTS[lang][2] ?? ''}"]`)
    .getByRole('combobox', { name: L('WIZARD_CATEGORY_FOR', { name: TOUR_CHARTS[lang][2] ?? '' }) });
  await category.fill(lang === 'zh' ? '缓存' : 'Caching');
  await category.press('Enter');
  await shot('options-categories');

  // Review.
  await page.getByTestId('next-button').click();
  await page.getByTestId('plan-totals').waitFor({ timeout: 30_000 });
  await shot('review');

  // Leaving with unsaved choices asks first: a console link out of the page.
  await page.evaluate((inside) => {
    const links = [...document.querySelectorAll<HTMLAnchorElement>('a[href]')];
    const out = links.find((a) => {
      const url = new URL(a.href);
      return url.origin === location.origin && !url.pathname.startsWith(inside) && a.offsetParent !== null;
    });
    out?.setAttribute('data-leave-tour', '1');
  }, PAGE);
  await page.locator('[data-leave-tour="1"]').click();
  const leave = page.getByTestId('leave-dialog');
  await leave.getByText(L('WIZARD_LEAVE_TITLE')).waitFor();
  await shot('leave-dialog', { fullPage: false });
  await leave.getByRole('button', { name: L('WIZARD_STAY') }).click();
  await leave.waitFor({ state: 'hidden' });

  // The job, running (slow store writes), then finished with huge-values failed as too large.
  s.playground.emulator.setFaults({ latencyMs: 600, methods: ['POST'] });
  try {
    await page.getByTestId('start-button').click();
    await waitForJobPage(page);
    await page.getByTestId('job-progress-label').waitFor();
    await shot('job-running');
  } finally {
    s.playground.emulator.clearFaults();
  }
  expect(await waitForJobEnd(page, 120_000)).toBe('PartiallyFailed');
  await page
    .locator('[data-testid="job-charts-row"][data-key="huge-values"] [data-state="failed"]')
    .waitFor();
  await shot('job-finished-failed-chart');

  // "Schedule this import": the sync form filled in from the job.
  await page.getByTestId('job-schedule-import').click();
  const form = page.getByTestId('sync-form');
  await form.getByTestId('sync-prefill').waitFor();
  await shot('sync-form-from-job');
  await form.getByRole('button', { name: L('SYNC_CANCEL'), exact: true }).click();
  await form.waitFor({ state: 'detached' });

  // History, filtered by status, then by a search that matches nothing.
  await page.locator(`[data-tab="${PAGE}/jobs"]`).click();
  await page.getByTestId('history-row').first().waitFor();
  await pickOption(page, page.getByTestId('history-phase'), L('PHASE_PARTIALLY_FAILED'));
  await shot('history-filter-partially-failed');
  await optional('history-no-match', async () => {
    const search = page.getByPlaceholder(L('HISTORY_SEARCH'));
    await search.fill('zzz-nothing');
    await search.press('Enter');
    await page.getByTestId('history-no-match').waitFor({ timeout: 5_000 });
    await shot('history-no-match');
  });

  // A job that is not there.
  await page.goto(s.at(`${PAGE}/jobs/no-such-job`), { waitUntil: 'domcontentloaded' });
  await page.getByTestId('job-not-found').waitFor({ timeout: 20_000 });
  await shot('job-not-found');

  // Syncs: the create form (the schedule in the viewer's time zone), the list, its menu, a
  // sync's runs, the delete dialog.
  await page.goto(s.at(`${PAGE}/syncs`), { waitUntil: 'domcontentloaded' });
  await page.getByTestId('sync-create').first().click();
  await form.waitFor();
  await form.getByTestId('sync-name').fill(syncName);
  await form.getByTestId('sync-schedule').fill('0 3 * * *');
  await form.getByTestId('source-url').fill(repoUrl);
  await form.getByTestId('sync-charts').fill('hello-web, kv-cache');
  await form.getByTestId('sync-schedule-local').waitFor();
  // Typing the charts scrolled the form's body down: back up to the schedule and its time zone.
  await form.getByTestId('sync-name').scrollIntoViewIfNeeded();
  await shot('sync-create-form');
  await form.getByRole('button', { name: L('SYNC_CREATE'), exact: true }).click();
  await form.waitFor({ state: 'detached' });
  const row = page.locator(`[data-testid="syncs-row"][data-key="${syncName}"]`);
  await row.waitFor();
  await shot('syncs-list');
  await optional('sync-row-menu', async () => {
    await row.getByTestId('sync-actions').click();
    await page.getByTestId('sync-action-delete').waitFor();
    await shot('sync-row-menu', { fullPage: false });
    await page.getByTestId('sync-action-runs').click();
    await page.getByTestId('history-sync-filter').waitFor();
    await shot('history-sync-runs');
    await page.goto(s.at(`${PAGE}/syncs`), { waitUntil: 'domcontentloaded' });
    await row.waitFor();
  });
  await row.getByTestId('sync-actions').click();
  await page.getByTestId('sync-action-delete').click();
  const dialog = page.getByTestId('sync-delete-dialog');
  await dialog.waitFor();
  await shot('sync-delete-dialog', { fullPage: false });
  await dialog.getByRole('button', { name: L('SYNC_DELETE'), exact: true }).click();
  await page.getByTestId('syncs-empty').waitFor();

  // A large plan: its start waits for the number of versions to be typed.
  await optional('review-large-plan', async () => {
    await openWizard(page, s.at(PAGE));
    await enterRepoUrl(page, { url: bigRepo?.url ?? '' });
    expect(await runPreview(page)).toBe('charts');
    await page.getByTestId('next-button').click();
    await page.getByTestId('versions-all').check();
    await page.getByTestId('next-button').click();
    await page.getByTestId('plan-large').waitFor({ timeout: 90_000 });
    await shot('review-large-plan');
  });

  await cdp.detach();
  return result;
}

/**
 * What the tour says beside its assertions: the screens it could not reach; and each screen's text
 * as the check read it, in artifacts/e2e/tour-<lang>-text.txt.
 */
async function report(lang: Lang, result: TourResult): Promise<void> {
  await writeFile(join(ARTIFACTS_DIR, `tour-${lang}-text.txt`), `${result.texts.join('\n\n')}\n`);
  console.info(
    `tour ${lang}: ${String(result.shots.length)} screenshots${
      result.unreached.length > 0 ? `; not reached:\n  ${result.unreached.join('\n  ')}` : ''
    }`,
  );
}

describe('a tour of every screen', { timeout: 900_000 }, () => {
  it('in Chinese: no English sentence of ours on any screen', async () => {
    const s = session();
    const browser = await openBrowser({ locale: 'zh-CN' });
    try {
      await signIn(browser.page, s.playground.url, 'admin', PASSWORD);
      const result = await tour(browser, 'zh');
      await report('zh', result);
      expect(result.english).toEqual([]);
      expect(result.unreached).toEqual([]);
      const { consoleErrors, failedRequests } = await browser.settle();
      expect({
        consoleErrors: consoleErrors.filter((line) => !HTTP_ERROR_LINE.test(line)),
        failedRequests,
      }).toEqual({ consoleErrors: [], failedRequests: [] });
    } finally {
      await browser.close();
    }
  });

  it('in English', async () => {
    const result = await tour(session().browser, 'en');
    await report('en', result);
    expect(result.unreached).toEqual([]);
    // The check is not blind: on the English page it finds our English on every screen.
    expect(result.nothingFound).toEqual([]);
  });
});
