// startPlayground: the sample repository, the KubeSphere emulator, the backend and the host server,
// wired together; stop() ends them in reverse order. `npm start` and the browser tests use it.
import { appendFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  DEFAULT_ADMIN_TOKEN,
  DEFAULT_PASSWORD,
  DEFAULT_VIEWER_TOKEN,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '@store-importer/kubesphere-emulator';

import { ensureHelm } from '../../../scripts/ensure-helm.js';
import type { Lang } from '../host/globals.js';
import { startBackend, type BackendProcess } from './backend.js';
import { buildFrontendBundle, ensureHostBuild } from './build.js';
import { startHostServer, type HostServer } from './host-server.js';
import { CACHE_DIR } from './paths.js';
import { ensureSampleRepo } from './sample-repo/generate.js';
import { serveSampleRepo, type SampleRepoServer } from './sample-repo/server.js';
import { loadChartRoleTemplates } from './role-templates.js';
import { roleTemplateNames, sessionUser, type PlaygroundUser } from './users.js';

/** The configured repositories KubeSphere has at start (the "configured repo" source). */
export const SAMPLE_REPO_NAME = 'demo-charts';
export const WORKSPACE_REPO = { name: 'team-charts', workspace: 'demo-team' } as const;
/** The KubeSphere user scheduled syncs run as (its token is in the service-account token file). */
export const SERVICE_ACCOUNT = { username: 'store-importer', token: 'playground-store-importer-sa-token' };
/** The chart's APIService (charts/backend/templates/extensions.yaml). */
export const API_SERVICE = {
  name: 'v1alpha1.storeimporter.kubesphere.io',
  group: 'storeimporter.kubesphere.io',
  version: 'v1alpha1',
} as const;

export interface PlaygroundOptions {
  /** host page port; default 8000; 0 = any; a taken port falls back to a free one */
  port?: number;
  /** listen address of every server; default 127.0.0.1 */
  host?: string;
  /** who is signed in: `admin` (platform-admin) or the read-only `viewer`; default admin */
  user?: PlaygroundUser;
  /** the page's language until the user switches; default en */
  lang?: Lang;
  /** serve this built bundle folder instead of building frontend/dist */
  frontendDistDir?: string;
  /** emulator settings (faults, openpitrix, ossStore...) over the playground's */
  emulator?: Omit<EmulatorOptions, 'host' | 'port'>;
  /** where backend.log and emulator.log go; default a new .cache/playground/logs/run-<time>-<pid> */
  logDir?: string;
}

export interface Playground {
  /** the host page, e.g. http://127.0.0.1:8000/ */
  url: string;
  /** the port asked for, when it was taken and another was used */
  busyPort?: number;
  /** the sample Helm repository (also configured in KubeSphere as demo-charts) */
  repoUrl: string;
  /** `METHOD /path` of every request the sample repository got so far */
  repoRequests(): readonly string[];
  /** the KubeSphere emulator: state(), setFaults(), setOptions({openpitrix, ossStore}), reset()... */
  emulator: RunningEmulator;
  backendUrl: string;
  /** who is signed in (the emulator's user of that name) */
  user: PlaygroundUser;
  /** the signed-in user's access token (a JWT, as ks-apiserver issues), added by the /kapis proxy */
  userToken: string;
  logDir: string;
  /** resolves when the backend process ends on its own (a crash) */
  backendExited: Promise<void>;
  stop(): Promise<void>;
}

/** Does the emulator have the App Store installed right now (its state's options)? */
function openpitrixInstalled(emulator: RunningEmulator): boolean {
  const state = emulator.state();
  if (typeof state !== 'object' || state === null || !('options' in state)) return true;
  const options = state.options;
  return !(
    typeof options === 'object' &&
    options !== null &&
    'openpitrix' in options &&
    options.openpitrix === false
  );
}

const KEPT_LOG_RUNS = 5;

/** A new log folder per run (several playgrounds may run at once); the oldest beyond 5 are removed. */
async function newLogDir(): Promise<string> {
  const logs = join(CACHE_DIR, 'logs');
  await mkdir(logs, { recursive: true });
  const runs = (await readdir(logs)).filter((name) => name.startsWith('run-')).sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - KEPT_LOG_RUNS + 1)))
    await rm(join(logs, old), { recursive: true, force: true });
  const dir = join(logs, `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  await mkdir(dir);
  return dir;
}

/** Undo steps, run last first; each failure is reported and the rest still run. */
class Cleanup {
  private readonly steps: (() => Promise<void>)[] = [];
  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse())
      await step().catch((error: unknown) => {
        console.error(
          `playground: cleanup failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
  }
}

