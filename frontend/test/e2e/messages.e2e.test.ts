// The service's messages (codes with parameters) as the page shows them, in Chromium: a Chinese
// session previews and imports a repository whose index has broken entries and whose packages
// fail for good, and sees every warning, reason and outcome in Chinese, rendered from the codes
// by our zh locale; a job whose failures all need a change offers no retry but says so, a job
// with a failure a retry can fix still offers it; an error answer's coded detail is in Chinese.
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { close, listen } from '@store-importer/playground';
import type { Message } from '../../src/api';
import { messageText } from '../../src/components/messages';
import { translate } from '../support/translate';
import {
  API,
  BROWSER_TEST_MS,
  closedUrl,
  en,
  enterRepoUrl,
  HTTP_ERROR_LINE,
  jobChartRows,
  jobCounts,
  openWizard,
  PAGE,
  playgroundForFile,
  runPreview,
  selectOnly,
  startUrlImport,
  waitForJobEnd,
  waitForJobPage,
  zh,
  chineseBrowserFor,
} from './support/flow';

const session = playgroundForFile();

/** A message as the Chinese page renders it: our messageText with the zh locale's t(). */
function zhText(message: Message): string {
  vi.stubGlobal('t', (key: string, params?: Record<string, unknown>) => translate('zh', key, params));
  try {
    return messageText(message);
  } finally {
    vi.unstubAllGlobals();
  }
}

/** Words a Chinese sentence may keep: names of products, formats and protocols (as in messages.test.ts). */
const KEPT =
  /\b(helm repo index|Chart\.yaml|Chart|KubeSphere|ks-core|Kubernetes|ConfigMap|etcd|S3|API|TLS|HTTP|SHA-1|sha256|MiB|GiB|KiB|application|library|gzip|tar|YAML|helm package|Helm|true|false|HTML|JSON|apiVersion|entries)\b/g;

/**
 * The English words left in a Chinese text once the names it may show are taken out (quoted
 * parameters, URLs, chart names, product names): none, or a sentence of ours was not translated.
 */
function englishWords(text: string, names: readonly string[]): string[] {
  let rest = text.replace(/"[^"]*"/g, '').replace(/https?:\/\/\S+/g, '');
  for (const name of [...names].sort((a, b) => b.length - a.length)) rest = rest.replaceAll(name, '');
  return rest.replace(KEPT, '').match(/[A-Za-z]{3,}/g) ?? [];
}

// ---------------------------------------------------------------------------------------------
// A small Helm repository with broken index entries and packages that cannot be imported

/** A ustar header + data blocks for one file. */
function tarEntry(path: string, content: string): Buffer[] {
  const data = Buffer.from(content);
  const header = Buffer.alloc(512);
  const put = (text: string, offset: number, length: number): void => {
    header.write(text.slice(0, length), offset, length, 'ascii');
  };
  const octal = (value: number, length: number): string => `${value.toString(8).padStart(length - 1, '0')}\0`;
  put(path, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(data.length, 12), 124, 12);
  put(octal(0, 12), 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const byte of header) sum += byte;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return [header, data, Buffer.alloc((512 - (data.length % 512)) % 512)];
}

/** The smallest chart package: `<dir>/Chart.yaml` naming `name` `version`. */
function chartPackage(dir: string, name: string, version: string): Buffer {
  const chartYaml = `apiVersion: v2\nname: ${name}\nversion: ${version}\ndescription: ${name} for the message tests\n`;
  return gzipSync(Buffer.concat([...tarEntry(`${dir}/Chart.yaml`, chartYaml), Buffer.alloc(1024)]));
}

/** Charts of the repository, and what each one is for. */
const GOOD = 'plain-app'; // imports; its index entries also hold the two broken ones
const MISMATCH = 'wrong-package'; // the package is another chart's version: fails, needs a change
const NOT_GZIP = 'not-gzip'; // the package is text: fails, needs a change
const FLAKY = 'flaky-app'; // its package answers 503 while `flaky` is set: fails, a retry helps
const CHARTS = [GOOD, MISMATCH, NOT_GZIP, FLAKY];

