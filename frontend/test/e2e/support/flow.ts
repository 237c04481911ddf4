// What the full-flow browser tests share: the page's own sentences (from our locale files, so a
// wording change does not break a test), steps through the wizard, reading the job page, the
// KubeSphere emulator's store as plain records, and a Helm repository that wants basic auth.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

import { close, listen, PASSWORD } from '@store-importer/playground';
import type { RunningEmulator } from '@store-importer/kubesphere-emulator';
import { translate } from '../../support/translate';
import { openBrowser, signIn, type BrowserSession } from './browser';
import { startPlaygroundSession, type PlaygroundSession } from './playground';

export const PAGE = '/apps-manage/store-importer';
export const API = '/kapis/storeimporter.kubesphere.io/v1alpha1';

/** The English sentence the page shows for `key`. */
export function en(key: string, params: Record<string, string | number> = {}): string {
  return translate('en', key, params);
}

/** The Chinese sentence the page shows for `key`. */
export function zh(key: string, params: Record<string, string | number> = {}): string {
  return translate('zh', key, params);
}

/** A browser test's time limit: page loads on a busy 2-core machine can take seconds each. */
export const BROWSER_TEST_MS = 60_000;

/**
 * The console lines of an answer with an error status, a failure the page then shows: Chromium's,
 * and react-query's log of the failed request (as the console's own pages log theirs).
 */
export const HTTP_ERROR_LINE =
  /^Failed to load resource: the server responded with a status of \d+|^ApiError: /;

/**
 * One playground and one browser for the calling test file: started before its tests, stopped
 * after them. After each test the emulator's faults and options are reset, and the page must
 * not have logged an error (but for error answers from the server when `httpErrorsExpected`) nor
 * lost a request.
 * Returns the session (valid inside the tests).
 */
export function playgroundForFile(options: { httpErrorsExpected?: boolean } = {}): () => PlaygroundSession {
  let session: PlaygroundSession | undefined;
  const current = (): PlaygroundSession => {
    if (session === undefined) throw new Error('the playground is not started (use it inside a test)');
    return session;
  };
  // A first run installs and builds the KubeSphere console (npm test does that before the tests).
  beforeAll(async () => {
    session = await startPlaygroundSession();
  }, 600_000);
  afterAll(async () => {
    await session?.stop();
  });
  afterEach(async () => {
    const { playground, browser } = current();
    playground.emulator.clearFaults();
    playground.emulator.setOptions({ openpitrix: true });
    const { consoleErrors, failedRequests } = await browser.settle();
    expect({
      consoleErrors:
        options.httpErrorsExpected === true
          ? consoleErrors.filter((line) => !HTTP_ERROR_LINE.test(line))
          : consoleErrors,
      failedRequests,
    }).toEqual({ consoleErrors: [], failedRequests: [] });
  });
  return current;
}

/**
 * A second browser, signed in as admin with a Chinese locale, for the tests of the describe block
 * it is called in (the playground's session stays English).
 */
export function chineseBrowserFor(session: () => PlaygroundSession): () => BrowserSession {
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    browser = await openBrowser({ locale: 'zh-CN' });
    await signIn(browser.page, session().playground.url, 'admin', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw new Error('the Chinese browser is not open (use it inside a test)');
    return browser;
  };
}

/** A base URL where nothing listens. */
export async function closedUrl(): Promise<string> {
  const server = createServer();
  const url = await listen(server, 0, '127.0.0.1');
  await close(server);
  return url;
}

// ---------------------------------------------------------------------------------------------
// kube-design controls

/** Picks an option of a kube-design Select or AutoComplete (rc-select): opens it, clicks the option. */
export async function pickOption(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  const option = page
    .locator('.kubed-select-dropdown:not(.kubed-select-dropdown-hidden) .kubed-select-item-option')
    .filter({ hasText: label });
  await option.first().click();
}

// ---------------------------------------------------------------------------------------------
// The wizard

export const chartRow = (page: Page, chart: string): Locator =>
  page.locator(`[data-testid="chart-row"][data-key="${chart}"]`);

/** The charts the preview table shows, in order (a small repository: every row is rendered). */
export async function shownCharts(page: Page): Promise<string[]> {
  const keys = await page
    .locator('[data-testid="chart-row"]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key') ?? ''));
  return keys;
}

export interface PreviewRowCells {
  name: string;
  icon: string | null;
  latest: string;
  versions: string;
  toCreate: string;
  category: string;
  /** Where the category comes from, as the row says it; '' when nothing names one. */
  categorySource: string;
  size: string;
  /** data-state of each state tag: new, in-store, update, over-limit, deprecated */
  states: string[];
}

/**
 * One preview row, cell by cell (the table's columns: select, chart, latest, versions, to create,
 * category, size, state).
 */
