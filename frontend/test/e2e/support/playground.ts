// The playground for browser tests: the bundle built into a temporary folder (tests never write
// frontend/dist, which `npm start` and the developers use), the playground (the real KubeSphere
// console in front of the emulator and the backend) on a free port with its logs in the same folder,
// and Chromium signed in through the console's login page. Full-flow tests use this and the helpers
// of browser.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  buildFrontendBundle,
  PASSWORD,
  startPlayground,
  type Playground,
  type PlaygroundOptions,
  type PlaygroundUser,
} from '@store-importer/playground';
import { openBrowser, signIn, type BrowserOptions, type BrowserSession } from './browser';

export interface PlaygroundSession {
  playground: Playground;
  browser: BrowserSession;
  /** who the browser is signed in as */
  user: PlaygroundUser;
  /** the playground's URL for a path: `at('/apps-manage/store-importer/jobs')` */
  at(path: string): string;
  /**
   * A request through the console as the signed-in user (with the browser's session cookie, which
   * the console server turns into the user's token), e.g. to read what the page just made.
   */
  fetchAsUser(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export async function startPlaygroundSession(
  options: Omit<PlaygroundOptions, 'port' | 'frontendDistDir' | 'logDir'> & {
    browser?: BrowserOptions;
    /** who signs in; default admin */
    user?: PlaygroundUser;
  } = {},
): Promise<PlaygroundSession> {
  const work = await mkdtemp(join(tmpdir(), 'playground-e2e-'));
  const stops: (() => Promise<void>)[] = [() => rm(work, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const step of stops.splice(0).reverse()) await step();
  };
  try {
    const { browser: browserOptions, user = 'admin', ...playgroundOptions } = options;
    const frontendDistDir = await buildFrontendBundle(join(work, 'dist'));
    const playground = await startPlayground({
      ...playgroundOptions,
      port: 0,
      frontendDistDir,
      logDir: join(work, 'logs'),
    });
    stops.push(() => playground.stop());
    const browser = await openBrowser(browserOptions);
    stops.push(() => browser.close());
    await signIn(browser.page, playground.url, user, PASSWORD);
    const at = (path: string): string => new URL(path, playground.url).toString();
    const fetchAsUser = async (path: string, init: RequestInit = {}): Promise<Response> => {
      const cookies = await browser.context.cookies(playground.url);
      const headers = new Headers(init.headers);
      headers.set('Cookie', cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; '));
      return fetch(at(path), { ...init, headers });
    };
    return { playground, browser, user, at, fetchAsUser, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
