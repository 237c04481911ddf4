// The service's settings: read from the environment once, at start, and validated as a whole.
// Nothing else in the service reads process.env. Every problem is listed in one ConfigError.
import { isIP } from 'node:net';
import { hostname } from 'node:os';

import ipaddr from 'ipaddr.js';
import { z } from 'zod';

import { parseWholeNumber } from '../engine/index.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface OutboundSettings {
  /** Host names (exact, or `*.suffix`) allowed even when they resolve to private addresses. */
  allowHosts: string[];
  /** CIDRs allowed although they are private, loopback or link-local. */
  allowCidrs: string[];
  /** The cluster's service and pod ranges; empty means the common installers' defaults. */
  blockCidrs: string[];
  /** Allow RFC 1918, CGNAT and IPv6 ULA destinations (an air-gapped mirror on a private network). */
  allowPrivateNetworks: boolean;
}

export interface HttpServerSettings {
  /** Time for a client to send the request's headers (Node's headersTimeout). */
  headersTimeoutMs: number;
  /**
   * Time for a client to send the whole request, headers and body (Node's requestTimeout). It
   * ends when the request has arrived, so long responses such as event streams are not cut.
   */
  requestReceiveTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; more are closed as they arrive. */
  maxConnections: number;
}

export interface BundleSettings {
  /** Largest bundle file an upload may send. */
  maxBytes: number;
  /** A bundle is removed this long after its last use (a job using it keeps it). */
  idleTtlMs: number;
  /** The unpacked bundles kept at once; the least recently used unheld ones go first. */
  storeMaxBytes: number;
}

export interface ServiceConfig {
  /** The address the HTTP server binds: every IPv4 interface in a pod, 127.0.0.1 on a workstation. */
  listenHost: string;
  port: number;
  /** ks-apiserver base URL, without a trailing slash. */
  kubesphereUrl: string;
  /** The extension's own KubeSphere ServiceAccount token, re-read before each service run. */
  serviceAccountTokenFile: string;
  podName: string;
  podNamespace: string;
  stateBackend: 'kubernetes' | 'memory';
  /** A kubeconfig file for STATE_BACKEND=kubernetes outside a cluster; in-cluster config when absent. */
  kubeconfigPath?: string;
  /** How often the leader looks for due syncs and orphaned jobs. */
  scheduleTickMs: number;
  logLevel: LogLevel;
  /** Jobs running at once in this replica; more wait as Pending. */
  maxRunningJobs: number;
  /** Jobs of one user (all scheduled syncs count as one) running at once in this replica. */
  maxRunningJobsPerUser: number;
  /** A running job stops starting versions after this long and ends Failed. */
  jobDeadlineMs: number;
  /** Time limit of one request to a repository (each attempt, each redirect hop). */
  repoRequestTimeoutMs: number;
  /** Upper bound of a job's `concurrency`. */
  maxJobConcurrency: number;
  maxIndexBytes: number;
  maxPackageBytes: number;
  /**
   * The App Store's package limit: ks-core keeps packages in ConfigMaps of at most 1 MiB unless
   * it is configured with S3 (0: no limit). Previews flag bigger packages; imports slim them.
   */
  storePackageLimitBytes: number;
  /** Time limit of synchronous requests (previews, KubeSphere calls of a request). */
  requestTimeoutMs: number;
  /** Largest JSON request body. */
  maxBodyBytes: number;
  /** Offline bundles uploaded from the page (routes/bundles.ts, bundles/store.ts). */
  bundles: BundleSettings;
  /** The HTTP server's limits on its clients (slow or many connections). */
  http: HttpServerSettings;
  outbound: OutboundSettings;
  /** Time given to a graceful shutdown before the process exits anyway. */
  shutdownGraceMs: number;
  /** The console bundle's folder, served at /dist/store-importer/ (empty until it is built). */
  frontendDistDir: string;
}

export const DEFAULT_SERVICE_ACCOUNT_TOKEN_FILE = '/var/run/secrets/kubesphere.io/serviceaccount/token';
/** Where the production image puts the console bundle (backend/Dockerfile). */
export const DEFAULT_FRONTEND_DIST_DIR = '/app/frontend/dist';
const MIB = 1024 * 1024;