export async function previewRow(page: Page, chart: string): Promise<PreviewRowCells> {
  return chartRow(page, chart).evaluate((row) => {
    const tds = [...row.querySelectorAll('td')];
    const cells = tds.map((cell) => cell.textContent.trim());
    return {
      name: row.querySelector('strong')?.textContent ?? '',
      icon: row.querySelector('[data-testid="chart-icon"] img')?.getAttribute('src') ?? null,
      latest: cells[2] ?? '',
      versions: cells[3] ?? '',
      toCreate: cells[4] ?? '',
      category: tds[5]?.querySelector('[data-testid="category-name"]')?.textContent.trim() ?? '',
      categorySource: tds[5]?.querySelector('[data-testid="category-source"]')?.textContent.trim() ?? '',
      size: cells[6] ?? '',
      states: [...(tds[7]?.querySelectorAll('[data-state]') ?? [])].map(
        (tag) => tag.getAttribute('data-state') ?? '',
      ),
    };
  });
}

export async function openWizard(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('import-wizard').waitFor();
}

export async function chooseConfiguredRepo(page: Page, name: string): Promise<void> {
  await page.getByTestId('source-kind-configured').check();
  await pickOption(page, page.getByTestId('configured-repo-select'), `${name} (`);
  await page.getByTestId('configured-repo-url').waitFor();
}

export interface UrlSourceInput {
  url: string;
  basic?: { username: string; password: string };
}

export async function enterRepoUrl(page: Page, source: UrlSourceInput): Promise<void> {
  await page.getByTestId('source-kind-url').check();
  await page.getByTestId('source-url').fill(source.url);
  if (source.basic !== undefined) {
    await page.getByTestId('source-auth-basic').check();
    await page.getByTestId('source-username').fill(source.basic.username);
    await page.getByTestId('source-password').fill(source.basic.password);
  }
}

/** Clicks Preview and waits for its outcome: the chart table, or the error shown on the source step. */
export async function runPreview(page: Page): Promise<'charts' | 'error'> {
  await page.getByTestId('preview-button').click();
  const table = page.getByTestId('chart-table');
  const error = page.getByTestId('error-alert');
  await table.or(error).first().waitFor({ timeout: 30_000 });
  return (await table.isVisible()) ? 'charts' : 'error';
}

/** Leaves exactly `charts` selected (among those shown). */
export async function selectOnly(page: Page, charts: readonly string[]): Promise<void> {
  const all = page.getByTestId('select-all');
  // The header box selects every row shown when not all are, else clears them.
  if (!(await all.isChecked())) await all.check();
  await all.uncheck();
  for (const chart of charts) await chartRow(page, chart).getByTestId('select-chart').check();
}

/** Sets the store category of one chart on the options step (a store category or a new name). */
export async function setCategory(page: Page, chart: string, category: string): Promise<void> {
  const input = page
    .locator(`[data-testid="category-row"][data-key="${chart}"]`)
    .getByRole('combobox', { name: en('WIZARD_CATEGORY_FOR', { name: chart }) });
  await input.fill(category);
  await input.press('Enter');
}

export interface ImportChoices {
  charts: readonly string[];
  /** every version, or the newest N */
  versions: 'all' | number;
}

/**
 * Imports `charts` of the repository at `repoUrl` with the wizard (other options left at their
 * defaults): preview, select, options, review, start. Returns the new job's id, on its page.
 */
export async function startUrlImport(
  page: Page,
  wizardUrl: string,
  repoUrl: string,
  choices: ImportChoices,
): Promise<string> {
  await openWizard(page, wizardUrl);
  await enterRepoUrl(page, { url: repoUrl });
  expect(await runPreview(page)).toBe('charts');
  await selectOnly(page, choices.charts);
  await page.getByTestId('next-button').click();
  if (choices.versions === 'all') await page.getByTestId('versions-all').check();
  else {
    await page.getByTestId('versions-count').check();
    await page.getByTestId('versions-count-input').fill(String(choices.versions));
  }
  await page.getByTestId('next-button').click();
  await page.getByTestId('plan-totals').waitFor({ timeout: 30_000 });
  await page.getByTestId('start-button').click();
  return waitForJobPage(page);
}

/** The figure a FigureList shows under `testId` (plan-create, total-charts...). */
export async function figure(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent())?.trim() ?? '';
}

// ---------------------------------------------------------------------------------------------
// The job page

export type Phase = 'Pending' | 'Running' | 'Succeeded' | 'PartiallyFailed' | 'Failed' | 'Cancelled';
const ENDED: readonly string[] = ['Succeeded', 'PartiallyFailed', 'Failed', 'Cancelled'];

