// Client of the KubeSphere App Store API, /kapis/application.kubesphere.io/v2
// (ks-core pkg/kapis/application/v2/register.go). Every write goes through this API; no CR is
// written directly. Calls, retries and errors (StoreError) are KubeSphereApi's (api.ts).
import { StoreError, StoreMissingError } from '../errors.js';
import { APP_API_PATH, type KubeSphereCall, KubeSphereApi, type StoreRetryInfo } from './api.js';
import { createAppCanName, dialectFor } from './dialect.js';
import { multipartBody } from './multipart.js';
import {
  ANNOTATION_ALIAS,
  ANNOTATION_LATEST_VERSION,
  ANNOTATION_ORIGINAL_NAME,
  LABEL_APP_VERSION_ID,
  LABEL_CATEGORY,
  LABEL_WORKSPACE,
  SYSTEM_WORKSPACE,
} from './kubesphere-keys.js';
import type {
  AppStore,
  ReviewState,
  StoreDialect,
  StoreApp,
  StoreCategory,
  StoreRepo,
  StoreVersion,
  StoreWorkspace,
  UploadRequest,
} from './types.js';
import { checkWorkspace, listWorkspaces, type WorkspaceCheck } from './workspaces.js';

export interface StoreClientOptions {
  /** ks-apiserver or ks-console base URL. */
  server: string;
  token: string;
  /** Target workspace; undefined for the global store. */
  workspace?: string;
  timeoutMs?: number;
  /** Attempts for a call that failed with a network error, 408, 429 or 5xx. Default 3. */
  attempts?: number;
  onRetry?: (info: StoreRetryInfo) => void;
}

interface ObjectMeta {
  name?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface KubeObject<Spec = Record<string, unknown>> {
  metadata?: ObjectMeta;
  spec?: Spec;
  status?: { state?: string };
}
interface ListResult<T> {
  items?: T[] | null;
  totalItems?: number;
}
/** k8s.io/apimachinery validation IsValidLabelValue: at most 63 characters, alphanumeric at both ends. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** Version names per release list: the selector stays a short query string. */
const RELEASE_QUERY_NAMES = 25;
/** What a version endpoint gave: the server's gitVersion, or why there is none. */
type VersionAnswer = { gitVersion: string } | { status: number; why: string };

export class KubeSphereStore implements AppStore {
  readonly workspace: string | undefined;
  private readonly api: KubeSphereApi;
  private dialect: Promise<StoreDialect> | undefined;

  constructor(options: StoreClientOptions) {
    this.workspace = options.workspace;
    this.api = new KubeSphereApi({ ...options, apiPath: APP_API_PATH });
  }

  /** `/workspaces/{ws}` for workspace routes, '' for global ones. */
  private get scope(): string {
    return this.workspace ? `/workspaces/${encodeURIComponent(this.workspace)}` : '';
  }

  async listApps(signal?: AbortSignal): Promise<StoreApp[]> {
    const list = await this.call<ListResult<KubeObject<{ appType?: string }>>>(
      {
        method: 'GET',
        path: `${this.scope}/apps`,
        query: { labelSelector: 'application.kubesphere.io/repo-name=upload' },
      },
      signal,
    );
    return (list.items ?? []).map((item) => ({
      name: item.metadata?.name ?? '',
      state: item.status?.state ?? '',
      workspace: item.metadata?.labels?.[LABEL_WORKSPACE] ?? '',
      categoryName: item.metadata?.labels?.[LABEL_CATEGORY] ?? '',
      originalName: item.metadata?.annotations?.[ANNOTATION_ORIGINAL_NAME] ?? '',
      latestVersion: item.metadata?.annotations?.[ANNOTATION_LATEST_VERSION],
    }));
  }

  async listVersions(app: string, signal?: AbortSignal): Promise<StoreVersion[]> {
    const list = await this.call<
      ListResult<KubeObject<{ versionName?: string; digest?: string; created?: string }>>
    >({ method: 'GET', path: `${this.scope}/apps/${encodeURIComponent(app)}/versions` }, signal);
    return (list.items ?? []).map((item) => ({
      name: item.metadata?.name ?? '',
      versionName: item.spec?.versionName ?? '',
      state: item.status?.state ?? '',
      digest: item.spec?.digest,
      created: item.spec?.created,
    }));
  }

  /** The server's App Store dialect, learnt once from its version (dialect.ts). */
  serverDialect(signal?: AbortSignal): Promise<StoreDialect> {
    // A failure (a cancel, the network) is not remembered: the next caller asks again.
    this.dialect ??= this.learnDialect(signal).catch((error: unknown) => {
      this.dialect = undefined;
      throw error;
    });
    return this.dialect;
  }

