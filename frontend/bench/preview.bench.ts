// Benchmark: the wizard's preview of a 15,000-version repository (1,000 charts x 15) in Chromium,
// against the playground (the real KubeSphere console, built bundle, backend, KubeSphere emulator). Measured in the
// page with performance.now() and Resource Timing:
//   (a) Preview clicked -> first table rows painted, split into the POST /previews request
//       (server and transfer) and the client's work after it (JSON, rows, React, paint);
//   (b) search latency: a term set in the search box -> the table updated and painted (20 terms);
//   (c) a fast scroll through the whole table: frame times;
//   (d) rows in the DOM (virtualization keeps them bounded).
// The preview is what the wizard sends: sizes 'latest' (one HEAD per chart's newest version).
// Prints figures; asserts nothing but that the page showed what it should.
// Run: `npm run bench` (after the backend benches), or alone: node --import tsx frontend/bench/preview.bench.ts
import { cpus } from 'node:os';

import type { Page } from 'playwright-core';
import { printTable } from '../../backend/bench/measure.js';
import { startPlaygroundSession, type PlaygroundSession } from '../test/e2e/support/playground.js';
import { serveBigRepo } from './big-repo.js';

const SHAPE = { charts: 1_000, versionsPerChart: 15 };
const PREVIEW_RUNS = Number(process.env.BENCH_PREVIEW_RUNS ?? 3);
const TERMS = [
  'data',
  'web',
  'gateway',
  'vault-',
  '0042',
  'monitoring',
  'zzz',
  'proxy stream',
  'cache',
  'storage',
  '',
  'queue',
  'metrics 01',
  'a',
  'search-web',
  'security',
  'analytics',
  'nothing-matches',
  'stream',
  '',
];

interface PreviewTiming {
  totalMs: number;
  requestMs: number;
  ttfbMs: number;
  downloadMs: number;
  clientMs: number;
  responseBytes: number;
  rows: number;
}

interface FilterTiming {
  scriptMs: number;
  paintMs: number;
  rows: number;
}

interface ScrollTiming {
  label: string;
  frames: number;
  meanMs: number;
  p95Ms: number;
  longFrames: number;
  maxRows: number;
  lastRow: string;
  totalRows: number;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const ms = (value: number): string => value.toFixed(value < 10 ? 1 : 0);

/** Clicks Preview in the page and resolves once the first rows are painted (two frames later). */
function measurePreview(page: Page): Promise<PreviewTiming> {
  return page.evaluate(
    () =>
      new Promise<PreviewTiming>((resolve, reject) => {
        performance.clearResourceTimings();
        const button = document.querySelector<HTMLButtonElement>('[data-testid="preview-button"]');
        if (button === null) throw new Error('no Preview button');
        const started = performance.now();
        const timer = setTimeout(() => {
          reject(new Error('no rows within 120 s'));
        }, 120_000);
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-testid="error-alert"]') !== null) {
            observer.disconnect();
            clearTimeout(timer);
            reject(new Error(document.querySelector('[data-testid="error-alert"]')?.textContent ?? 'error'));
            return;
          }
          if (document.querySelector('[data-testid="chart-row"]') === null) return;
          observer.disconnect();
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              clearTimeout(timer);
              const painted = performance.now();
              const request = performance
                .getEntriesByType('resource')
                .filter((entry): entry is PerformanceResourceTiming => entry.name.endsWith('/previews'))
                .at(-1);
              if (request === undefined) {
                reject(new Error('no resource timing for POST /previews'));
                return;
              }
              resolve({
                totalMs: painted - started,
                requestMs: request.responseEnd - request.startTime,
                ttfbMs: request.responseStart - request.startTime,
                downloadMs: request.responseEnd - request.responseStart,
                clientMs: painted - request.responseEnd,
                responseBytes: request.encodedBodySize,
                rows: document.querySelectorAll('[data-testid="chart-row"]').length,
              });
            }),
          );
        });
        observer.observe(document.body, { childList: true, subtree: true });
        button.click();
      }),
  );
}

