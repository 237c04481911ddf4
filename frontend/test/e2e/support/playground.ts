// The playground for browser tests: the bundle built into a temporary folder (tests never write
// frontend/dist, which `npm start` and the developers use), the playground on a free port with its
// logs in the same folder, and Chromium. Full-flow tests use this and the helpers of browser.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  buildFrontendBundle,
  startPlayground,
  type Playground,
  type PlaygroundOptions,
} from '@store-importer/playground';
import { openBrowser, type BrowserOptions, type BrowserSession } from './browser';

export interface PlaygroundSession {
  playground: Playground;
  browser: BrowserSession;
  /** the playground's URL for a path: `at('/apps-manage/store-importer/jobs')` */
  at(path: string): string;
  stop(): Promise<void>;
}

export async function startPlaygroundSession(
  options: Omit<PlaygroundOptions, 'port' | 'frontendDistDir' | 'logDir'> & { browser?: BrowserOptions } = {},
): Promise<PlaygroundSession> {
  const work = await mkdtemp(join(tmpdir(), 'playground-e2e-'));
  const stops: (() => Promise<void>)[] = [() => rm(work, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const step of stops.splice(0).reverse()) await step();
  };
  try {
    const { browser: browserOptions, ...playgroundOptions } = options;
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
    return { playground, browser, at: (path) => new URL(path, playground.url).toString(), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
