// Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core (which
// downloads no browser), a fresh profile per session, every console error, failed request and
// error response collected, screenshots saved to artifacts/e2e/ (the CI artifact).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS_DIR = new URL('../../../../artifacts/e2e/', import.meta.url).pathname;

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The extension's API and bundle, as the console requests them. */
const OUR_PATHS = /^\/(kapis\/storeimporter\.kubesphere\.io\/|pstatic\/dist\/store-importer\/)/;

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** console.error() calls and uncaught exceptions of the page, in order */
  consoleErrors: string[];
  /** requests that got no answer: `GET url: net::ERR_...` */
  failedRequests: string[];
  /** answers with status >= 400: `GET url -> 404` */
  errorResponses: string[];
  /** every request the page made: `GET url` */
  requests: string[];
  /**
   * Saves a screenshot as artifacts/e2e/<name>.png and returns its path: the whole page from its
   * top (the default), or `{ fullPage: false }` for what the viewport shows where it is scrolled.
   */
  screenshot(name: string, options?: ScreenshotOptions): Promise<string>;
  /**
   * Waits until the extension's own requests have ended (its API and bundle; not the console's long
   * polls, nor event streams), at most `timeoutMs`, then returns the console errors and failed
   * requests collected so far and clears them, so that each test checks its own.
   * Requests the browser cancelled itself (net::ERR_ABORTED: a reload or navigation while they
   * ran, a closed EventSource) are left out.
   */
  settle(timeoutMs?: number): Promise<{ consoleErrors: string[]; failedRequests: string[] }>;
  close(): Promise<void>;
}

/**
 * What the KubeSphere console 4.1.1 itself logs on every page against a ks-core 4.1 server: its
 * header asks for the KubeSphere Marketplace config (core/src/stores/marketplace.ts), which ks-core
 * 4.1 does not serve (404; the console then treats the marketplace as offline), and its request
 * helper logs that error from the console's own vendor bundle. Errors of our page come from our
 * bundle, never from there.
 */
function isConsoleOwnNoise(line: string): boolean {
  return (
    /^Failed to load resource: .* 404 .*\/kapis\/config\.kubesphere\.io\/v1alpha2\/configs\/marketplace\)$/.test(
      line,
    ) ||
    (line.startsWith('Error: Request failed with status code 404') &&
      /\(http:\/\/[^)]*\/dist\/js\/vendor\.[0-9a-f]+\.js\)$/.test(line))
  );
}

export interface ScreenshotOptions {
  /** the whole page (default) or only the viewport as it is scrolled now */
  fullPage?: boolean;
}

export interface BrowserOptions {
  /** the browser's language (Accept-Language, navigator.language); default en-US */
  locale?: string;
}

/** Fails, saying how to install it, when Debian's chromium is missing: browser tests never skip. */
export function requireChromium(path = CHROMIUM): void {
  if (!existsSync(path))
    throw new Error(
      `${path} is missing: the browser tests need Debian's chromium. Run \`bash scripts/ensure-chromium.sh\` as root (.ci/run does).`,
    );
}

export async function openBrowser(options: BrowserOptions = {}): Promise<BrowserSession> {
  requireChromium();
  const profile = await mkdtemp(join(tmpdir(), 'store-importer-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1440, height: 900 },
      locale: options.locale ?? 'en-US',
      timeout: 30_000,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const session: BrowserSession = {
    context,
    page,
    consoleErrors: [],
    failedRequests: [],
    errorResponses: [],
    requests: [],
    async screenshot(name, { fullPage = true } = {}) {
      await mkdir(ARTIFACTS_DIR, { recursive: true });
      const path = join(ARTIFACTS_DIR, `${name}.png`);
      // A full-page capture paints fixed elements (the console's top bar and nav) where they sit
      // at the current scroll position, i.e. in the middle of the image when the page was scrolled:
      // capture from the top, where they belong.
      if (fullPage)
        await page.evaluate(() => {
          window.scrollTo(0, 0);
        });
      await page.screenshot({ path, fullPage });
      return path;
    },
    async settle(timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      while (pending.size > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      return {
        consoleErrors: session.consoleErrors.splice(0).filter((line) => !isConsoleOwnNoise(line)),
        failedRequests: session.failedRequests
          .splice(0)
          .filter((failure) => !failure.endsWith('net::ERR_ABORTED')),
      };
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
  page.on('console', (message) => {
    if (message.type() === 'error')
      session.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => session.consoleErrors.push(`uncaught: ${error.message}`));
  // The extension's requests in flight (an event stream never ends: left out).
  const pending = new Set<Request>();
  const ours = (request: Request): boolean =>
    request.resourceType() !== 'eventsource' && OUR_PATHS.test(new URL(request.url()).pathname);
  page.on('request', (request) => {
    session.requests.push(`${request.method()} ${request.url()}`);
    if (ours(request)) pending.add(request);
  });
  page.on('requestfinished', (request) => pending.delete(request));
  page.on('requestfailed', (request) => pending.delete(request));
  page.on('requestfailed', (request) =>
    session.failedRequests.push(
      `${request.method()} ${request.url()}: ${request.failure()?.errorText ?? '?'}`,
    ),
  );
  page.on('response', (response) => {
    if (response.status() >= 400)
      session.errorResponses.push(`${response.request().method()} ${response.url()} -> ${response.status()}`);
  });
  return session;
}

/**
 * Signs in through the KubeSphere console's login page (its fields, and the console server's
 * POST /login), and waits for the page it lands on. The session cookie then goes with every page.
 */
export async function signIn(
  page: Page,
  consoleUrl: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(new URL('/login', consoleUrl).toString(), { waitUntil: 'domcontentloaded' });
  // its two fields, in any language: the user (the first input) and the password
  await page.locator('form input').first().fill(username);
  const passwordField = page.locator('form input[type="password"]');
  await passwordField.fill(password);
  await passwordField.press('Enter');
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 30_000 });
}

/** Waits until `text` is visible somewhere on the page. */
export async function waitForText(page: Page, text: string | RegExp, timeoutMs = 15_000): Promise<void> {
  await page.getByText(text).first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Opens `url` and waits until `text` shows. */
export async function openPage(
  page: Page,
  url: string,
  text: string | RegExp,
  timeoutMs = 20_000,
): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await waitForText(page, text, timeoutMs);
}
