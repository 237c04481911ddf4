// Runs the extension's backend as its own process, through its real entry
// (backend/src/service/main.ts) and settings (environment variables), as the container runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { probePort } from './http.js';
import { ROOT } from './paths.js';

export interface BackendOptions {
  /** the address it listens on, as every server of the playground: 127.0.0.1 */
  host: string;
  /** ks-apiserver: the emulator */
  kubesphereUrl: string;
  /** file holding the KubeSphere token scheduled syncs run with */
  serviceAccountTokenFile: string;
  /** where the backend's log lines go */
  logFile: string;
  /** the console bundle's folder, which the backend serves at /dist/store-importer/ */
  frontendDistDir: string;
  /** the store's package limit: 1 MiB without S3, 0 (none) with it */
  packageLimitBytes: number;
}

export interface BackendProcess {
  url: string;
  /** resolves when the process has ended, whatever ended it */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The backend's settings for the playground. The outbound policy allows loopback and private
 * addresses so that the sample repository on 127.0.0.1 can be read: never do that in a cluster,
 * where it would let users reach the cluster's internal services. That, and the published admin
 * token, is why it listens on `host` (127.0.0.1) only, never on every interface.
 */
export function backendEnv(options: BackendOptions, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LISTEN_HOST: options.host,
    PORT: String(port),
    KS_APISERVER_URL: options.kubesphereUrl,
    KS_SERVICEACCOUNT_TOKEN_FILE: options.serviceAccountTokenFile,
    POD_NAME: 'playground',
    STATE_BACKEND: 'memory',
    LOG_LEVEL: 'info',
    OUTBOUND_ALLOW_CIDRS: '127.0.0.0/8,::1/128',
    OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
    SCHEDULE_TICK_SECONDS: '5',
    SHUTDOWN_GRACE_MS: '3000',
    FRONTEND_DIST_DIR: options.frontendDistDir,
    STORE_PACKAGE_LIMIT_BYTES: String(options.packageLimitBytes),
  };
}

async function waitUntilServing(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      throw new Error(
        `the backend exited (${child.exitCode ?? child.signalCode ?? '?'}); its log ends:\n${log.slice(-2000)}`,
      );
    }
    const ok = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the backend did not answer ${url}/healthz within 60 s; see ${logFile}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function startBackend(options: BackendOptions): Promise<BackendProcess> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  // the backend takes its port from PORT, so it cannot report one it chose
  const port = await probePort(options.host, 0);
  if (port === undefined) throw new Error(`no free port on ${options.host} for the backend`);
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'backend/src/service/main.ts')], {
    cwd: ROOT,
    env: backendEnv(options, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const stop = async (): Promise<void> => {
    await stopChild(child);
    await new Promise<void>((resolve) => log.end(resolve));
  };
  try {
    await waitUntilServing(url, child, options.logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, exited, stop };
}
