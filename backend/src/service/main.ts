// The composition root: configuration, logger, state stores, KubeSphere access, outbound
// policy, job manager, sync service, scheduler, HTTP server, and a graceful shutdown. Nothing
// else reads process.env.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { KubeConfig } from '@kubernetes/client-node';

import { createChartRepository } from '../engine/index.js';
import { createApp } from './app.js';
import { createBundleStore } from './bundles/store.js';
import {
  ConfigError,
  readConfig,
  redactConfig,
  type HttpServerSettings,
  type ServiceConfig,
} from './config.js';
import { createKubeSphereGateway } from './jobs/kubesphere.js';
import { JobManager } from './jobs/manager.js';
import type { RepoAccessOptions } from './jobs/spec.js';
import { createLogger, type Logger } from './logger.js';
import {
  COMMON_CLUSTER_CIDRS,
  createOutboundPolicy,
  outboundRepoOptions,
  type OutboundPolicy,
} from './outbound/index.js';
import { createLeaderElector, type LeaderElector } from './schedule/leader.js';
import { createScheduler } from './schedule/scheduler.js';
import { createKubernetesStores } from './state/kubernetes.js';
import { createMemoryStores } from './state/memory.js';
import type { StateStores } from './state/types.js';
import { createSyncService } from './syncs/service.js';

/** The outbound policy of the settings; no block list given means the common cluster ranges. */
export function outboundPolicyOf(config: ServiceConfig): OutboundPolicy {
  const { allowHosts, allowCidrs, blockCidrs, allowPrivateNetworks } = config.outbound;
  return createOutboundPolicy({
    allowHosts,
    allowCidrs,
    blockCidrs: blockCidrs.length > 0 ? blockCidrs : COMMON_CLUSTER_CIDRS,
    allowPrivateNetworks,
  });
}

/** Where state lives, and who may run the schedules. */
interface StateBackend {
  stores: StateStores;
  /** Leader election among replicas; a single in-memory process always leads. */
  leader: LeaderElector | undefined;
}

function loadKubeConfig(path: string | undefined): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (path) kubeConfig.loadFromFile(path);
  else kubeConfig.loadFromCluster();
  if (!kubeConfig.getCurrentCluster()) {
    throw new Error(
      'no Kubernetes cluster: run in a pod, or set KUBECONFIG (or STATE_BACKEND=memory for a local run)',
    );
  }
  return kubeConfig;
}

/** The state stores of STATE_BACKEND, and the leader election that goes with them. */
export function createStateBackend(config: ServiceConfig, logger: Logger): StateBackend {
  if (config.stateBackend === 'memory') return { stores: createMemoryStores(), leader: undefined };
  const kubeConfig = loadKubeConfig(config.kubeconfigPath);
  return {
    stores: createKubernetesStores({ namespace: config.podNamespace, kubeConfig }),
    leader: createLeaderElector({
      kubeConfig,
      namespace: config.podNamespace,
      identity: config.podName,
      onChange: (leading) => {
        logger.info({ leading }, leading ? 'leading: running the schedules' : 'no longer leading');
      },
      onError: (error) => {
        logger.warn(
          { error: error instanceof Error ? error.message : String(error) },
          'leader election failed',
        );
      },
    }),
  };
}

/** How often the uploaded bundles idle past their time are removed. */
const BUNDLE_SWEEP_MS = 60_000;
/** How often Node looks for connections past their headers or request timeout (its default is 30 s). */
const TIMEOUT_CHECK_MS = 1000;
/** At most one log line a minute about connections refused at MAX_CONNECTIONS. */
const DROP_LOG_MS = 60_000;

/**
 * The HTTP server with its limits on clients: headers and whole requests must arrive in time
 * (these timeouts end once the request is in, so event streams stay open), idle keep-alive
 * connections close, and connections beyond the cap are closed as they arrive.
 */
export function createHttpServer(app: RequestListener, settings: HttpServerSettings, logger: Logger): Server {
  const server = createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestReceiveTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      connectionsCheckingInterval: TIMEOUT_CHECK_MS,
    },
    app,
  );
  server.maxConnections = settings.maxConnections;
  let dropped = 0;
  let loggedAt = 0;
  server.on('drop', () => {
    dropped += 1;
    if (Date.now() - loggedAt < DROP_LOG_MS) return;
    logger.warn(
      { maxConnections: settings.maxConnections, dropped },
      'connections refused: MAX_CONNECTIONS are open',
    );
    loggedAt = Date.now();
    dropped = 0;
  });
  return server;
}

