// startPlayground: the sample repository, the KubeSphere emulator with the extension installed from
// its chart, the backend, and the real KubeSphere console in front of them, wired together; stop()
// ends them in reverse order. `npm start` and the browser tests use it.
import { appendFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  DEFAULT_ADMIN_TOKEN,
  DEFAULT_PASSWORD,
  DEFAULT_VIEWER_TOKEN,
  KS_CORE_GLOBAL_TEMPLATES,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '@store-importer/kubesphere-emulator';

import { ensureHelm } from '../../../scripts/ensure-helm.js';
import { startBackend, type BackendProcess } from './backend.js';
import { buildFrontendBundle } from './build.js';
import { ensureConsole } from './console/build.js';
import { startConsoleServer, type ConsoleServer } from './console/server.js';
import { renderExtension } from './extension.js';
import { CACHE_DIR } from './paths.js';
import { ensureSampleRepo } from './sample-repo/generate.js';
import { serveSampleRepo, type SampleRepoServer } from './sample-repo/server.js';
import { GLOBAL_ROLES, type PlaygroundUser } from './users.js';

/** The configured repositories KubeSphere has at start (the "configured repo" source). */
export const SAMPLE_REPO_NAME = 'demo-charts';
export const WORKSPACE_REPO = { name: 'team-charts', workspace: 'demo-team' } as const;
/** The KubeSphere user scheduled syncs run as (its token is in the service-account token file). */
export const SERVICE_ACCOUNT = { username: 'store-importer', token: 'playground-store-importer-sa-token' };
/** Every user signs in with this password. */
export const PASSWORD = DEFAULT_PASSWORD;
/**
 * The ks-core release the emulator answers as: the one the npm console (4.1.1) was released with,
 * whose pages call what that server serves (/kapis/version, open to every user in 4.1.1 only).
 */
export const KS_VERSION = 'v4.1.1';

export type Lang = 'en' | 'zh';

export interface PlaygroundOptions {
  /** the console's port; default 8000; 0 = any; a taken port falls back to a free one */
  port?: number;
  /** listen address of every server; default 127.0.0.1 */
  host?: string;
  /** the users' language in the console (their spec.lang, which the console prefers to the browser's) */
  lang?: Lang;
  /** serve this built bundle folder instead of building frontend/dist */
  frontendDistDir?: string;
  /** emulator settings (faults, openpitrix, ossStore...) over the playground's */
  emulator?: Omit<EmulatorOptions, 'host' | 'port'>;
  /** where the logs go; default a new .cache/playground/logs/run-<time>-<pid> */
  logDir?: string;
  /** progress lines of a cold start (the console's install and build); default stderr */
  say?: (line: string) => void;
}

export interface Playground {
  /** the KubeSphere console, e.g. http://127.0.0.1:8000/ */
  url: string;
  /** the port asked for, when it was taken and another was used */
  busyPort?: number;
  /** the sample Helm repository (also configured in KubeSphere as demo-charts) */
  repoUrl: string;
  /** `METHOD /path` of every request the sample repository got so far */
  repoRequests(): readonly string[];
  /** the KubeSphere emulator (ks-apiserver): state(), setFaults(), setOptions({openpitrix, ossStore}), reset()... */
  emulator: RunningEmulator;
  /** a token of admin for the KubeSphere API (the CLI's --token) */
  adminToken: string;
  backendUrl: string;
  logDir: string;
  /** resolves when the backend or the console stops on its own (a crash) */
  exited: Promise<'backend' | 'console'>;
  stop(): Promise<void>;
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
  const say =
    options.say ??
    ((line: string) => {
      process.stderr.write(`${line}\n`);
    });
  const helm = process.env.HELM_BIN ?? (await ensureHelm());
  // The builds run while the servers start.
  const frontendDist = options.frontendDistDir
    ? Promise.resolve(options.frontendDistDir)
    : buildFrontendBundle();
  const consoleBuild = ensureConsole(logDir, say);
  frontendDist.catch(() => undefined);
  consoleBuild.catch(() => undefined);

  const repo: SampleRepoServer = await serveSampleRepo(
    await ensureSampleRepo({ cacheDir: CACHE_DIR, helm }),
    host,
  );
  cleanup.add(() => repo.close());

  const extension = await renderExtension(helm);
  const templateNames = [
    ...KS_CORE_GLOBAL_TEMPLATES.map((template) => template.name),
    ...extension.install.objects
      .filter((object) => object.kind === 'RoleTemplate')
      .map((object) => object.metadata.name),
  ];
  const user = (username: PlaygroundUser, role: 'platform-admin' | 'viewer', token: string) => {
    const globalRole = GLOBAL_ROLES[username];
    const templates = globalRole.templates?.(templateNames);
    return {
      username,
      password: PASSWORD,
      role,
      tokens: [token],
      globalRole: globalRole.name,
      ...(options.lang ? { lang: options.lang } : {}),
      ...(templates ? { roleTemplates: templates } : {}),
    };
  };
  const emulatorLog = join(logDir, 'emulator.log');
  const emulator = await startEmulator({
    ksVersion: KS_VERSION,
    extensions: [extension.install],
    users: [
      user('admin', 'platform-admin', DEFAULT_ADMIN_TOKEN),
      user('viewer', 'viewer', DEFAULT_VIEWER_TOKEN),
      {
        username: SERVICE_ACCOUNT.username,
        password: PASSWORD,
        role: 'platform-admin',
        tokens: [SERVICE_ACCOUNT.token],
        globalRole: 'platform-admin',
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

  const backend: BackendProcess = await startBackend({
    host,
    kubesphereUrl: emulator.url,
    serviceAccountTokenFile: tokenFile,
    logFile: join(logDir, 'backend.log'),
    frontendDistDir: await frontendDist,
    // as the chart would be configured for this store
    packageLimitBytes: options.emulator?.ossStore ? 0 : 1024 * 1024,
  });
  cleanup.add(() => backend.stop());
  // The cluster's DNS: the chart's Service name reaches the backend.
  emulator.setServiceHost(extension.serviceHost, backend.url);

  const consoleServer: ConsoleServer = await startConsoleServer({
    apiServerUrl: emulator.url,
    buildDir: await consoleBuild,
    host,
    port: options.port ?? 8000,
    defaultLang: options.lang ?? 'en',
    logFile: join(logDir, 'ks-console.log'),
  });
  cleanup.add(() => consoleServer.stop());

  return {
    url: `${consoleServer.url}/`,
    ...(consoleServer.busyPort === undefined ? {} : { busyPort: consoleServer.busyPort }),
    repoUrl: repo.url,
    repoRequests: () => repo.requests(),
    emulator,
    adminToken: DEFAULT_ADMIN_TOKEN,
    backendUrl: backend.url,
    logDir,
    exited: Promise.race([
      backend.exited.then(() => 'backend' as const),
      consoleServer.exited.then(() => 'console' as const),
    ]),
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