  async createApp(request: UploadRequest, pkg: Buffer, signal?: AbortSignal): Promise<void> {
    // POST /apps takes the workspace from the body ('' = global only).
    const body = { ...request, workspace: this.workspace ?? '' };
    const { rules } = await this.serverDialect(signal);
    if (createAppCanName(rules, request.appName, request.versionName)) {
      await this.upload(`${this.scope}/apps`, body, pkg, signal);
      return;
    }
    // Before 4.1.3 POST /apps writes the app, then fails (500) on the version's unformatted name;
    // the versions route formats it. One attempt: a retry would only meet the app (409).
    // Any 5xx (the expected one, or one whose write went through): the versions route decides.
    await this.upload(`${this.scope}/apps`, body, pkg, signal, 1).catch((error: unknown) => {
      if (!(error instanceof StoreError && (error.status >= 500 || error.status === 409))) throw error;
    });
    await this.createVersion(request.appName, request, pkg, signal);
  }

  async createVersion(app: string, request: UploadRequest, pkg: Buffer, signal?: AbortSignal): Promise<void> {
    // A new version's workspace is the path's (else system-workspace) in 4.1.3, the body's before
    // (handler_appversion.go CreateOrUpdateAppVersion): both are sent, so every release agrees.
    const body = { ...request, workspace: this.workspace ?? SYSTEM_WORKSPACE };
    await this.upload(`${this.scope}/apps/${encodeURIComponent(app)}/versions`, body, pkg, signal);
  }

  async hasVersionPackage(app: string, version: string, signal?: AbortSignal): Promise<boolean> {
    try {
      const body = await this.call<{ package?: unknown }>(
        { method: 'GET', path: `${this.versionPath(app, version)}/package` },
        signal,
      );
      return typeof body.package === 'string' && body.package.length > 0;
    } catch (error) {
      // FailOverGet answers 500 when the stored package is missing.
      if (error instanceof StoreError && (error.status === 404 || error.status === 500)) return false;
      throw error;
    }
  }

  async deleteVersion(app: string, version: string, signal?: AbortSignal): Promise<void> {
    await this.call({ method: 'DELETE', path: this.versionPath(app, version) }, signal);
  }

  /**
   * Installed applications per version, the way ks-core tells a version in use: every
   * ApplicationRelease carries the label appversion-id = spec.appVersionID (handler_apprls.go
   * CreateOrUpdateAppRls), and the version controller keeps a deleted version's package while a
   * release has it (appversion_contrlller.go deleteFile). ListAppRls lists releases with a label
   * selector across namespaces; always on the global route, also for a workspace's store: once
   * released, a workspace's app can be installed from other workspaces, which the workspace route
   * would not list. A caller who may not list them all gets 403, and then nothing is removed. A
   * name that is no label value cannot be on a release (the API server refuses such a label) and
   * is not asked about.
   */
  async versionsInUse(names: readonly string[], signal?: AbortSignal): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const asked = names.filter((name) => name !== '' && name.length <= 63 && LABEL_VALUE.test(name));
    for (let start = 0; start < asked.length; start += RELEASE_QUERY_NAMES) {
      const chunk = asked.slice(start, start + RELEASE_QUERY_NAMES);
      const list = await this.call<ListResult<KubeObject<{ appVersionID?: string }>>>(
        {
          method: 'GET',
          path: '/applications',
          query: { labelSelector: `${LABEL_APP_VERSION_ID} in (${chunk.join(',')})` },
        },
        signal,
      );
      for (const item of list.items ?? []) {
        const version = item.metadata?.labels?.[LABEL_APP_VERSION_ID] ?? item.spec?.appVersionID;
        if (version !== undefined) counts.set(version, (counts.get(version) ?? 0) + 1);
      }
    }
    return counts;
  }

  async deleteApp(app: string, signal?: AbortSignal): Promise<void> {
    await this.call({ method: 'DELETE', path: `${this.scope}/apps/${encodeURIComponent(app)}` }, signal);
  }

  async setVersionState(
    app: string,
    version: string,
    state: ReviewState,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.call(
      {
        method: 'POST',
        path: `${this.versionPath(app, version)}/action`,
        json: { state, message: 'imported by store-importer' },
      },
      signal,
    );
  }

  async setAppState(app: string, state: 'active' | 'suspended', signal?: AbortSignal): Promise<void> {
    // The app action has no workspace route (register.go).
    await this.call(
      { method: 'POST', path: `/apps/${encodeURIComponent(app)}/action`, json: { state } },
      signal,
    );
  }

  /**
   * Proof of "may manage the App Store" without side effects: ks-apiserver authorizes
   * `create apps` (RBAC: the manage-app role template) BEFORE the handler runs, and with
   * `?validate=true` and an empty body the handler writes nothing (it fails to parse the
   * missing package). So 401/403 throw; any other answer means the RBAC check passed.
   */
  async checkManage(signal?: AbortSignal): Promise<void> {
    try {
      await this.call(
        { method: 'POST', path: `${this.scope}/apps`, query: { validate: 'true' }, json: {} },
        signal,
        1,
      );
    } catch (error) {
      if (
        !(error instanceof StoreError) ||
        error.status === 401 ||
        error.status === 403 ||
        error.status === 0
      )
        throw error;
      // No App Store API at all: the openpitrix extension is not installed.
      if (error.status === 404 && /page not found/i.test(error.message))
        throw new StoreMissingError(
          `${error.message.replace(/ \(404\)$/, '')}: the App Store API is missing (404)`,
          404,
        );
    }
  }

