// The KubeSphere App Store as the engine sees it. Field names follow ks-core's
// staging/src/kubesphere.io/api/application/v2 types.
import type { Message } from '../messages/index.js';

/** The ks-core release whose App Store rules a server follows. */
export type StoreRules = 'v4.1.2' | 'v4.1.3';

export interface StoreDialect {
  /** gitVersion from /kapis/version or /version; undefined when it could not be learnt. */
  readonly serverVersion: string | undefined;
  /** 'v4.1.2' for 4.1.1 and 4.1.2 (alike here); 'v4.1.3' for 4.1.3, KSE 4.2 and anything newer. */
  readonly rules: StoreRules;
  /** Set when the rules are a guess: the version is unknown, or newer than this importer knows. */
  readonly warning: Message | undefined;
}

export type ReviewState = 'draft' | 'submitted' | 'passed' | 'rejected' | 'active' | 'suspended';

export interface StoreApp {
  name: string;
  state: string;
  workspace: string;
  categoryName: string;
  originalName: string;
  latestVersion?: string;
}

export interface StoreVersion {
  /** Object name, `<app>-<version, formatted by the server's release>` (dialect.ts). */
  name: string;
  versionName: string;
  state: string;
  digest?: string;
  /** spec.created, RFC 3339. */
  created?: string;
}

export interface StoreCategory {
  name: string;
  displayName: string;
}

/** A configured Helm repo source (Repo CR), without its credentials. */
export interface StoreRepo {
  name: string;
  url: string;
  workspace: string;
  hasCredentials: boolean;
}

/** A KubeSphere workspace (WorkspaceTemplate) the caller can see. */
export interface StoreWorkspace {
  name: string;
  /** Its alias (`kubesphere.io/alias-name`), else its name. */
  displayName: string;
}

/** The AppRequest fields the importer sends with an upload (pkg/simple/client/application/helper.go). */
export interface UploadRequest {
  appName: string;
  originalName: string;
  aliasName: string;
  versionName: string;
  categoryName: string;
  digest: string;
  icon?: string;
  appHome?: string;
  description?: string;
  abstraction?: string;
}

/** What the engine needs of the store. Tests may pass fakes. */
export interface AppStore {
  /** The target workspace, or undefined for the global store. */
  readonly workspace: string | undefined;
  /** The server's App Store dialect (its KubeSphere version), learnt once. */
  serverDialect(signal?: AbortSignal): Promise<StoreDialect>;
  listApps(signal?: AbortSignal): Promise<StoreApp[]>;
  listVersions(app: string, signal?: AbortSignal): Promise<StoreVersion[]>;
  createApp(request: UploadRequest, pkg: Buffer, signal?: AbortSignal): Promise<void>;
  createVersion(app: string, request: UploadRequest, pkg: Buffer, signal?: AbortSignal): Promise<void>;
  hasVersionPackage(app: string, version: string, signal?: AbortSignal): Promise<boolean>;
  deleteVersion(app: string, version: string, signal?: AbortSignal): Promise<void>;
  /**
   * How many installed applications (ApplicationReleases) use each of these versions, by version
   * object name; versions in no release are absent. Optional: without it nothing counts as unused.
   */
  versionsInUse?(names: readonly string[], signal?: AbortSignal): Promise<Map<string, number>>;
  deleteApp(app: string, signal?: AbortSignal): Promise<void>;
  setVersionState(app: string, version: string, state: ReviewState, signal?: AbortSignal): Promise<void>;
  setAppState(app: string, state: 'active' | 'suspended', signal?: AbortSignal): Promise<void>;
  listCategories(signal?: AbortSignal): Promise<StoreCategory[]>;
  createCategory(category: StoreCategory, signal?: AbortSignal): Promise<void>;
  listRepos(signal?: AbortSignal): Promise<StoreRepo[]>;
}