/** The job id of the job page the browser shows. */
export function jobIdOf(page: Page): string {
  const match = /\/jobs\/([^/?#]+)/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`not a job page: ${page.url()}`);
  return decodeURIComponent(match[1]);
}

/** Waits until the browser is on a job page other than `notId`, and the job is shown; returns its id. */
export async function waitForJobPage(page: Page, notId?: string): Promise<string> {
  await page.waitForURL((url) => /\/jobs\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(`/${notId}`));
  await page.getByTestId('job-summary').waitFor({ timeout: 20_000 });
  return jobIdOf(page);
}

export async function jobPhase(page: Page): Promise<string> {
  return (await page.getByTestId('job-summary').getAttribute('data-phase')) ?? '';
}

/** Waits, on the job page, until the job has ended; returns its phase. */
export async function waitForJobEnd(page: Page, timeoutMs = 60_000): Promise<Phase> {
  await page.waitForFunction(
    (ended) =>
      ended.includes(document.querySelector('[data-testid="job-summary"]')?.getAttribute('data-phase') ?? ''),
    ENDED,
    { timeout: timeoutMs },
  );
  return (await jobPhase(page)) as Phase;
}

export interface JobCounts {
  created: number;
  exists: number;
  failed: number;
}

export async function jobCounts(page: Page): Promise<JobCounts> {
  const count = async (name: string): Promise<number> =>
    Number((await page.getByTestId(`job-count-${name}`).textContent())?.trim());
  return { created: await count('created'), exists: await count('exists'), failed: await count('failed') };
}

export interface JobChartRow {
  chart: string;
  /** data-state of its status tag: created, exists, failed, pending */
  state: string;
  text: string;
  /** the App Store link's href, when it has one */
  appLink: string | null;
}

/** The job page's chart rows (its first page of results). */
export async function jobChartRows(page: Page): Promise<JobChartRow[]> {
  return page.locator('[data-testid="job-charts-row"]').evaluateAll((rows) =>
    rows.map((row) => ({
      chart: row.getAttribute('data-key') ?? '',
      state: row.querySelector('[data-state]')?.getAttribute('data-state') ?? '',
      text: row.textContent,
      appLink: row.querySelector('[data-testid="job-app-link"]')?.getAttribute('href') ?? null,
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// The store, as the KubeSphere emulator holds it

export interface StoreVersionView {
  version: string;
  state: string;
  /** bytes of the stored package; 0 when it has none */
  size: number;
}

export interface StoreAppView {
  name: string;
  /** the chart it came from (the app's alias name) */
  chart: string;
  state: string;
  workspace: string;
  /** the category object's name, and its display name */
  category: string;
  categoryName: string;
  versions: StoreVersionView[];
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(obj) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const labels = (item: Json): Json => obj(obj(item.metadata).labels);
const annotations = (item: Json): Json => obj(obj(item.metadata).annotations);
const nameOf = (item: Json): string => text(obj(item.metadata).name);

/** The store's apps and their versions, sorted by chart, from the emulator's state. */
export function storeApps(emulator: RunningEmulator): StoreAppView[] {
  const state = obj(emulator.state());
  const categories = new Map(
    list(state.categories).map((category) => [
      nameOf(category),
      text(annotations(category)['kubesphere.io/alias-name']),
    ]),
  );
  const versions = list(state.versions);
  return list(state.apps)
    .map((app) => {
      const name = nameOf(app);
      const category = text(labels(app)['application.kubesphere.io/app-category-name']);
      return {
        name,
        chart: text(annotations(app)['kubesphere.io/alias-name']),
        state: text(obj(app.status).state),
        workspace: text(labels(app)['kubesphere.io/workspace']),
        category,
        categoryName: categories.get(category) ?? '',
        versions: versions
          .filter((version) => labels(version)['application.kubesphere.io/app-id'] === name)
          .map((version) => ({
            version: text(obj(version.spec).versionName),
            state: text(obj(version.status).state),
            size: Number(obj(version.package).size ?? 0),
          }))
          .sort((a, b) => a.version.localeCompare(b.version, 'en', { numeric: true })),
      };
    })
    .sort((a, b) => a.chart.localeCompare(b.chart));
}

// ---------------------------------------------------------------------------------------------
// A repository behind basic auth

export interface AuthRepo {
  url: string;
  /** requests that came without the right credentials */
  refused: number;
  close(): Promise<void>;
}

/** A Helm repository that wants `username`/`password`: it forwards authorized requests to `upstream`. */
export async function basicAuthRepo(upstream: string, username: string, password: string): Promise<AuthRepo> {
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const repo = { refused: 0 };
  const forward = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.headers.authorization !== expected) {
      repo.refused += 1;
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="charts"', 'Content-Type': 'text/plain' });
      res.end('401 Unauthorized\n');
      return;
    }
    const answer = await fetch(`${upstream}${req.url ?? '/'}`, { method: req.method });
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'content-length']) headers[name] = answer.headers.get(name) ?? '';
    res.writeHead(answer.status, headers);
    res.end(Buffer.from(await answer.arrayBuffer()));
  };
  const server = createServer((req, res) => {
    forward(req, res).catch(() => {
      res.destroy();
    });
  });
  const url = await listen(server, 0, '127.0.0.1');
  return {
    url,
    get refused() {
      return repo.refused;
    },
    close: () => close(server),
  };
}