/** The settings, their defaults and meaning: the table in backend/README.md follows this list. */
export const SETTINGS = {
  LISTEN_HOST: '0.0.0.0',
  PORT: '8080',
  KS_APISERVER_URL: 'http://ks-apiserver.kubesphere-system.svc',
  KS_SERVICEACCOUNT_TOKEN_FILE: DEFAULT_SERVICE_ACCOUNT_TOKEN_FILE,
  POD_NAME: '(host name)',
  POD_NAMESPACE: 'extension-store-importer',
  STATE_BACKEND: 'kubernetes',
  KUBECONFIG: '(in-cluster)',
  SCHEDULE_TICK_SECONDS: '30',
  LOG_LEVEL: 'info',
  MAX_RUNNING_JOBS: '2',
  MAX_RUNNING_JOBS_PER_USER: '1',
  JOB_DEADLINE_SECONDS: '7200',
  MAX_JOB_CONCURRENCY: '8',
  REPO_REQUEST_TIMEOUT_MS: '120000',
  MAX_INDEX_BYTES: String(64 * MIB),
  MAX_PACKAGE_BYTES: String(32 * MIB),
  STORE_PACKAGE_LIMIT_BYTES: String(MIB),
  REQUEST_TIMEOUT_MS: '60000',
  MAX_BODY_BYTES: String(MIB),
  BUNDLE_MAX_BYTES: String(1024 * MIB),
  BUNDLE_IDLE_TTL_SECONDS: '3600',
  BUNDLE_STORE_MAX_BYTES: String(2048 * MIB),
  HEADERS_TIMEOUT_MS: '15000',
  REQUEST_RECEIVE_TIMEOUT_MS: '30000',
  KEEP_ALIVE_TIMEOUT_MS: '5000',
  MAX_CONNECTIONS: '512',
  OUTBOUND_ALLOW_HOSTS: '',
  OUTBOUND_ALLOW_CIDRS: '',
  OUTBOUND_BLOCK_CIDRS: '(common cluster ranges)',
  OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'false',
  SHUTDOWN_GRACE_MS: '25000',
  FRONTEND_DIST_DIR: DEFAULT_FRONTEND_DIST_DIR,
} as const;