export interface RunningService {
  server: Server;
  jobs: JobManager;
  /** Stops accepting, closes the server and checkpoints the jobs. */
  stop(): Promise<void>;
}

/** Builds and starts the service; `main` adds the process concerns (signals, exit codes). */
export async function startService(config: ServiceConfig, logger: Logger): Promise<RunningService> {
  const { stores, leader } = createStateBackend(config, logger);
  const kubesphere = createKubeSphereGateway({
    server: config.kubesphereUrl,
    timeoutMs: config.requestTimeoutMs,
  });
  const bundles = createBundleStore(config);
  const repos: RepoAccessOptions = {
    bundles,
    factory: createChartRepository,
    outbound: outboundRepoOptions(outboundPolicyOf(config)),
    maxIndexBytes: config.maxIndexBytes,
    maxPackageBytes: config.maxPackageBytes,
    requestTimeoutMs: config.repoRequestTimeoutMs,
  };
  const jobs = new JobManager({
    stores,
    kubesphere,
    repos,
    logger,
    podName: config.podName,
    maxRunningJobs: config.maxRunningJobs,
    maxRunningJobsPerUser: config.maxRunningJobsPerUser,
    jobDeadlineMs: config.jobDeadlineMs,
    maxJobConcurrency: config.maxJobConcurrency,
    serviceAccountTokenFile: config.serviceAccountTokenFile,
    storePackageLimitBytes: config.storePackageLimitBytes,
  });
  await jobs.recoverInterrupted();
  const syncs = createSyncService({
    stores,
    jobs,
    kubesphere,
    repos,
    logger,
    maxJobConcurrency: config.maxJobConcurrency,
  });
  const isLeader = leader ? () => leader.isLeader() : () => true;
  const scheduler = createScheduler({
    syncs: stores.syncs,
    jobs: stores.jobs,
    isLeader,
    startSyncJob: (sync) => syncs.start(sync),
    // The leader also takes over jobs whose replica died (stale heartbeat).
    housekeeping: async () => {
      await jobs.recoverInterrupted();
    },
    tickMs: config.scheduleTickMs,
    onError: (error, sync) => {
      logger.error(
        { sync, error: error instanceof Error ? error.message : String(error) },
        'scheduled sync failed',
      );
    },
  });
  leader?.start();
  scheduler.start();
  const app = createApp({ config, stores, jobs, syncs, kubesphere, repos, logger, bundles });
  // Bundles idle past their time go even when nobody asks for one.
  const sweep = setInterval(() => {
    bundles.expire();
  }, BUNDLE_SWEEP_MS);
  sweep.unref();
  const server = createHttpServer(app, config.http, logger);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.listenHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  logger.info({ address, port }, 'listening');

  const stop = async (): Promise<void> => {
    scheduler.stop();
    await leader?.stop();
    const closed = new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    await jobs.shutdown();
    // Open SSE streams would keep close() waiting; the jobs are checkpointed, end them.
    server.closeAllConnections();
    await closed;
    clearInterval(sweep);
    // Nothing uploaded outlives the process: a restarted replica has no bundles.
    await bundles.close();
  };
  return { server, jobs, stop };
}

export async function main(env: Record<string, string | undefined> = process.env): Promise<number> {
  let config: ServiceConfig;
  try {
    config = readConfig(env);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    return 1;
  }
  const logger = createLogger(config.logLevel);
  logger.info({ config: redactConfig(config) }, 'starting');
  let service: RunningService;
  try {
    service = await startService(config, logger);
  } catch (error) {
    logger.fatal({ error: error instanceof Error ? error.message : String(error) }, 'cannot start');
    return 1;
  }
  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      const deadline = setTimeout(() => {
        logger.warn({ graceMs: config.shutdownGraceMs }, 'shutdown grace period over; exiting');
        resolve(0);
      }, config.shutdownGraceMs);
      deadline.unref();
      service
        .stop()
        .then(() => {
          logger.info('stopped');
        })
        .catch((error: unknown) => {
          logger.error({ error: error instanceof Error ? error.message : String(error) }, 'shutdown failed');
        })
        .finally(() => {
          clearTimeout(deadline);
          resolve(0);
        });
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
}

const isEntry =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isEntry) {
  void main().then((code) => {
    process.exit(code);
  });
}
