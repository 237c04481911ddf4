// The CLI: argv -> config -> the same engine the service runs. No import logic lives here.
import { readFile } from 'node:fs/promises';

import {
  CancelledError,
  clientCertificateProblem,
  describeClientCertificateProblem,
  InputError,
  NO_ANSWER_FAILURES,
  RepoError,
  StoreError,
  StoreMissingError,
  reasonOf,
} from '../engine/index.js';
import { createChartRepository, openBundle, redactUrl } from '../engine/index.js';
import type { ChartRepository, RepoClientOptions, RepoSource } from '../engine/index.js';
import { importIncrementally, settingsDigest } from '../engine/index.js';
import type { CategoryRule, ImportEvent, ImportOptions, IncrementalResult } from '../engine/index.js';
import type { VerifyOptions } from '../engine/index.js';
import { KubeSphereStore, passwordGrant } from '../engine/index.js';
import { type BundleImportConfig, type CliConfig, type RepoAccess, USAGE, parseCliArgs } from './args.js';
import { makeBundle } from './bundle.js';
import { categoryRulesFromText } from './category-rules.js';
import { readVerifyOptions } from './verify-keys.js';
import { createOutput, type Output } from './output.js';
import { RunCache } from './run-cache.js';
import { SilenceWatch, watchCalls } from './waiting.js';