const INDEX = `apiVersion: v1
entries:
  ${GOOD}:
    - {apiVersion: v2, name: ${GOOD}, version: 1.0.0, urls: [${GOOD}-1.0.0.tgz]}
    - {apiVersion: v2, name: ${GOOD}, version: not-a-version, urls: [${GOOD}-x.tgz]}
    - {apiVersion: v2, name: ${GOOD}, version: 0.9.0}
  ${MISMATCH}:
    - {apiVersion: v2, name: ${MISMATCH}, version: 1.0.0, urls: [${MISMATCH}-1.0.0.tgz]}
  ${NOT_GZIP}:
    - {apiVersion: v2, name: ${NOT_GZIP}, version: 1.0.0, urls: [${NOT_GZIP}-1.0.0.tgz]}
  ${FLAKY}:
    - {apiVersion: v2, name: ${FLAKY}, version: 1.0.0, urls: [${FLAKY}-1.0.0.tgz]}
generated: "2026-01-01T00:00:00Z"
`;

const FILES: Record<string, Buffer> = {
  '/index.yaml': Buffer.from(INDEX),
  [`/${GOOD}-1.0.0.tgz`]: chartPackage(GOOD, GOOD, '1.0.0'),
  [`/${MISMATCH}-1.0.0.tgz`]: chartPackage('other-chart', 'other-chart', '2.0.0'),
  [`/${NOT_GZIP}-1.0.0.tgz`]: Buffer.from('this is not a chart package\n'.repeat(4)),
  [`/${FLAKY}-1.0.0.tgz`]: chartPackage(FLAKY, FLAKY, '1.0.0'),
};

interface MessagesRepo {
  url: string;
  /** while true, GETs of flaky-app's package answer 503 (HEADs still answer) */
  flaky: boolean;
  /** while true, index.yaml is not there (404) */
  indexGone: boolean;
}

const repo: MessagesRepo = { url: '', flaky: false, indexGone: false };
let server: Server | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://repo').pathname;
    const body = repo.indexGone && path === '/index.yaml' ? undefined : FILES[path];
    if (body === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    if (repo.flaky && req.method === 'GET' && path.startsWith(`/${FLAKY}-`)) {
      res.writeHead(503, { 'Content-Type': 'text/plain' }).end('busy\n');
      return;
    }
    const type = path.endsWith('.yaml') ? 'application/yaml' : 'application/gzip';
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  repo.url = await listen(server, 0, '127.0.0.1');
});

afterAll(async () => {
  if (server) await close(server);
});

// ---------------------------------------------------------------------------------------------

/** The JSON of the next answer to a request to `path` of our API (POST previews, GET jobs/x...). */
async function answerOf(
  page: Page,
  method: string,
  path: RegExp,
  act: () => Promise<unknown>,
): Promise<unknown> {
  const answer: Promise<Response> = page.waitForResponse(
    (response) => response.request().method() === method && path.test(new URL(response.url()).pathname),
    { timeout: 30_000 },
  );
  const [response] = await Promise.all([answer, act()]);
  return response.json();
}

/** What these tests read of a job's record. */
interface JobRecordView {
  status: {
    warnings: Message[];
    failures: { chart: string; version: string; reasons?: Message[]; remedy?: string }[];
  };
}

