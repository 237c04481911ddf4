// Programmatic entry of the KubeSphere 4.1 app-store emulator (a stand-in for ks-apiserver).
// See README.md for the rules it copies and the ks-core files each comes from.

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { checkApiServices, type ApiService } from './apiservice.js';
import { Authenticator, type EmulatorUser } from './auth.js';
import { Faults, type FaultOptions } from '@store-importer/emulator-kit';
import { reconcileCategories } from './helper.js';
import { indexRoleTemplates, type PolicyRule, type RoleTemplate } from './rbac.js';
import { seedRelease, type ReleaseSeed } from './apprls.js';
import { seedRepo, type RepoSeed } from './repos.js';
import { createApp, snapshot, type ServerDeps } from './server.js';
import { ExtensionRegistry, type ChartObject, type ExtensionInstall } from './platform/extensions.js';
import { installerHelmArgs, installerNamespace, type InstallerSettings } from './platform/installer.js';
import { KS_CORE_GLOBAL_TEMPLATES } from './platform/roles.js';
import { DEFAULT_KS_VERSION, isKsVersion, KS_VERSIONS, type KsVersion } from './platform/version.js';
import { Store } from './store.js';
import { UncategorizedCategoryID } from './constants.js';

export type {
  ApiService,
  ChartObject,
  EmulatorUser,
  ExtensionInstall,
  FaultOptions,
  InstallerSettings,
  KsVersion,
  PolicyRule,
  ReleaseSeed,
  RepoSeed,
  RoleTemplate,
};
export { DEFAULT_KS_VERSION, isKsVersion, KS_VERSIONS };
export { installerHelmArgs, installerNamespace, KS_CORE_GLOBAL_TEMPLATES };

export interface EmulatorOptions {
  host?: string;
  port?: number;
  /** an S3/OSS store is configured: no 1 MiB limit, uploads overwrite (default false) */
  ossStore?: boolean;
  /** the openpitrix extension (and its namespace extension-openpitrix) is installed (default true) */
  openpitrix?: boolean;
  /** JSON file to load state from at start and save it to after every change */
  stateFile?: string;
  faults?: FaultOptions;
  /** users; default: admin/P@88w0rd (platform-admin) and viewer/P@88w0rd (read-only) */
  users?: EmulatorUser[];
  /** RoleTemplates the users' global roles aggregate (`roleTemplates` of a user names them) */
  roleTemplates?: RoleTemplate[];
  /** extension APIs: requests to /kapis/<group>/<version>/... are authorized, then forwarded */
  apiServices?: ApiService[];
  /** static bearer tokens of the default users */
  adminToken?: string;
  viewerToken?: string;
  /** repos present at start (as if created with kubectl) */
  repos?: RepoSeed[];
  /**
   * workspaces (WorkspaceTemplates) present at start besides system-workspace; a repo's workspace
   * exists too. Members: a user's `workspaceRoles`.
   */
  workspaces?: string[];
  /** create kubesphere-app-uncategorized at start (ks-core only creates it lazily; default false) */
  seedUncategorized?: boolean;
  /** access token lifetime for /oauth/token (default 7200 s, the ks-core chart's 2h) */
  accessTokenMaxAgeSeconds?: number;
  /** log function for unexpected errors (default: console.error) */
  log?: (line: string) => void;
  /** the release answered as (default v4.1.3): version endpoints, the paths open to anyone, App Store rules (releases.ts) */
  ksVersion?: KsVersion;
  /** extensions installed at start (more with installExtension) */
  extensions?: ExtensionInstall[];
  /**
   * The cluster's DNS for in-cluster URLs of installed extensions (APIService spec.url, JSBundle
   * rawFrom.url): `<svc>.<ns>.svc:<port>` -> a base URL such as http://127.0.0.1:8080
   */
  serviceHosts?: Record<string, string>;
}