export const EXIT_OK = 0;
export const EXIT_SOME_FAILED = 1;
export const EXIT_CANNOT_RUN = 2;
/** How long KubeSphere may be silent before the CLI says it is waiting (and again each time). */
export const KUBESPHERE_SILENCE_MS = 30_000;

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config: ReturnType<typeof parseCliArgs>;
  try {
    config = parseCliArgs(argv, env);
  } catch (error) {
    process.stderr.write(`error: ${reasonOf(error)}\n`);
    return EXIT_CANNOT_RUN;
  }
  if (config === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  // No arguments is a usage error, as a missing --server is: the usage goes where errors go.
  if (config === 'usage') {
    process.stderr.write(`${USAGE}\n`);
    return EXIT_CANNOT_RUN;
  }
  if ('command' in config) {
    const making = config;
    return makeBundle(
      making,
      { stdout: process.stdout, stderr: process.stderr },
      {
        access: (warn) => repositoryAccess(making, warn),
        // No KubeSphere is involved in making a bundle: the store's explanations never apply.
        explain: (error) => explain(error, { server: '', workspace: undefined }),
      },
    );
  }
  const output = createOutput(config.json, { stdout: process.stdout, stderr: process.stderr });
  // Ctrl-C (or SIGTERM) once: the versions being uploaded finish, nothing new starts, as a
  // cancel in the console does. Twice: everything stops at once; a re-run completes the rest.
  const cancel = new AbortController();
  const abort = new AbortController();
  const onSignal = (): void => {
    if (cancel.signal.aborted) {
      abort.abort();
      return;
    }
    cancel.abort();
    output.notice('stopping after the versions being uploaded now; press Ctrl-C again to stop at once');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // --deadline stops the run as the first Ctrl-C does.
  const stopped = { byDeadline: false };
  const deadline =
    config.deadlineSeconds === undefined
      ? undefined
      : setTimeout(() => {
          if (cancel.signal.aborted) return;
          stopped.byDeadline = true;
          cancel.abort();
          output.notice(
            `--deadline ${String(config.deadlineSeconds)} s has passed: stopping after the versions being uploaded now`,
          );
        }, config.deadlineSeconds * 1000);
  try {
    const { report, unchanged, message } = await run(
      config,
      { signal: abort.signal, cancel: cancel.signal, env },
      output,
    );
    output.report(
      // With --prune the report always lists what it pruned, even nothing (an unchanged run).
      config.prune ? { ...report, pruned: report.pruned ?? [] } : report,
      unchanged ? `${message?.message ?? 'unchanged'}; --full forces a full run` : undefined,
    );
    return report.summary.failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
  } catch (error) {
    output.error(
      stopped.byDeadline && error instanceof CancelledError
        ? `stopped at --deadline ${String(config.deadlineSeconds)} s: the versions being uploaded finished, the others were not started; run the same command again to finish (nothing will be duplicated), with a longer --deadline if needed`
        : explain(error, config),
    );
    return EXIT_CANNOT_RUN;
  } finally {
    clearTimeout(deadline);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * A KubeSphere App Store client that says so, as warnings, while KubeSphere does not answer
 * (every `silenceMs`) and when its client retries; `watch` also covers the password login.
 */
export function watchedKubeSphere(
  server: string,
  say: (message: string) => void,
  silenceMs = KUBESPHERE_SILENCE_MS,
): { watch: SilenceWatch; store(token: string, workspace: string | undefined): KubeSphereStore } {
  const where = `KubeSphere at ${redactUrl(server)}`;
  const watch = new SilenceWatch({
    everyMs: silenceMs,
    onSilence: (silentMs) => {
      say(`waiting for ${where}: no answer for ${String(Math.round(silentMs / 1000))} s, still trying`);
    },
    onAnswer: () => {
      say(`${where} answers again`);
    },
  });
  const store = (token: string, workspace: string | undefined): KubeSphereStore =>
    watchCalls(
      new KubeSphereStore({
        server,
        token,
        workspace,
        onRetry: ({ method, path, attempt, reason }) => {
          say(`${where}: ${method} ${path} failed (${reason}), retrying (attempt ${String(attempt + 1)})`);
        },
      }),
      watch,
    );
  return { watch, store };
}

type RunContext = { signal: AbortSignal; cancel: AbortSignal; env: NodeJS.ProcessEnv };

async function run(
  config: CliConfig | BundleImportConfig,
  context: RunContext,
  output: Pick<Output, 'onEvent' | 'notice'>,
): Promise<IncrementalResult> {
  // Read first: a bad rules file is refused before the bundle, KubeSphere or the repository is read.
  const categoryRules =
    config.categoryRules === undefined
      ? undefined
      : categoryRulesFromText(
          config.categoryRules,
          await readFlagFile('--category-rules', config.categoryRules),
        );
  const verify = await readVerifyOptions(config.verify);
  if (!('bundle' in config)) {
    return importInto(config, context, output, (warn) => openRepository(config, warn), categoryRules, verify);
  }
  // The bundle is verified whole before KubeSphere is asked anything: a refused one changes nothing.
  const bundle = await openBundle(config.bundle, { signal: context.signal });
  try {
    const { manifest } = bundle;
    // The repository it was made from is the apps' identity: the same store as an online import.
    const fromBundle = {
      ...config,
      repo: manifest.repository,
      includeDeprecated: config.includeDeprecated || manifest.selection.includeDeprecated,
    };
    return await importInto(
      fromBundle,
      context,
      output,
      () => Promise.resolve(bundle.repository),
      categoryRules,
      verify,
    );
  } finally {
    await bundle.close();
  }
}

async function importInto(
  config: Omit<CliConfig, keyof RepoAccess>,
  { signal, cancel, env }: RunContext,
  output: Pick<Output, 'onEvent' | 'notice'>,
  repository: (warn: (text: string) => void) => Promise<ChartRepository>,
  categoryRules: CategoryRule[] | undefined,
  verify?: VerifyOptions,
): Promise<IncrementalResult> {
  const onEvent = (event: ImportEvent): void => {
    output.onEvent(event);
  };
  /** The CLI's own warnings: printed as the engine's are, in English only. */
  const warn = (text: string): void => {
    output.notice(text);
  };
  const kubesphere = watchedKubeSphere(config.server, warn);
  const token =
    'token' in config.auth
      ? config.auth.token
      : await kubesphere.watch.track(
          passwordGrant(config.server, config.auth.username, config.auth.password),
        );
  const store = kubesphere.store(token, config.workspace);
  // Fail fast on a wrong server, token or role, before reading the repository: once, not one
  // 403 per chart. A dry run writes nothing, so reading the store is all it needs.
  const early = AbortSignal.any([signal, cancel]);
  // A mistyped --workspace would label apps with a workspace nobody has: refused first.
  if ((await store.checkWorkspace(early)) === 'unverifiable')
    warn(
      `cannot check that workspace ${config.workspace ?? ''} exists: KubeSphere does not let this user read workspaces (403); its App Store permissions in that workspace decide`,
    );
  if (config.dryRun) await store.listCategories(early);
  else await store.checkManage(early);
  const repo = await repository(warn);
  const options: ImportOptions = {
    repoUrl: config.repo,
    selection: {
      versions: config.versions,
      charts: config.charts,
      includeDeprecated: config.includeDeprecated,
    },
    publish: config.publish,
    dryRun: config.dryRun,
    dryRunSizes: config.dryRun,
    ...(config.prune ? { prune: true } : {}),
    icons: config.icons,
    concurrency: config.concurrency,
    ...(categoryRules ? { categoryRules } : {}),
    ...(config.adopt ? { adopt: true } : {}),
    ...(verify ? { verify } : {}),
    signal,
    cancel,
    onEvent,
  };
  const cache = new RunCache(
    {
      server: config.server,
      workspace: config.workspace,
      repo: config.repo,
      settings: settingsDigest(options, config.workspace),
    },
    env,
    warn,
  );
  // A dry run and --full never use the record: not reading it spares a pointless warning.
  const previous = config.dryRun || config.full ? undefined : await cache.read();
  const result = await importIncrementally(repo, store, options, {
    previous,
    full: config.full,
    beforeFullRun: () => cache.forget(),
  });
  if (result.record && !result.unchanged) await cache.write(result.record);
  return result;
}

/** The repository's source (files of --ca-file, --cert-file, --key-file read) and client options. */
export async function repositoryAccess(
  config: RepoAccess & Pick<CliConfig, 'repo'>,
  warn: (text: string) => void,
): Promise<{ source: RepoSource; options: RepoClientOptions }> {
  const caPem = config.caFile ? await readFlagFile('--ca-file', config.caFile) : undefined;
  const clientCertificate = await readClientCertificate(config);
  return {
    source: {
      url: config.repo,
      username: config.repoUsername,
      password: config.repoPassword,
      caPem,
      ...clientCertificate,
      insecureSkipTLSVerify: config.insecureSkipTlsVerify,
    },
    options: {
      plainHttp: config.plainHttp,
      passCredentials: config.passCredentials,
      timeoutMs: config.timeoutSeconds * 1000,
      onRetry: (info) => {
        warn(`retrying ${info.url} (attempt ${info.attempt + 1}): ${info.reason}`);
      },
    },
  };
}

async function openRepository(
  config: RepoAccess & Pick<CliConfig, 'repo'>,
  warn: (text: string) => void,
): Promise<ChartRepository> {
  const { source, options } = await repositoryAccess(config, warn);
  return createChartRepository(source, options);
}

async function readFlagFile(flag: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(
      `${flag} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): check the path and its permissions`,
    );
  }
}

/** --cert-file and --key-file read and checked, so a wrong file is named by its flag. */
async function readClientCertificate(
  config: Pick<CliConfig, 'certFile' | 'keyFile'>,
): Promise<{ certPem?: string; keyPem?: string }> {
  if (config.certFile === undefined || config.keyFile === undefined) return {};
  const certPem = await readFlagFile('--cert-file', config.certFile);
  const keyPem = await readFlagFile('--key-file', config.keyFile);
  // An empty file is a wrong file, not a missing half.
  const problem =
    certPem.trim() === ''
      ? 'certificate-invalid'
      : keyPem.trim() === ''
        ? 'key-invalid'
        : clientCertificateProblem(certPem, keyPem);
  if (problem !== undefined) {
    throw new InputError(
      describeClientCertificateProblem(problem, {
        cert: `--cert-file ${config.certFile}`,
        key: `--key-file ${config.keyFile}`,
      }),
    );
  }
  return { certPem, keyPem };
}

/** One line that says what went wrong and what to do. */
export function explain(error: unknown, config: Pick<CliConfig, 'server' | 'workspace'>): string {
  if (error instanceof StoreMissingError) {
    return 'the App Store (extension "openpitrix", App Store Management) is not installed in this KubeSphere: install it from the Extensions Center, then run again';
  }
  if (error instanceof StoreError) {
    if (error.failure.kind === 'proxy-failed' || error.failure.kind === 'proxy-auth-required') {
      return `cannot reach KubeSphere at ${config.server} through the proxy: ${error.message}`;
    }
    if (NO_ANSWER_FAILURES.has(error.failure.kind)) {
      return `cannot reach KubeSphere at ${config.server}: check --server (ks-apiserver or ks-console URL) and the network`;
    }
    switch (error.failure.kind) {
      case 'unauthorized':
        return 'KubeSphere rejected the credentials (401): get a fresh token (tokens expire) or check --username/--password';
      case 'forbidden':
        return `KubeSphere refused access (403): this user may not manage the App Store (App Store Management, API group application.kubesphere.io)${config.workspace ? ` in workspace ${config.workspace}` : ''}; nothing was imported: use the token of a platform-admin or of a user whose role has the global role template global-role-template-manage-app, then run again (${error.message})`;
      case 'not-found':
        return `KubeSphere has no App Store API at ${config.server}: check --server, and that App Store Management is installed (${error.message})`;
      default:
        return `KubeSphere failed: ${error.message}`;
    }
  }
  if (error instanceof RepoError) return `cannot read the repository: ${error.message}`;
  if (error instanceof InputError) return error.message;
  if (error instanceof CancelledError)
    return 'interrupted; run the same command again to finish: nothing will be duplicated';
  return `unexpected failure: ${reasonOf(error)}`;
}