/** Sets the search box as typing would (one input event) and resolves once the result is painted. */
function measureFilter(page: Page, term: string): Promise<FilterTiming> {
  return page.evaluate(
    (value) =>
      new Promise<FilterTiming>((resolve) => {
        const input = document.querySelector<HTMLInputElement>('input[data-testid="chart-search"]');
        // The prototype's setter, as typing does: React's own tracker on the element would see no change.
        const setValue =
          input === null
            ? undefined
            : Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.bind(input);
        if (input === null || setValue === undefined) throw new Error('no search box');
        const started = performance.now();
        setValue(value);
        // React handles the input event synchronously: the table is updated when it returns.
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const scripted = performance.now();
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            resolve({
              scriptMs: scripted - started,
              paintMs: performance.now() - started,
              rows: document.querySelectorAll('[data-testid="chart-row"]').length,
            });
          }),
        );
      }),
    term,
  );
}

/** Scrolls the table from top to bottom, `pxPerFrame` a frame, recording each frame's duration. */
function scrollThrough(page: Page, pxPerFrame: number): Promise<Omit<ScrollTiming, 'label'>> {
  return page.evaluate(
    (step) =>
      new Promise<Omit<ScrollTiming, 'label'>>((resolve) => {
        const scroller = document.querySelector<HTMLElement>('[data-testid="chart-table"]');
        if (scroller === null) throw new Error('no table');
        scroller.scrollTop = 0;
        const rowCount = (): number => document.querySelectorAll('[data-testid="chart-row"]').length;
        const frames: number[] = [];
        let maxRows = rowCount();
        let last = performance.now();
        const frame = (now: number): void => {
          frames.push(now - last);
          last = now;
          maxRows = Math.max(maxRows, rowCount());
          const atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1;
          if (!atEnd) {
            scroller.scrollTop += step;
            requestAnimationFrame(frame);
            return;
          }
          const rows = document.querySelectorAll('[data-testid="chart-row"]');
          const sorted = frames.slice(1).sort((a, b) => a - b);
          resolve({
            frames: sorted.length,
            meanMs: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
            p95Ms: sorted[Math.ceil(0.95 * sorted.length) - 1] ?? Number.NaN,
            longFrames: sorted.filter((value) => value > 50).length,
            maxRows,
            lastRow: rows[rows.length - 1]?.getAttribute('data-key') ?? '',
            totalRows:
              Number(document.querySelector('[aria-rowcount]')?.getAttribute('aria-rowcount') ?? 0) - 1,
          });
        };
        requestAnimationFrame(frame);
      }),
    pxPerFrame,
  );
}