async function startServers(options: PlaygroundOptions, cleanup: Cleanup): Promise<Playground> {
  const host = options.host ?? '127.0.0.1';
  const logDir = options.logDir ?? (await newLogDir());
  await mkdir(logDir, { recursive: true });
  const helm = process.env.HELM_BIN ?? (await ensureHelm());
  // The builds run while the servers start.
  const frontendDist = options.frontendDistDir
    ? Promise.resolve(options.frontendDistDir)
    : buildFrontendBundle();
  const hostBuild = ensureHostBuild();
  frontendDist.catch(() => undefined);
  hostBuild.catch(() => undefined);

  const repo: SampleRepoServer = await serveSampleRepo(
    await ensureSampleRepo({ cacheDir: CACHE_DIR, helm }),
    host,
  );
  cleanup.add(() => repo.close());

  const emulatorLog = join(logDir, 'emulator.log');
  const emulator = await startEmulator({
    // ks-apiserver authorizes the extension's API with the chart's role templates.
    roleTemplates: await loadChartRoleTemplates(),
    users: [
      {
        username: 'admin',
        password: DEFAULT_PASSWORD,
        role: 'platform-admin',
        tokens: [DEFAULT_ADMIN_TOKEN],
        roleTemplates: roleTemplateNames('admin'),
      },
      {
        username: 'viewer',
        password: DEFAULT_PASSWORD,
        role: 'viewer',
        tokens: [DEFAULT_VIEWER_TOKEN],
        roleTemplates: roleTemplateNames('viewer'),
      },
      {
        username: SERVICE_ACCOUNT.username,
        password: DEFAULT_PASSWORD,
        role: 'platform-admin',
        tokens: [SERVICE_ACCOUNT.token],
      },
    ],
    repos: [
      {
        name: SAMPLE_REPO_NAME,
        url: repo.url,
        aliasName: 'Demo charts',
        description: 'The playground sample repository',
      },
      { name: WORKSPACE_REPO.name, url: repo.url, workspace: WORKSPACE_REPO.workspace },
    ],
    log: (line) => {
      appendFileSync(emulatorLog, `${line}\n`);
    },
    ...options.emulator,
    host,
    port: 0,
  });
  cleanup.add(() => emulator.close());

  const runDir = await mkdtemp(join(tmpdir(), 'store-importer-playground-'));
  cleanup.add(() => rm(runDir, { recursive: true, force: true }));
  const tokenFile = join(runDir, 'sa-token');
  await writeFile(tokenFile, SERVICE_ACCOUNT.token, { mode: 0o600 });

  const backendLog = join(logDir, 'backend.log');
  const backend: BackendProcess = await startBackend({
    kubesphereUrl: emulator.url,
    serviceAccountTokenFile: tokenFile,
    logFile: backendLog,
    frontendDistDir: await frontendDist,
    // as the chart would be configured for this store
    packageLimitBytes: options.emulator?.ossStore ? 0 : 1024 * 1024,
  });
  cleanup.add(() => backend.stop());
  // The console's /kapis requests reach the backend as in a cluster: through ks-apiserver's APIService.
  emulator.setApiServices([{ ...API_SERVICE, url: backend.url }]);

  // Signed in as the console signs in: a JWT from the password grant's issuer, so the backend
  // can tell who started a job. A week outlives any playground session.
  const user = options.user ?? 'admin';
  const userToken = emulator.issueToken(user, 7 * 24 * 3600);
  const server: HostServer = await startHostServer({
    host,
    port: options.port ?? 8000,
    hostBuildDir: await hostBuild,
    frontendDistDir: await frontendDist,
    kubesphere: { name: 'KubeSphere emulator', url: emulator.url, token: userToken },
    defaultLang: options.lang ?? 'en',
    user: sessionUser(user),
    openpitrix: () => openpitrixInstalled(emulator),
  });
  cleanup.add(() => server.close());

  return {
    url: `${server.url}/`,
    ...(server.busyPort === undefined ? {} : { busyPort: server.busyPort }),
    repoUrl: repo.url,
    repoRequests: () => repo.requests(),
    emulator,
    backendUrl: backend.url,
    user,
    userToken,
    logDir,
    backendExited: backend.exited,
    stop: () => cleanup.run(),
  };
}

/** Starts everything; on a failure, whatever had started is stopped again before the error is thrown. */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const cleanup = new Cleanup();
  try {
    return await startServers(options, cleanup);
  } catch (error) {
    await cleanup.run();
    throw error;
  }
}