/** The job's record as the service keeps it. */
async function jobRecord(id: string): Promise<JobRecordView> {
  const response = await session().fetchAsUser(`${API}/jobs/${encodeURIComponent(id)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as JobRecordView;
}

const listItems = (page: Page, testId: string): Promise<string[]> =>
  page.getByTestId(testId).locator('li').allTextContents();

describe('a Chinese session', { timeout: BROWSER_TEST_MS * 2 }, () => {
  const zhBrowserOf = chineseBrowserFor(session);

  it('shows the index warnings, the reasons and the outcome of an import in Chinese', async () => {
    const s = session();
    const zhBrowser = zhBrowserOf();
    const { page } = zhBrowser;
    await openWizard(page, s.at(PAGE));
    await enterRepoUrl(page, { url: repo.url });
    const preview = (await answerOf(page, 'POST', /\/previews$/, () => runPreview(page))) as {
      warnings: Message[];
    };
    await page.getByTestId('chart-table').waitFor();

    // The preview's warnings: the two broken entries of plain-app, in Chinese.
    expect(preview.warnings.map((warning) => warning.code).sort()).toEqual([
      'index-entry-bad-version',
      'index-entry-no-url',
    ]);
    const warnings = page.getByTestId('preview-warnings');
    expect(await warnings.textContent()).toContain(zh('WIZARD_WARNINGS', { count: 2 }));
    const previewLines = await listItems(page, 'preview-warnings');
    expect(previewLines).toEqual(preview.warnings.map(zhText));
    expect(previewLines.sort()).toEqual(
      [
        zh('MSG_INDEX_ENTRY_BAD_VERSION', {
          chart: GOOD,
          entry: zh('MSG_VERSION_ENTRY', { version: 'not-a-version' }),
        }),
        zh('MSG_INDEX_ENTRY_NO_URL', { chart: GOOD, entry: zh('MSG_VERSION_ENTRY', { version: '0.9.0' }) }),
      ].sort(),
    );
    expect(englishWords((await warnings.textContent()) ?? '', CHARTS)).toEqual([]);
    await zhBrowser.screenshot('messages-1-preview-warnings-zh');

    // Import plain-app (created) and wrong-package (its package is another chart: fails for good).
    await selectOnly(page, [GOOD, MISMATCH]);
    await page.getByTestId('next-button').click();
    await page.getByTestId('options-fields').waitFor();
    await page.getByTestId('versions-all').check();
    await page.getByTestId('next-button').click();
    await page.getByTestId('plan-totals').waitFor({ timeout: 30_000 });
    await page.getByTestId('start-button').click();
    const job = await waitForJobPage(page);
    expect(await waitForJobEnd(page)).toBe('PartiallyFailed');
    expect(await jobCounts(page)).toEqual({ created: 1, exists: 0, failed: 1 });
    const record = await jobRecord(job);

    // The outcome: partly failed, without pointing to a retry the page does not offer.
    expect(await page.getByTestId('job-message').textContent()).toBe(
      zh('JOB_OUTCOME_PARTIAL_NO_RETRY', { count: 1 }),
    );

    // The job's warnings: the index's, as the service recorded them, in Chinese.
    expect(record.status.warnings.length).toBeGreaterThan(0);
    await page.getByTestId('job-warnings').waitFor();
    const jobWarnings = await listItems(page, 'job-warnings');
    expect(jobWarnings).toEqual(record.status.warnings.map(zhText));
    for (const line of previewLines) expect(jobWarnings).toContain(line);

    // The chart rows: the failed version with its reason in Chinese.
    const rows = await jobChartRows(page);
    expect(rows.map((row) => [row.chart, row.state])).toEqual([
      [GOOD, 'created'],
      [MISMATCH, 'failed'],
    ]);
    const failure = record.status.failures.find((item) => item.chart === MISMATCH);
    expect(failure?.remedy).toBe('change');
    expect(failure?.reasons?.map((reason) => reason.code)).toEqual(['package-identity-mismatch']);
    const reasonCell = page
      .locator(`[data-testid="job-charts-row"][data-key="${MISMATCH}"] li[data-status="failed"]`)
      .first();
    const reason = zh('MSG_PACKAGE_IDENTITY_MISMATCH', {
      packageName: 'other-chart',
      packageVersion: '2.0.0',
      indexName: MISMATCH,
      indexVersion: '1.0.0',
    });
    expect(await reasonCell.textContent()).toBe(`1.0.0: ${reason}`);
    expect(reason).toBe(zhText(failure?.reasons?.[0] as Message));

    // Nothing to retry: the one failure needs a change, which the page says.
    expect(await page.getByTestId('job-retry-failed').count()).toBe(0);
    expect(await page.getByTestId('job-permanent-failures').textContent()).toBe(
      zh('JOB_PERMANENT_FAILURES', { count: 1 }),
    );

    // No English sentence of ours anywhere in what the job page says (the chart table but its
    // app column: an app's name ends in random letters).
    const said = await Promise.all(
      ['job-message', 'job-warnings', 'job-permanent-failures'].map(
        async (testId) => (await page.getByTestId(testId).textContent()) ?? '',
      ),
    );
    said.push(
      ...(await page
        .locator('[data-testid="job-charts"] th, [data-testid="job-charts-row"] td:not(:last-child)')
        .allTextContents()),
    );
    expect(englishWords(said.join('\n'), [...CHARTS, 'other-chart'])).toEqual([]);
    await zhBrowser.screenshot('messages-2-job-zh');
    expect((await zhBrowser.settle()).consoleErrors).toEqual([]);
  });

  it('says in Chinese why a job could not read the repository', async () => {
    const s = session();
    const zhBrowser = zhBrowserOf();
    const { page } = zhBrowser;
    await openWizard(page, s.at(PAGE));
    await enterRepoUrl(page, { url: repo.url });
    expect(await runPreview(page)).toBe('charts');
    // A chart never imported: the plan has a version to create.
    await selectOnly(page, [MISMATCH]);
    await page.getByTestId('next-button').click();
    await page.getByTestId('options-fields').waitFor();
    await page.getByTestId('next-button').click();
    await page.getByTestId('plan-totals').waitFor({ timeout: 30_000 });
    // The repository goes away between the review and the start.
    repo.indexGone = true;
    try {
      await page.getByTestId('start-button').click();
      const job = await waitForJobPage(page);
      expect(await waitForJobEnd(page)).toBe('Failed');
      const record = (await jobRecord(job)) as JobRecordView & { status: { detail?: Message } };
      expect(record.status.detail?.code).toBe('repo-fetch-failed');
      const detail = page.getByTestId('job-outcome-detail');
      expect(await detail.textContent()).toBe(zhText(record.status.detail as Message));
      expect(await detail.textContent()).toContain(zh('MSG_KIND_NOT_FOUND'));
      const message = (await page.getByTestId('job-message').textContent()) ?? '';
      expect(message).toContain(zh('JOB_OUTCOME_FAILED'));
      expect(englishWords(message, CHARTS)).toEqual([]);
      // A job that failed before its first chart is retried as a whole.
      expect(await page.getByTestId('job-retry-failed').textContent()).toBe(zh('JOB_RETRY'));
      await zhBrowser.screenshot('messages-2b-job-failed-zh');
    } finally {
      repo.indexGone = false;
    }
    const { consoleErrors } = await zhBrowser.settle();
    expect(consoleErrors.filter((line) => !HTTP_ERROR_LINE.test(line))).toEqual([]);
  });

  it('shows the coded detail of an error answer in Chinese (a repository that refuses connections)', async () => {
    const s = session();
    const zhBrowser = zhBrowserOf();
    const { page } = zhBrowser;
    const unreachable = await closedUrl();
    await openWizard(page, s.at(PAGE));
    await enterRepoUrl(page, { url: unreachable });
    const status = (await answerOf(page, 'POST', /\/previews$/, () => runPreview(page))) as {
      reason: string;
      detail?: Message;
    };
    expect(status.detail?.code).toBe('repo-fetch-failed');
    expect(status.detail?.params.kind).toBe('refused');
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(zh('WIZARD_PREVIEW_FAILED'));
    expect(await alert.textContent()).toContain(zh('ERROR_REPO_UNREACHABLE'));
    const detail = (await alert.getByTestId('error-detail').textContent()) ?? '';
    expect(detail).toBe(zhText(status.detail as Message));
    expect(detail).toBe(
      zh('MSG_REPO_FETCH_FAILED', {
        url: String(status.detail?.params.url),
        kindText: zh('MSG_KIND_REFUSED'),
        hint: zh('MSG_HINT_REFUSED'),
      }),
    );
    expect(detail).toContain(unreachable.replace(/\/$/, ''));
    expect(englishWords((await alert.textContent()) ?? '', [])).toEqual([]);
    await zhBrowser.screenshot('messages-3-error-detail-zh');
    const { consoleErrors } = await zhBrowser.settle();
    expect(consoleErrors.filter((line) => !HTTP_ERROR_LINE.test(line))).toEqual([]);
  });
});

describe('retrying failed charts', { timeout: BROWSER_TEST_MS * 2 }, () => {
  it('is not offered when every failure needs a change, and the page says so', async () => {
    const s = session();
    const { page } = s.browser;
    await startUrlImport(page, s.at(PAGE), repo.url, { charts: [MISMATCH, NOT_GZIP], versions: 'all' });
    expect(await waitForJobEnd(page)).toBe('Failed');
    expect(await jobCounts(page)).toEqual({ created: 0, exists: 0, failed: 2 });
    const rows = await jobChartRows(page);
    expect(rows.map((row) => [row.chart, row.state])).toEqual([
      [MISMATCH, 'failed'],
      [NOT_GZIP, 'failed'],
    ]);
    expect(rows.find((row) => row.chart === NOT_GZIP)?.text).toContain(
      'Not a chart package: the data (112 B) is not gzip-compressed.',
    );
    expect(await page.getByTestId('job-message').textContent()).toContain(
      en('JOB_OUTCOME_ALL_FAILED', { count: 2 }),
    );
    expect(await page.getByTestId('job-permanent-failures').textContent()).toBe(
      en('JOB_PERMANENT_FAILURES', { count: 2 }),
    );
    expect(await page.getByTestId('job-retry-failed').count()).toBe(0);
    // Importing again stays possible: after the repository is fixed.
    expect(await page.getByTestId('job-import-again').isEnabled()).toBe(true);
    await s.browser.screenshot('messages-4-permanent-failures');
  });

  it('offers the charts a retry can fix, and says which cannot', async () => {
    const s = session();
    const { page } = s.browser;
    repo.flaky = true;
    try {
      await startUrlImport(page, s.at(PAGE), repo.url, { charts: [FLAKY, NOT_GZIP], versions: 'all' });
      expect(await waitForJobEnd(page, 90_000)).toBe('Failed');
    } finally {
      repo.flaky = false;
    }
    const first = await waitForJobPage(page);
    expect(await jobCounts(page)).toEqual({ created: 0, exists: 0, failed: 2 });
    const record = await jobRecord(first);
    expect(Object.fromEntries(record.status.failures.map((item) => [item.chart, item.remedy]))).toEqual({
      [FLAKY]: 'retry',
      [NOT_GZIP]: 'change',
    });
    expect(await page.getByTestId('job-permanent-failures').textContent()).toBe(
      en('JOB_PERMANENT_FAILURES', { count: 1 }),
    );
    expect(await page.getByTestId('job-retry-failed').textContent()).toBe(
      en('JOB_RETRY_FAILED', { count: 1 }),
    );
    await s.browser.screenshot('messages-5-mixed-failures');

    // The retry imports the flaky chart only, which the repository now serves.
    await page.getByTestId('job-retry-failed').click();
    await waitForJobPage(page, first);
    expect(await waitForJobEnd(page)).toBe('Succeeded');
    expect(await jobCounts(page)).toEqual({ created: 1, exists: 0, failed: 0 });
    expect((await jobChartRows(page)).map((row) => row.chart)).toEqual([FLAKY]);
  });
});