/** Main-thread time by kind while `work` runs, from Chromium's own counters (ms). */
async function mainThread<T>(
  page: Page,
  work: () => Promise<T>,
): Promise<{ result: T; scriptMs: number; styleLayoutMs: number; taskMs: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async (): Promise<Map<string, number>> =>
    new Map((await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value]));
  const before = await read();
  const result = await work();
  const after = await read();
  await cdp.detach();
  const spent = (name: string): number => ((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000;
  return {
    result,
    scriptMs: spent('ScriptDuration'),
    styleLayoutMs: spent('RecalcStyleDuration') + spent('LayoutDuration'),
    taskMs: spent('TaskDuration'),
  };
}

/** POST /previews through the console's /kapis proxy as the signed-in user, as the page sends it: wall time (ms). */
async function previewRequest(
  session: PlaygroundSession,
  path: string,
  repoUrl: string,
  sizes: 'none' | 'latest',
): Promise<number> {
  const started = performance.now();
  const response = await session.fetchAsUser(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ source: { url: repoUrl }, sizes }),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`POST /previews answered ${String(response.status)}`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const repo = await serveBigRepo(SHAPE);
  console.log(
    `repository: ${String(repo.charts)} charts, ${String(repo.versions)} versions, index.yaml ${(repo.indexBytes / 1024 / 1024).toFixed(1)} MiB on ${repo.url}`,
  );
  const session = await startPlaygroundSession();
  const { page, context } = session.browser;
  // tsx (esbuild) wraps named functions in __name(); the functions run in the page need it there.
  await context.addInitScript('globalThis.__name = (target) => target;');
  try {
    const chromium = context.browser()?.version() ?? 'chromium';
    const api = '/kapis/storeimporter.kubesphere.io/v1alpha1/previews';
    const server: { sizes: string; ms: number }[] = [];
    for (const sizes of ['none', 'latest'] as const)
      for (let run = 0; run < PREVIEW_RUNS; run++)
        server.push({ sizes, ms: await previewRequest(session, api, repo.url, sizes) });

    const previews: PreviewTiming[] = [];
    for (let run = 0; run < PREVIEW_RUNS; run++) {
      await page.goto(session.at('/apps-manage/store-importer'), { waitUntil: 'domcontentloaded' });
      await page.getByTestId('import-wizard').waitFor();
      await page.getByTestId('source-kind-url').check();
      await page.getByTestId('source-url').fill(repo.url);
      previews.push(await measurePreview(page));
    }
    const totalCharts = await page.getByTestId('total-charts').textContent();
    const totalVersions = await page.getByTestId('total-versions').textContent();
    if (totalCharts !== String(repo.charts) || totalVersions !== String(repo.versions))
      throw new Error(`the preview shows ${String(totalCharts)} charts, ${String(totalVersions)} versions`);

    const filters: FilterTiming[] = [];
    for (const term of TERMS) filters.push(await measureFilter(page, term));
    await measureFilter(page, '');

    const scrolls: (ScrollTiming & { scriptMs: number; styleLayoutMs: number; taskMs: number })[] = [];
    const scroll = async (label: string): Promise<void> => {
      const { result, ...thread } = await mainThread(page, () => scrollThrough(page, 1_500));
      scrolls.push({ label, ...result, ...thread });
    };
    await scroll('icons shown');
    // The same scroll with the chart icons hidden: what the images cost.
    await page.addStyleTag({ content: '[data-testid="chart-icon"] { display: none; }' });
    await scroll('icons hidden');

    console.log(
      `\nmachine: ${String(cpus().length)} x ${cpus()[0]?.model ?? '?'}; Node ${process.version}; Chromium ${chromium} headless, no GPU`,
    );
    console.log(`\n(a0) POST /previews alone (through the console's /kapis proxy), ms`);
    printTable(
      ['sizes', ...server.filter((r) => r.sizes === 'none').map((_, index) => `run ${String(index + 1)}`)],
      (['none', 'latest'] as const).map((sizes) => [
        sizes,
        ...server.filter((r) => r.sizes === sizes).map((r) => ms(r.ms)),
      ]),
    );
    console.log(`\n(a) Preview clicked -> first rows painted (sizes 'latest', as the wizard sends), ms`);
    printTable(
      [
        'run',
        'total',
        'POST /previews',
        'of which TTFB',
        'download',
        'client after response',
        'response KiB',
        'rows in DOM',
      ],
      previews.map((p, index) => [
        String(index + 1),
        ms(p.totalMs),
        ms(p.requestMs),
        ms(p.ttfbMs),
        ms(p.downloadMs),
        ms(p.clientMs),
        (p.responseBytes / 1024).toFixed(0),
        String(p.rows),
      ]),
    );
    const paints = filters.map((f) => f.paintMs);
    const scripts = filters.map((f) => f.scriptMs);
    const rows = filters.map((f) => f.rows);
    console.log(`\n(b) search term set -> table updated, ${String(filters.length)} terms, ms`);
    printTable(
      ['measure', 'median', 'p95', 'max'],
      [
        [
          'input -> DOM updated',
          ms(percentile(scripts, 50)),
          ms(percentile(scripts, 95)),
          ms(Math.max(...scripts)),
        ],
        [
          'input -> painted (+2 frames)',
          ms(percentile(paints, 50)),
          ms(percentile(paints, 95)),
          ms(Math.max(...paints)),
        ],
      ],
    );
    console.log(
      `rows in the DOM after a search: ${String(Math.min(...rows))} to ${String(Math.max(...rows))}`,
    );
    console.log('\n(c, d) a fast scroll through the whole table, 1,500 px a frame');
    printTable(
      [
        'run',
        'rows',
        'frames',
        'mean ms',
        'p95 ms',
        '> 50 ms',
        'script ms',
        'style+layout ms',
        'all tasks ms',
        'max rows in DOM',
        'last row',
      ],
      scrolls.map((r) => [
        r.label,
        String(r.totalRows),
        String(r.frames),
        ms(r.meanMs),
        ms(r.p95Ms),
        String(r.longFrames),
        ms(r.scriptMs),
        ms(r.styleLayoutMs),
        ms(r.taskMs),
        String(r.maxRows),
        r.lastRow,
      ]),
    );
    // the console's own known noise left out, as in the browser tests
    const { consoleErrors } = await session.browser.settle();
    if (consoleErrors.length > 0) console.log(`\nconsole errors: ${consoleErrors.join('\n')}`);
  } finally {
    await session.stop();
    await repo.close();
  }
}

await main();