/** All problems of the environment, one line each. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function integer(name: string, fallback: number, min: number, max: number) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const text = raw?.trim() ?? '';
      if (text === '') return fallback;
      const value = parseWholeNumber(text, min, max);
      if (value === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}`,
        });
        return z.NEVER;
      }
      return value;
    });
}

function text(fallback: string) {
  return z
    .string()
    .optional()
    .transform((raw) => (raw?.trim() ? raw.trim() : fallback));
}

function list(name: string, check?: (item: string) => string | undefined) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const items = (raw ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      for (const item of items) {
        const problem = check?.(item);
        if (problem) ctx.addIssue({ code: 'custom', message: `${name}: ${problem}` });
      }
      return items;
    });
}

function cidrProblem(item: string): string | undefined {
  try {
    ipaddr.parseCIDR(item);
    return undefined;
  } catch {
    return `${JSON.stringify(item)} is not a CIDR such as 10.96.0.0/12 or fd00::/8`;
  }
}

function hostProblem(item: string): string | undefined {
  return /^(\*\.)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i.test(item)
    ? undefined
    : `${JSON.stringify(item)} is not a host name or *.suffix pattern`;
}

const schema = z.object({
  LISTEN_HOST: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = raw?.trim() ? raw.trim() : SETTINGS.LISTEN_HOST;
      if (isIP(value) === 0) {
        ctx.addIssue({
          code: 'custom',
          message: `LISTEN_HOST must be an IP address such as 0.0.0.0, :: or 127.0.0.1, not ${JSON.stringify(raw)}`,
        });
        return z.NEVER;
      }
      return value;
    }),
  PORT: integer('PORT', 8080, 0, 65535),
  KS_APISERVER_URL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = raw?.trim() ? raw.trim() : SETTINGS.KS_APISERVER_URL;
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: `KS_APISERVER_URL must be an http(s) URL, not ${JSON.stringify(raw)}`,
        });
        return z.NEVER;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        ctx.addIssue({ code: 'custom', message: `KS_APISERVER_URL must start with http:// or https://` });
        return z.NEVER;
      }
      if (url.username || url.password) {
        ctx.addIssue({ code: 'custom', message: 'KS_APISERVER_URL must not carry credentials' });
        return z.NEVER;
      }
      return value.replace(/\/+$/, '');
    }),
  KS_SERVICEACCOUNT_TOKEN_FILE: text(DEFAULT_SERVICE_ACCOUNT_TOKEN_FILE),
  POD_NAME: z
    .string()
    .optional()
    .transform((raw) => (raw?.trim() ? raw.trim() : hostname())),
  POD_NAMESPACE: text(SETTINGS.POD_NAMESPACE),
  STATE_BACKEND: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = raw?.trim() ? raw.trim() : 'kubernetes';
      if (value !== 'kubernetes' && value !== 'memory') {
        ctx.addIssue({
          code: 'custom',
          message: `STATE_BACKEND must be kubernetes or memory, not ${JSON.stringify(raw)}`,
        });
        return z.NEVER;
      }
      return value;
    }),
  KUBECONFIG: z
    .string()
    .optional()
    .transform((raw) => (raw?.trim() ? raw.trim() : undefined)),
  SCHEDULE_TICK_SECONDS: integer('SCHEDULE_TICK_SECONDS', 30, 1, 3600),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = raw?.trim() ? raw.trim().toLowerCase() : 'info';
      const level = LOG_LEVELS.find((candidate) => candidate === value);
      if (!level) {
        ctx.addIssue({
          code: 'custom',
          message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not ${JSON.stringify(raw)}`,
        });
        return z.NEVER;
      }
      return level;
    }),
  MAX_RUNNING_JOBS: integer('MAX_RUNNING_JOBS', 2, 1, 64),
  MAX_RUNNING_JOBS_PER_USER: integer('MAX_RUNNING_JOBS_PER_USER', 1, 1, 64),
  JOB_DEADLINE_SECONDS: integer('JOB_DEADLINE_SECONDS', 7200, 1, 604_800),
  MAX_JOB_CONCURRENCY: integer('MAX_JOB_CONCURRENCY', 8, 1, 32),
  REPO_REQUEST_TIMEOUT_MS: integer('REPO_REQUEST_TIMEOUT_MS', 120_000, 1000, 600_000),
  MAX_INDEX_BYTES: integer('MAX_INDEX_BYTES', 64 * MIB, 1024, 1024 * MIB),
  MAX_PACKAGE_BYTES: integer('MAX_PACKAGE_BYTES', 32 * MIB, 1024, 1024 * MIB),
  STORE_PACKAGE_LIMIT_BYTES: integer('STORE_PACKAGE_LIMIT_BYTES', MIB, 0, 1024 * MIB),
  REQUEST_TIMEOUT_MS: integer('REQUEST_TIMEOUT_MS', 60_000, 1000, 3_600_000),
  MAX_BODY_BYTES: integer('MAX_BODY_BYTES', MIB, 1024, 64 * MIB),
  BUNDLE_MAX_BYTES: integer('BUNDLE_MAX_BYTES', 1024 * MIB, 1024, 64 * 1024 * MIB),
  BUNDLE_IDLE_TTL_SECONDS: integer('BUNDLE_IDLE_TTL_SECONDS', 3600, 60, 604_800),
  BUNDLE_STORE_MAX_BYTES: integer('BUNDLE_STORE_MAX_BYTES', 2048 * MIB, 1024, 256 * 1024 * MIB),
  HEADERS_TIMEOUT_MS: integer('HEADERS_TIMEOUT_MS', 15_000, 1000, 600_000),
  REQUEST_RECEIVE_TIMEOUT_MS: integer('REQUEST_RECEIVE_TIMEOUT_MS', 30_000, 1000, 3_600_000),
  KEEP_ALIVE_TIMEOUT_MS: integer('KEEP_ALIVE_TIMEOUT_MS', 5000, 1000, 600_000),
  MAX_CONNECTIONS: integer('MAX_CONNECTIONS', 512, 1, 100_000),
  OUTBOUND_ALLOW_HOSTS: list('OUTBOUND_ALLOW_HOSTS', hostProblem),
  OUTBOUND_ALLOW_CIDRS: list('OUTBOUND_ALLOW_CIDRS', cidrProblem),
  OUTBOUND_BLOCK_CIDRS: list('OUTBOUND_BLOCK_CIDRS', cidrProblem),
  OUTBOUND_ALLOW_PRIVATE_NETWORKS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = raw?.trim().toLowerCase() ?? '';
      if (value === '' || value === 'false') return false;
      if (value === 'true') return true;
      ctx.addIssue({
        code: 'custom',
        message: `OUTBOUND_ALLOW_PRIVATE_NETWORKS must be true or false, not ${JSON.stringify(raw)}`,
      });
      return z.NEVER;
    }),
  SHUTDOWN_GRACE_MS: integer('SHUTDOWN_GRACE_MS', 25_000, 0, 600_000),
  FRONTEND_DIST_DIR: text(DEFAULT_FRONTEND_DIST_DIR),
});

/** Reads and validates the settings; throws one ConfigError listing every problem. */
export function readConfig(env: Record<string, string | undefined>): ServiceConfig {
  const input = Object.fromEntries(Object.keys(SETTINGS).map((key) => [key, env[key]]));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) =>
        issue.code === 'custom' ? issue.message : `${issue.path.join('.')}: ${issue.message}`,
      ),
    );
  }
  const values = parsed.data;
  // Node refuses a server whose headers may take longer than the whole request.
  if (values.HEADERS_TIMEOUT_MS > values.REQUEST_RECEIVE_TIMEOUT_MS) {
    throw new ConfigError([
      `HEADERS_TIMEOUT_MS (${values.HEADERS_TIMEOUT_MS}) must not be more than REQUEST_RECEIVE_TIMEOUT_MS (${values.REQUEST_RECEIVE_TIMEOUT_MS})`,
    ]);
  }
  // The biggest bundle accepted must fit in what is kept.
  if (values.BUNDLE_STORE_MAX_BYTES < values.BUNDLE_MAX_BYTES) {
    throw new ConfigError([
      `BUNDLE_STORE_MAX_BYTES (${values.BUNDLE_STORE_MAX_BYTES}) must not be less than BUNDLE_MAX_BYTES (${values.BUNDLE_MAX_BYTES})`,
    ]);
  }
  return {
    listenHost: values.LISTEN_HOST,
    port: values.PORT,
    kubesphereUrl: values.KS_APISERVER_URL,
    serviceAccountTokenFile: values.KS_SERVICEACCOUNT_TOKEN_FILE,
    podName: values.POD_NAME,
    podNamespace: values.POD_NAMESPACE,
    stateBackend: values.STATE_BACKEND,
    kubeconfigPath: values.KUBECONFIG,
    scheduleTickMs: values.SCHEDULE_TICK_SECONDS * 1000,
    logLevel: values.LOG_LEVEL,
    maxRunningJobs: values.MAX_RUNNING_JOBS,
    maxRunningJobsPerUser: values.MAX_RUNNING_JOBS_PER_USER,
    jobDeadlineMs: values.JOB_DEADLINE_SECONDS * 1000,
    maxJobConcurrency: values.MAX_JOB_CONCURRENCY,
    repoRequestTimeoutMs: values.REPO_REQUEST_TIMEOUT_MS,
    maxIndexBytes: values.MAX_INDEX_BYTES,
    maxPackageBytes: values.MAX_PACKAGE_BYTES,
    storePackageLimitBytes: values.STORE_PACKAGE_LIMIT_BYTES,
    requestTimeoutMs: values.REQUEST_TIMEOUT_MS,
    maxBodyBytes: values.MAX_BODY_BYTES,
    bundles: {
      maxBytes: values.BUNDLE_MAX_BYTES,
      idleTtlMs: values.BUNDLE_IDLE_TTL_SECONDS * 1000,
      storeMaxBytes: values.BUNDLE_STORE_MAX_BYTES,
    },
    http: {
      headersTimeoutMs: values.HEADERS_TIMEOUT_MS,
      requestReceiveTimeoutMs: values.REQUEST_RECEIVE_TIMEOUT_MS,
      keepAliveTimeoutMs: values.KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: values.MAX_CONNECTIONS,
    },
    outbound: {
      allowHosts: values.OUTBOUND_ALLOW_HOSTS,
      allowCidrs: values.OUTBOUND_ALLOW_CIDRS,
      blockCidrs: values.OUTBOUND_BLOCK_CIDRS,
      allowPrivateNetworks: values.OUTBOUND_ALLOW_PRIVATE_NETWORKS,
    },
    shutdownGraceMs: values.SHUTDOWN_GRACE_MS,
    frontendDistDir: values.FRONTEND_DIST_DIR,
  };
}

/**
 * The configuration as it may be logged. It holds no secret values today (the token is a file
 * path); URLs are still stripped of any userinfo so that a future setting cannot leak one.
 */
export function redactConfig(config: ServiceConfig): Record<string, unknown> {
  return { ...config, kubesphereUrl: stripUserinfo(config.kubesphereUrl) };
}

function stripUserinfo(value: string): string {
  try {
    const url = new URL(value);
    if (!url.username && !url.password) return value;
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return '[unparsable]';
  }
}
