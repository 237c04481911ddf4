// Programmatic entry of the kube-apiserver emulator: the parts of the Kubernetes API the backend and its
// installation use (CRDs and their custom resources, Secrets, Leases, ServiceAccounts, Services,
// Deployments, ReplicaSets, NetworkPolicies, RBAC with its authorizer, namespaces read-only).
// See README.md for the rules and the Kubernetes source each one comes from.

import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { stringify } from 'yaml';
import { CRD_BUCKET, crdKind, CrdServing } from './apiextensions.js';
import {
  Authenticator,
  serviceAccountToken,
  SYSTEM_MASTERS,
  type AllowRule,
  type Identity,
  type TokenUser,
} from './auth.js';
import { Authorizer } from './authorizer.js';
import { leaseDef, secretDef } from './builtins.js';
import { parseCrdInputs } from './crd.js';
import { uncoveredRules, type WriteContext } from './escalation.js';
import { Faults, type FaultOptions } from '@store-importer/emulator-kit';
import { typedKinds } from './kinds.js';
import { PATCH_META, patchMetaOf, type FieldStrategy, type PatchMeta } from './patchmeta.js';
import { RuleResolver, type PolicyRule } from './rbac.js';
import { nowTime, Registry } from './registry.js';
import type { ResourceDef } from './resource.js';
import { createApiServer, namespaceRecord } from './server.js';
import { Storage } from './storage.js';
import type { KObject } from './types.js';
import { Watches } from './watch.js';

export type { AllowRule, FaultOptions, FieldStrategy, PatchMeta, PolicyRule, TokenUser };
export { PATCH_META, patchMetaOf, serviceAccountToken, uncoveredRules };

export interface KubeApiserverEmulatorOptions {
  host?: string;
  port?: number;
  /** extra static tokens: full access, an `allow` list, or `rbac: true` (see TokenUser) */
  tokens?: Record<string, TokenUser>;
  /** the default full-access token (default "kube-emulator-admin-token", user "system:admin") */
  adminToken?: string;
  /** namespaces that exist, besides default, kube-system, kube-public, kube-node-lease */
  namespaces?: string[];
  /** CustomResourceDefinitions (apiextensions.k8s.io/v1): YAML text (multi-document allowed) or objects */
  crds?: (string | object)[];
  /** CRDs with x-kubernetes-validations are refused unless this is true (CEL is not evaluated) */
  allowUnevaluatedCelRules?: boolean;
  faults?: FaultOptions;
  /** events kept for watches and consistent paging (default 1000); older resourceVersions are 410 */
  historySize?: number;
  /** interval of BOOKMARK events on watches with allowWatchBookmarks (default 60000 ms; 0 = never) */
  bookmarkIntervalMs?: number;
}

export interface RunningKubeApiserverEmulator {
  url: string;
  /** a full-access bearer token */
  token: string;
  /** a kubeconfig (YAML) for KubeConfig.loadFromString, pointing at this server */
  kubeconfigFor(token?: string, namespace?: string): string;
  /** every stored object by bucket, the namespaces, the CRDs, the resourceVersion */
  state(): EmulatorState;
  /** back to the start: every object dropped, the CRDs of `crds` created again (resourceVersions keep increasing; older watches get 410) */
  reset(): void;
  setFaults(f: FaultOptions): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export interface EmulatorState {
  resourceVersion: string;
  namespaces: string[];
  crds: string[];
  objects: Record<string, KObject[]>;
  faults: FaultOptions;
}

export const DEFAULT_ADMIN_TOKEN = 'kube-emulator-admin-token';
const BUILTIN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export async function startKubeApiserverEmulator(
  options: KubeApiserverEmulatorOptions = {},
): Promise<RunningKubeApiserverEmulator> {
  const storage = new Storage(options.historySize ?? 1000);
  const crdOptions = { allowUnevaluatedCelRules: options.allowUnevaluatedCelRules ?? false, now: nowTime };
  const resources: ResourceDef[] = [secretDef(), leaseDef(), ...typedKinds()];
  resources.push(crdKind(resources, crdOptions));
  const crdServing = new CrdServing(storage, resources, crdOptions);
  const namespaces = new Map<string, KObject>();
  for (const ns of [...BUILTIN_NAMESPACES, ...(options.namespaces ?? [])]) {
    if (!namespaces.has(ns)) namespaces.set(ns, namespaceRecord(ns, randomUUID(), storage.bump(), nowTime()));
  }
  const adminToken = options.adminToken ?? DEFAULT_ADMIN_TOKEN;
  const tokenMap = new Map<string, TokenUser>([
    [adminToken, { user: 'system:admin', groups: [SYSTEM_MASTERS] }],
  ]);
  for (const [t, u] of Object.entries(options.tokens ?? {})) tokenMap.set(t, u);
  const faults = new Faults(options.faults ?? {});
  const registry = new Registry({ storage, namespaceExists: (ns) => namespaces.has(ns), now: nowTime });
  const resolver = new RuleResolver(storage);
  const authorizer = new Authorizer(resolver);
  const admin: Identity = { user: { name: 'system:admin', groups: [SYSTEM_MASTERS] } };
  const adminCtx: WriteContext = {
    identity: admin,
    authorize: authorizer.authorize.bind(authorizer),
    resolver,
  };
  const crdDef = resources.find((r) => r.bucket === CRD_BUCKET);
  if (!crdDef) throw new Error('unreachable: no CRD resource');
  const startupCrds = parseCrdInputs(options.crds ?? []);
  const createStartupCrds = (): void => {
    const req = {
      def: crdDef,
      namespace: '',
      name: '',
      subresource: '',
      query: new URLSearchParams(),
      ctx: adminCtx,
    };
    for (const raw of startupCrds) registry.create(req, raw);
  };
  createStartupCrds();
  const watches = new Watches(storage, { bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000 });
  const state = (): EmulatorState => ({
    resourceVersion: String(storage.resourceVersion),
    namespaces: [...namespaces.keys()],
    crds: storage.list(CRD_BUCKET).items.map(([name]) => name),
    objects: storage.all(),
    faults: faults.current,
  });
  const reset = (): void => {
    watches.closeAll();
    storage.reset();
    crdServing.unserveAll();
    createStartupCrds();
  };
  const server = createApiServer({
    storage,
    registry,
    watches,
    auth: new Authenticator(tokenMap),
    authorizer,
    resolver,
    faults,
    resources,
    namespaces,
    state,
    reset,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}`;
  return {
    url,
    token: adminToken,
    kubeconfigFor(token = adminToken, namespace?: string): string {
      return stringify({
        apiVersion: 'v1',
        kind: 'Config',
        // client-node refuses plain http unless insecure-skip-tls-verify is set (config.ts createAgent)
        clusters: [{ name: 'emulator', cluster: { server: url, 'insecure-skip-tls-verify': true } }],
        users: [{ name: 'emulator-user', user: { token } }],
        contexts: [
          {
            name: 'emulator',
            context: { cluster: 'emulator', user: 'emulator-user', ...(namespace ? { namespace } : {}) },
          },
        ],
        'current-context': 'emulator',
        preferences: {},
      });
    },
    state,
    reset,
    setFaults: (f) => {
      faults.set(f);
    },
    clearFaults: () => {
      faults.clear();
    },
    close: async () => {
      watches.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}