  /**
   * Before anything is read or written: the target workspace exists (InputError naming it and
   * the workspaces the token sees, when not). The global store needs no check.
   */
  async checkWorkspace(signal?: AbortSignal): Promise<WorkspaceCheck> {
    if (!this.workspace) return 'found';
    return checkWorkspace(this.api, this.workspace, signal);
  }

  /** The workspaces the token may see (the tenant API), without system-workspace. */
  listWorkspaces(signal?: AbortSignal): Promise<StoreWorkspace[]> {
    return listWorkspaces(this.api, signal);
  }

  async listCategories(signal?: AbortSignal): Promise<StoreCategory[]> {
    const list = await this.call<ListResult<KubeObject>>({ method: 'GET', path: '/categories' }, signal);
    return (list.items ?? []).map((item) => ({
      name: item.metadata?.name ?? '',
      displayName: item.metadata?.annotations?.[ANNOTATION_ALIAS] ?? item.metadata?.name ?? '',
    }));
  }

  async createCategory(category: StoreCategory, signal?: AbortSignal): Promise<void> {
    await this.call(
      {
        method: 'POST',
        path: '/categories',
        json: {
          metadata: {
            name: category.name,
            annotations: { [ANNOTATION_ALIAS]: category.displayName, 'kubesphere.io/description': '' },
          },
          spec: { icon: '' },
        },
      },
      signal,
    );
  }

  async listRepos(signal?: AbortSignal): Promise<StoreRepo[]> {
    const list = await this.call<
      ListResult<KubeObject<{ url?: string; credential?: { username?: string; password?: string } }>>
    >({ method: 'GET', path: `${this.scope}/repos` }, signal);
    return (list.items ?? []).map((item) => ({
      name: item.metadata?.name ?? '',
      url: item.spec?.url ?? '',
      workspace: item.metadata?.labels?.[LABEL_WORKSPACE] ?? SYSTEM_WORKSPACE,
      hasCredentials: Boolean(item.spec?.credential?.username ?? item.spec?.credential?.password),
    }));
  }

  /**
   * GET /kapis/version, then /version: both answer version.Get() (pkg/kapis/version/register.go).
   * apiserver.go excludedPaths opens /kapis/version to anyone in 4.1.1 and 4.1.2; 4.1.3 authorizes it
   * (platform-admin may, the manage-app role template may not) and keeps /version open, which a
   * ks-console URL may not forward. A 401 fails the run as any call would.
   */
  private async learnDialect(signal?: AbortSignal): Promise<StoreDialect> {
    const kapis = await this.readVersion('/kapis/version', signal);
    if ('gitVersion' in kapis) return dialectFor(kapis.gitVersion);
    const open = await this.readVersion('/version', signal);
    if ('gitVersion' in open) return dialectFor(open.gitVersion);
    // Only 4.1.3 and later refuse /kapis/version to a signed-in user.
    if (kapis.status === 403) return { serverVersion: undefined, rules: 'v4.1.3', warning: undefined };
    return dialectFor(undefined, kapis.why);
  }

  private async readVersion(path: string, signal?: AbortSignal): Promise<VersionAnswer> {
    try {
      // A console page instead of JSON is an answer too.
      const info = await this.call(
        { method: 'GET', path, fromServerRoot: true },
        signal,
        undefined,
        (body) => {
          try {
            return JSON.parse(body) as unknown;
          } catch {
            return undefined;
          }
        },
      );
      const gitVersion =
        typeof info === 'object' && info !== null && 'gitVersion' in info ? info.gitVersion : undefined;
      if (typeof gitVersion === 'string') return { gitVersion };
      return { status: 200, why: `GET ${path}: no gitVersion in its answer` };
    } catch (error) {
      if (error instanceof StoreError && error.status !== 401 && error.status !== 0)
        return { status: error.status, why: error.message };
      throw error;
    }
  }

  private versionPath(app: string, version: string): string {
    return `${this.scope}/apps/${encodeURIComponent(app)}/versions/${encodeURIComponent(version)}`;
  }

  /** Multipart upload: the `file` part and the AppRequest, without `package`, as `jsonData`. */
  private async upload(
    path: string,
    request: object,
    pkg: Buffer,
    signal?: AbortSignal,
    attempts?: number,
  ): Promise<void> {
    const body = multipartBody([
      { name: 'jsonData', value: JSON.stringify({ repoName: 'upload', appType: 'helm', ...request }) },
      { name: 'file', value: pkg, filename: 'chart.tgz', contentType: 'application/gzip' },
    ]);
    await this.call({ method: 'POST', path, body }, signal, attempts);
  }

  private call<T = unknown>(
    call: KubeSphereCall,
    signal?: AbortSignal,
    attempts?: number,
    parse?: (body: string) => unknown,
  ): Promise<T> {
    return this.api.call<T>(call, signal, attempts, parse);
  }
}
