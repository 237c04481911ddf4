// Programmatic entry of the KubeSphere 4.1 app-store emulator (a stand-in for ks-apiserver).
// See README.md for the rules it copies and the ks-core files each comes from.

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { checkApiServices, type ApiService } from './apiservice.js';
import { Authenticator, type EmulatorUser } from './auth.js';
import { Faults, type FaultOptions } from '@store-importer/emulator-kit';
import { reconcileCategories } from './helper.js';
import { indexRoleTemplates, type PolicyRule, type RoleTemplate } from './rbac.js';
import { seedRepo, type RepoSeed } from './repos.js';
import { createApp, snapshot, type ServerDeps } from './server.js';
import { Store } from './store.js';
import { UncategorizedCategoryID } from './constants.js';

export type { ApiService, EmulatorUser, FaultOptions, PolicyRule, RepoSeed, RoleTemplate };

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
  /** create kubesphere-app-uncategorized at start (ks-core only creates it lazily; default false) */
  seedUncategorized?: boolean;
  /** access token lifetime for /oauth/token (default 7200 s, the ks-core chart's 2h) */
  accessTokenMaxAgeSeconds?: number;
  /** log function for unexpected errors (default: console.error) */
  log?: (line: string) => void;
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
  const cfg = { ossStore: options.ossStore ?? false, openpitrix: options.openpitrix ?? true };
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
  const s: ServerDeps = {
    store,
    cfg,
    auth,
    roleTemplates: indexRoleTemplates(options.roleTemplates ?? []),
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