export interface RunningEmulator {
  url: string;
  adminToken: string;
  viewerToken: string;
  users: EmulatorUser[];
  /** issues a real (JWT) access token for a user, like the password grant */
  issueToken(username: string, expiresInSeconds?: number): string;
  setFaults(f: FaultOptions): void;
  clearFaults(): void;
  setOptions(o: { ossStore?: boolean; openpitrix?: boolean }): void;
  /** replaces the APIServices (an extension's service may start after the emulator) */
  setApiServices(services: ApiService[]): void;
  /** installs (or upgrades) an extension from its chart's objects, as KubeSphere's installer does */
  installExtension(install: ExtensionInstall): void;
  uninstallExtension(name: string): void;
  /** points an in-cluster `<svc>.<ns>.svc:<port>` at a base URL (the service may start later) */
  setServiceHost(hostPort: string, baseUrl: string): void;
  /** an installed app (ApplicationRelease) of a store version, as the console's install would write it */
  seedRelease(release: ReleaseSeed): void;
  state(): unknown;
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_ADMIN_TOKEN = 'emulator-admin-token';
export const DEFAULT_VIEWER_TOKEN = 'emulator-viewer-token';
export const DEFAULT_PASSWORD = 'P@88w0rd';

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const adminToken = options.adminToken ?? DEFAULT_ADMIN_TOKEN;
  const viewerToken = options.viewerToken ?? DEFAULT_VIEWER_TOKEN;
  const users = options.users ?? [
    { username: 'admin', password: DEFAULT_PASSWORD, role: 'platform-admin', tokens: [adminToken] },
    { username: 'viewer', password: DEFAULT_PASSWORD, role: 'viewer', tokens: [viewerToken] },
  ];
  const version = options.ksVersion ?? DEFAULT_KS_VERSION;
  if (!isKsVersion(version)) throw new Error(`emulator: ksVersion must be one of ${KS_VERSIONS.join(', ')}`);
  const cfg = { ossStore: options.ossStore ?? false, openpitrix: options.openpitrix ?? true, version };
  const store = new Store(options.stateFile, () => cfg.openpitrix);
  const auth = new Authenticator(users);
  if (options.accessTokenMaxAgeSeconds !== undefined)
    auth.accessTokenMaxAgeSeconds = options.accessTokenMaxAgeSeconds;
  const faults = new Faults(options.faults ?? {});
  const log =
    options.log ??
    ((line: string) => {
      console.error(line);
    });
  const seed = (): void => {
    const deps = { store, cfg, persist: () => undefined };
    for (const r of options.repos ?? []) if (!store.repos.has(r.name)) seedRepo(deps, r);
    if (options.seedUncategorized) reconcileCategories(store, [UncategorizedCategoryID]);
  };
  if (!store.load()) seed();
  const extensions = new ExtensionRegistry();
  for (const install of options.extensions ?? []) extensions.install(install);
  // ks-core's own templates, then those given and the installed extensions' (which may not repeat a name)
  const roleTemplates = (): Map<string, RoleTemplate> =>
    new Map([
      ...KS_CORE_GLOBAL_TEMPLATES.map((t): [string, RoleTemplate] => [t.name, t]),
      ...indexRoleTemplates([...(options.roleTemplates ?? []), ...extensions.roleTemplates()]),
    ]);
  // `<host>:<port>`, the port spelled out (a URL drops :80 and :443)
  const hostPort = (url: URL): string =>
    `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  const serviceKey = (key: string): string => hostPort(new URL(`http://${key}`));
  const serviceHosts = new Map(
    Object.entries(options.serviceHosts ?? {}).map(([key, base]) => [serviceKey(key), base]),
  );
  const s: ServerDeps = {
    store,
    cfg,
    auth,
    extensions,
    since: new Date().toISOString(),
    workspaces: options.workspaces ?? [],
    resolveService: (url) => {
      const parsed = new URL(url);
      const base = serviceHosts.get(hostPort(parsed));
      return base === undefined ? url : new URL(`${parsed.pathname}${parsed.search}`, base).toString();
    },
    roleTemplates: roleTemplates(),
    apiServices: checkApiServices(options.apiServices ?? []),
    faults,
    log,
    persist: () => {
      store.save();
    },
    reset: () => {
      store.reset();
      seed();
      store.save();
    },
  };
  const app = createApp(s);
  const server: Server = await new Promise((resolve, reject) => {
    const srv = app.listen(options.port ?? 0, options.host ?? '127.0.0.1', (err?: Error) => {
      if (err) reject(err);
      else resolve(srv);
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    adminToken,
    viewerToken,
    users,
    issueToken: (username, expiresInSeconds) =>
      auth.issue(username, 'access_token', expiresInSeconds ?? auth.accessTokenMaxAgeSeconds),
    setFaults: (f) => {
      faults.set(f);
    },
    clearFaults: () => {
      faults.clear();
    },
    setOptions: (o) => {
      if (o.ossStore !== undefined) cfg.ossStore = o.ossStore;
      if (o.openpitrix !== undefined) cfg.openpitrix = o.openpitrix;
    },
    setApiServices: (services) => {
      s.apiServices = checkApiServices(services);
    },
    installExtension: (install) => {
      extensions.install(install);
      s.roleTemplates = roleTemplates();
    },
    uninstallExtension: (name) => {
      extensions.uninstall(name);
      s.roleTemplates = roleTemplates();
    },
    setServiceHost: (service, baseUrl) => {
      serviceHosts.set(serviceKey(service), baseUrl);
    },
    seedRelease: (release) => {
      seedRelease(store, release);
      store.save();
    },
    state: () => snapshot(s),
    reset: s.reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => {
          if (err) reject(err);
          else resolve();
        });
      }),
  };
}
