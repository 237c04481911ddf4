// The service's calls to KubeSphere, always with a given token (the caller's, or the extension's
// own for scheduled work), so that KubeSphere RBAC decides. The App Store itself is the engine's
// client (KubeSphereStore); this adds what the service needs besides: a configured Helm repo
// with its URL and credentials, a side-effect-free "may manage the App Store" check, and a ping.
// Every call goes through the engine's KubeSphere client (KubeSphereApi): one HTTP stack, one
// retry policy, the same StoreError for every failure.
import { APP_API_PATH, KubeSphereApi, KubeSphereStore } from '../../engine/index.js';
import type { AppStore, StoreRepo, StoreWorkspace, WorkspaceCheck } from '../../engine/index.js';
import { StoreError } from '../../engine/index.js';
import type { RepoCredentials } from './types.js';

/** A Helm repository configured in KubeSphere (a Repo object), as read through its API. */
export interface ConfiguredRepo {
  name: string;
  /** Without userinfo: credentials found in the URL are moved to `credentials`. */
  url: string;
  /** Present when KubeSphere returned some; KubeSphere may leave them out (see backend/README.md). */
  credentials?: RepoCredentials;
  insecureSkipTLSVerify?: boolean;
}

export interface KubeSphereGateway {
  /** The App Store API as the holder of `token`, in `workspace` or the global store. */
  store(token: string, workspace?: string): AppStore;
  /** Helm repos the token may see, without credentials: the global ones, and `workspace`'s when given. */
  listRepos(token: string, signal?: AbortSignal, workspace?: string): Promise<StoreRepo[]>;
  getRepo(token: string, name: string, workspace?: string, signal?: AbortSignal): Promise<ConfiguredRepo>;
  /** Resolves when the token may read the App Store; StoreError (401/403/...) otherwise. */
  checkRead(token: string, signal?: AbortSignal): Promise<void>;
  /** Resolves when the token may create store apps (globally or in `workspace`). */
  checkManage(token: string, workspace?: string, signal?: AbortSignal): Promise<void>;
  /** Resolves when ks-apiserver answers HTTP at all. */
  ping(signal?: AbortSignal): Promise<void>;
  /** The workspaces the token may see (the tenant API), without system-workspace. */
  listWorkspaces(token: string, signal?: AbortSignal): Promise<StoreWorkspace[]>;
  /** The engine's check that an import's workspace exists: InputError naming it when not. */
  checkWorkspace(token: string, workspace: string, signal?: AbortSignal): Promise<WorkspaceCheck>;
}

export interface KubeSphereGatewayOptions {
  /** ks-apiserver base URL. */
  server: string;
  timeoutMs: number;
}

interface RepoObject {
  metadata?: { name?: string };
  spec?: {
    url?: string;
    credential?: { username?: string; password?: string; caFile?: string; insecureSkipTLSVerify?: boolean };
  };
}

export function createKubeSphereGateway(options: KubeSphereGatewayOptions): KubeSphereGateway {
  const base = options.server.replace(/\/+$/, '');
  const scope = (workspace?: string): string =>
    workspace ? `/workspaces/${encodeURIComponent(workspace)}` : '';

  /** One attempt, as the holder of `token` ('': anonymous). */
  const api = (token: string): KubeSphereApi =>
    new KubeSphereApi({ server: base, token, timeoutMs: options.timeoutMs, attempts: 1 });

  return {
    store: (token, workspace) =>
      new KubeSphereStore({ server: base, token, workspace, timeoutMs: options.timeoutMs }),

    async listRepos(token, signal, workspace) {
      // The workspace route lists system-workspace's repos and the workspace's (ks-core ListRepos).
      const repos = await new KubeSphereStore({
        server: base,
        token,
        workspace,
        timeoutMs: options.timeoutMs,
      }).listRepos(signal);
      // KubeSphere keeps credentials typed into the URL in the URL: never pass them on.
      return repos.map((repo) => {
        const { url, credentials } = splitUserinfo(repo.url);
        return { ...repo, url, hasCredentials: repo.hasCredentials || credentials !== undefined };
      });
    },

    async getRepo(token, name, workspace, signal) {
      const path = `${APP_API_PATH}${scope(workspace)}/repos/${encodeURIComponent(name)}`;
      const repo = await api(token).call<RepoObject>({ method: 'GET', path }, signal, undefined, (text) => {
        try {
          return JSON.parse(text) as unknown;
        } catch (cause) {
          throw new StoreError(`GET ${path}: KubeSphere answered something else than JSON`, 502, { cause });
        }
      });
      return toConfiguredRepo(name, repo);
    },

    async checkRead(token, signal) {
      await new KubeSphereStore({
        server: base,
        token,
        timeoutMs: options.timeoutMs,
        attempts: 1,
      }).listCategories(signal);
    },

    // The engine's check (KubeSphereStore.checkManage), shared with the CLI.
    async checkManage(token, workspace, signal) {
      await new KubeSphereStore({
        server: base,
        token,
        workspace,
        timeoutMs: options.timeoutMs,
        attempts: 1,
      }).checkManage(signal);
    },

    listWorkspaces: (token, signal) =>
      new KubeSphereStore({ server: base, token, timeoutMs: options.timeoutMs, attempts: 1 }).listWorkspaces(
        signal,
      ),

    // The engine's check (KubeSphereStore.checkWorkspace), shared with the CLI.
    checkWorkspace: (token, workspace, signal) =>
      new KubeSphereStore({
        server: base,
        token,
        workspace,
        timeoutMs: options.timeoutMs,
        attempts: 1,
      }).checkWorkspace(signal),

    async ping(signal) {
      // Any HTTP answer (404 included) shows ks-apiserver is up; only a network failure is not.
      await api('')
        .call({ method: 'GET', path: '/version' }, signal, undefined, () => undefined)
        .catch((error: unknown) => {
          if (!(error instanceof StoreError) || error.status === 0) throw error;
        });
    },
  };
}

/** A URL without its userinfo, and the credentials that were in it. */
export function splitUserinfo(raw: string): { url: string; credentials?: RepoCredentials } {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    // Not a URL: the repository client refuses it with a clear message.
    return { url: raw };
  }
  if (!parsed.username && !parsed.password) return { url: raw };
  const credentials: RepoCredentials = {};
  if (parsed.username) credentials.username = decodeURIComponent(parsed.username);
  if (parsed.password) credentials.password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  const url = parsed.toString();
  return { url: raw.endsWith('/') || !url.endsWith('/') ? url : url.slice(0, -1), credentials };
}

function toConfiguredRepo(name: string, repo: RepoObject): ConfiguredRepo {
  const credential = repo.spec?.credential ?? {};
  const split = splitUserinfo(repo.spec?.url ?? '');
  const url = split.url;
  const credentials: RepoCredentials = { ...split.credentials };
  if (credential.username) credentials.username = credential.username;
  if (credential.password) credentials.password = credential.password;
  if (credential.caFile?.includes('-----BEGIN')) credentials.caPem = credential.caFile;
  const hasCredentials = Object.keys(credentials).length > 0;
  return {
    name,
    url,
    ...(hasCredentials ? { credentials } : {}),
    ...(credential.insecureSkipTLSVerify ? { insecureSkipTLSVerify: true } : {}),
  };
}
